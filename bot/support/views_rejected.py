"""WhatsApp items that were never handled: refused at the edge (a bad item in a good batch)
or set aside by the worker side. Support sees when, why and from whom, to reach the parent;
viewers see the number's last digits only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aiohttp import web

from adapters.whatsapp.payload import sender_of
from bot.channels.whatsapp.drainer import KEEP_HANDLED
from bot.support.accounts import support_entry
from bot.support.roles import allows, mask_phone
from bot.support.web import CONSOLE, render, signed_in
from domain.support import RejectedDelivery

PAGE_SIZE = 50
REFUSED = "rejected: "  # how the ack marks an item it refused (storage.whatsapp_deliveries)


@dataclass(frozen=True, slots=True)
class RejectedEntry:
    received_at: datetime
    kind: str
    where: str  # "At the webhook" | "By the worker"
    reason: str
    attempts: int
    sender: str  # shown as the role allows
    search: str  # digits to find the parent's conversations with (agents only)


def _reason(item: RejectedDelivery) -> tuple[str, str]:
    if item.error.startswith(REFUSED):
        return "At the webhook", f"Refused: {item.error[len(REFUSED) :]}"
    if item.error == "unusable":
        return "By the worker", "Set aside: the item could not be read (sender or shape)"
    return "By the worker", f"Set aside after {item.attempts} failed attempts: {item.error}"


def entry(item: RejectedDelivery, redact: bool) -> RejectedEntry:
    wa_id, user_id = sender_of(item.raw)
    if redact:
        sender = mask_phone(wa_id) if wa_id else ("[hidden]" if user_id else "")
    else:
        sender = " · ".join(p for p in (wa_id and f"+{wa_id}", user_id) if p)
    where, reason = _reason(item)
    search = "" if redact else (wa_id or user_id or "")
    return RejectedEntry(
        item.received_at, item.kind, where, reason, item.attempts, sender or "unknown", search
    )


async def rejected(request: web.Request) -> web.Response:
    console = request.app[CONSOLE]
    me = signed_in(request).user
    redact = not allows(me.role, "agent")
    raw_page = request.query.get("page", "1")
    page = int(raw_page) if raw_page.isdigit() and 0 < int(raw_page) < 10_000 else 1
    items, more = await console.queries.rejected_deliveries(page, PAGE_SIZE)
    entries = [entry(i, redact) for i in items]
    # Senders' numbers are parents' data: who looked is audited, as for a transcript.
    await console.auth.store.audit(
        support_entry(me.email, "rejected_viewed", console.clock.now(), redacted=redact)
    )
    return render(
        request, "rejected.html", entries=entries, page=page, more=more, keep_days=KEEP_HANDLED.days
    )

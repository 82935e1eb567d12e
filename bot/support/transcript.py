"""A conversation as the console shows it: messages and system events in one timeline, with
what viewers may not see redacted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.conversation.rendering import is_progress
from bot.support.labels import event_label, money
from bot.support.redaction import HIDDEN_ANSWERS, redactor_for
from bot.support.roles import Redactor, mask_phone
from domain.support import TranscriptMessage, TranscriptRows
from flows.support import SUPPORT_TOPIC

# Internal events kept in chat_messages (kind "event"); progress ticks are left out.
INTERNAL_LABELS = {
    "job_finished": "Job {job} {result}",
    "payment_confirmed": "Payment provider: {result}",
    "reminder_due": "Reminder #{number} due",
}
# Progress ticks, and support actions (their chat_events say who did what) stay out.
QUIET_INTERNAL = {
    "job_progressed",
    "support_replied",
    "pdf_resend_requested",
    "took_over",
    "handed_back",
    "regeneration_granted",
    "support_regenerated",
    "support_edited_profile",
}
_RANK = {"in": 0, "system": 1, "out": 2}


@dataclass(slots=True)
class Item:
    at: datetime
    side: str  # in | out | system
    kind: str  # text, choice, buttons, list, document, image, link, event, note, ...
    text: str = ""
    author: str = ""  # "support" on a person's reply
    options: list[str] = field(default_factory=list)
    label: str = ""  # list button, link title, file name
    asset_id: str | None = None
    url: str | None = None
    status: str = ""
    error: str = ""
    tone: str = ""  # ok | warn | bad, for system lines
    seq: int = 0
    state: str = ""  # the journey state a state change led to


def parent_phone(rows: TranscriptRows, redact: bool) -> str:
    if rows.session.channel != "whatsapp":
        return ""
    number = (rows.user.wa_id if rows.user else None) or rows.session.channel_user_id
    return mask_phone(number) if redact else f"+{number.lstrip('+')}"


def build(rows: TranscriptRows, redact: bool) -> list[Item]:
    r = redactor_for(rows, redact)
    titles = _choice_titles(rows.messages)
    items: list[Item] = []
    folded = _folded_progress(rows.messages)
    for m in rows.messages:
        if m.id in folded and folded[m.id] < 0:
            continue
        item = _message(m, titles, r) if m.kind != "event" else _internal(m, r)
        if item is not None:
            if folded.get(m.id):
                n = folded[m.id]
                item.text += f" ({n} earlier progress update{'s' if n > 1 else ''} folded)"
            items.append(item)
    items += [_event(e.name, e.data, e.created_at, e.id, r) for e in rows.events]
    items += _jobs(rows, r)
    items += _payments(rows)
    items.sort(key=lambda i: (i.at, _RANK[i.side], i.seq))
    return _hide_answers(items) if redact else items


def _folded_progress(messages: tuple[TranscriptMessage, ...]) -> dict[int, int]:
    """Progress ticks as the parent's web chat shows them: a run of them (nothing else from
    the bot in between) is one line, the newest. Message id -> -1 for a folded tick, or the
    number of ticks folded into it."""
    folded: dict[int, int] = {}
    run: list[int] = []
    for m in messages:
        if m.direction != "out" or m.kind == "event":
            continue
        if not is_progress(m.body):
            run = []
            continue
        if run:
            folded[m.id] = len(run)
            for earlier in run:
                folded[earlier] = -1
        run.append(m.id)
    return folded


def _choice_titles(messages: tuple[TranscriptMessage, ...]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for m in messages:
        if m.direction == "out":
            for option in m.body.get("buttons", []) + m.body.get("rows", []):
                titles[option["id"]] = option.get("whole_title") or option["title"]
    return titles


def _message(m: TranscriptMessage, titles: dict[str, str], r: Redactor) -> Item:
    body = m.body
    item = Item(at=m.created_at, side=m.direction, kind=m.kind, seq=m.id)
    if m.direction == "in":
        item.status = m.inbox_status or ""
        if m.kind == "text":
            item.text = r.text(body.get("text"))
        elif m.kind == "choice":
            item.text = r.text(titles.get(body.get("id", ""), "(an old button)"))
        elif m.kind == "image":
            item.text = "[photo redacted]" if r.active else "Photo"
            item.asset_id = None if r.active else body.get("asset_id")
        else:
            item.text = f"({body.get('what', 'unsupported message')})"
        return item
    item.status = m.delivery_status or ""
    item.error = " ".join(p for p in (m.error_code, m.error_detail) if p)
    item.text = r.text(body.get("text") or body.get("caption") or "")
    item.author = "support" if body.get("topic") == SUPPORT_TOPIC else ""
    item.options = [r.text(o["title"]) for o in body.get("buttons", []) + body.get("rows", [])]
    if m.kind == "list":
        item.label = body.get("button", "")
    elif m.kind == "link":
        item.label, item.url = body.get("title", ""), None if r.active else body.get("url")
    elif m.kind in ("document", "image"):
        item.label = r.text(body.get("filename", "picture"))
        item.asset_id = None if r.active else body.get("asset_id")
    return item


def _internal(m: TranscriptMessage, r: Redactor) -> Item | None:
    data = dict(m.body)
    name = data.pop("type", "")
    if name in QUIET_INTERNAL:
        return None
    result = ""
    if name == "job_finished":
        result = "finished" if data.get("ok") else f"failed: {data.get('error') or 'no detail'}"
    elif name == "payment_confirmed":
        result = "paid" if data.get("paid") else "not paid"
    template = INTERNAL_LABELS.get(name, name.replace("_", " "))
    try:
        text = template.format(result=result, **data)
    except (KeyError, IndexError):
        text = template
    bad = (name == "job_finished" and not data.get("ok")) or (
        name == "payment_confirmed" and not data.get("paid")
    )
    return Item(
        at=m.created_at,
        side="system",
        kind="event",
        text=r.text(text),
        tone="bad" if bad else "",
        seq=m.id,
    )


def _event(name: str, data: dict[str, Any], at: datetime, seq: int, r: Redactor) -> Item:
    if name == "support_note":
        return Item(
            at=at, side="system", kind="note", text=r.text(data.get("text")), author=data["by"]
        )
    tone = {"turn_failed": "bad", "handoff_on": "warn", "support_took_over": "warn"}.get(name, "")
    text = r.text(event_label(name, data))
    state = str(data.get("dest", "")) if name == "state_changed" else ""
    return Item(at=at, side="system", kind="event", text=text, tone=tone, seq=seq, state=state)


def _jobs(rows: TranscriptRows, r: Redactor) -> list[Item]:
    items = []
    for job in rows.jobs:
        items.append(
            Item(at=job.created_at, side="system", kind="job", text=f"Job {job.kind} queued")
        )
        if job.status in ("done", "failed"):
            failed = job.status == "failed"
            text = f"Job {job.kind} " + (f"failed: {job.last_error or ''}" if failed else "done")
            items.append(
                Item(
                    at=job.updated_at,
                    side="system",
                    kind="job",
                    text=r.text(text.strip()),
                    tone="bad" if failed else "ok",
                )
            )
    return items


def _payments(rows: TranscriptRows) -> list[Item]:
    items = []
    for p in rows.payments:
        amount = money(p.amount_minor, p.currency)
        items.append(
            Item(
                at=p.created_at,
                side="system",
                kind="payment",
                text=f"Payment link created: {amount} via {p.provider} (payment {p.id})",
            )
        )
        if p.status != "created":
            at = p.confirmed_at or p.updated_at
            tone = "ok" if p.status == "paid" else "bad"
            items.append(
                Item(at=at, side="system", kind="payment", text=f"Payment {p.status}", tone=tone)
            )
    return items


def _hide_answers(items: list[Item]) -> list[Item]:
    """A parent's answers to the name and shipping address questions are hidden from viewers."""
    state = ""
    for item in items:
        state = item.state or state
        if item.side == "in" and state in HIDDEN_ANSWERS:
            item.text = HIDDEN_ANSWERS[state]
    return items

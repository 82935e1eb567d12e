"""Conversations: the list with its filters, one transcript, and what an agent does there."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from bot.app import keys
from bot.support import panels, redaction, transcript
from bot.support.accounts import support_entry
from bot.support.desk import ActionRefused, SupportDesk
from bot.support.labels import STATE_LABELS, STUCK_STATES, state_label
from bot.support.roles import allows, mask_phone
from bot.support.web import CONSOLE, error_page, render, see_other, signed_in
from domain.assets import PRIVATE_KINDS
from domain.support import (
    HANDOFF_EVENTS,
    ChatSessionView,
    ConversationFilter,
    ConversationRow,
    stuck_cutoff,
)
from flows.journey import STATES

PAGE_SIZE = 25
CONSOLE_LINK_TTL_SECONDS = 15 * 60  # files opened from the console: a short-lived link
CHANNELS = ("webchat", "whatsapp")
PAYMENT_STATUSES = ("created", "paid", "failed", "mismatch", "expired", "refunded")
NOTICES = {
    "took_over": "You have taken over. The bot is quiet; the parent was told a person is here.",
    "replied": "Reply sent to the parent.",
    "handed_back": "Handed back: the bot answers again, from where the parent was.",
    "noted": "Note added.",
    "resent": "PDF sent to the parent again.",
    "refunded": "Refunded at the payment provider; the parent was told.",
    "granted": "One more regeneration granted; the parent was told.",
    "regenerating": "A new version is being made with the parent's words.",
    "profile_edited": "Profile changed for the parent; the parent was told.",
    "access_ended": "Web chat signed out: its saved link no longer opens it.",
}


@dataclass(frozen=True, slots=True)
class ListEntry:
    row: ConversationRow
    who: str
    child: str
    waiting_since: datetime | None
    taken_by: str
    stuck: bool


def _flag(value: str | None) -> bool:
    return value in ("1", "on", "yes", "true")


def _filters(request: web.Request, search_names: bool, now: datetime) -> ConversationFilter:
    q = request.query
    console = request.app[CONSOLE]
    handed = q.get("handoff")
    stuck = _flag(q.get("stuck"))
    return ConversationFilter(
        channel=q.get("channel") if q.get("channel") in CHANNELS else None,
        state=q.get("state") if q.get("state") in STATES else None,
        handed_off={"on": True, "off": False}.get(handed or ""),
        waiting=_flag(q.get("waiting")),
        stuck_before=stuck_cutoff(now, console.settings.support_stuck_after_hours)
        if stuck
        else None,
        stuck_states=STUCK_STATES,
        payment=q.get("payment") if q.get("payment") in PAYMENT_STATUSES else None,
        failed=_flag(q.get("failed")),
        include_silent=_flag(q.get("silent")),
        query=q.get("q", "")[:100],
        search_names=search_names,
    )


def _entry(row: ConversationRow, redact: bool, stuck_before: datetime) -> ListEntry:
    if row.channel == "whatsapp":
        number = row.wa_id or row.channel_user_id
        phone = mask_phone(number) if redact else f"+{number.lstrip('+')}"
    else:
        phone = ""
    name = row.parent_name and ("Parent" if redact else row.parent_name)
    who = " · ".join(p for p in (name, phone) if p) or f"Web visitor {row.session_id[:6]}"
    child = ("[child]" if redact else row.child_name) if row.child_name else ""
    handoff = row.handoff if row.handed_off else {}
    return ListEntry(
        row=row,
        who=who,
        child=child,
        waiting_since=handoff.get("at") if handoff.get("name") == "handoff_on" else None,
        taken_by=str(handoff.get("by", "")) if handoff.get("name") == "support_took_over" else "",
        stuck=row.state in STUCK_STATES and row.last_activity_at < stuck_before,
    )


def _toggled(params: dict[str, str], name: str) -> dict[str, str]:
    """The list's parameters with one on/off filter switched."""
    rest = {k: v for k, v in params.items() if k != name}
    return rest if name in params else {**rest, name: "1"}


async def home(request: web.Request) -> web.StreamResponse:
    return see_other("/support/conversations")


async def conversations(request: web.Request) -> web.Response:
    console = request.app[CONSOLE]
    me = signed_in(request).user
    redact = not allows(me.role, "agent")
    now = console.clock.now()
    f = _filters(request, not redact, now)
    page = (
        max(1, int(request.query.get("page", "1")))
        if request.query.get("page", "1").isdigit()
        else 1
    )
    rows, total = await console.queries.conversations(f, page, PAGE_SIZE)
    stuck_before = stuck_cutoff(now, console.settings.support_stuck_after_hours)
    params = {k: v for k, v in request.query.items() if k != "page" and v}
    return render(
        request,
        "conversations.html",
        entries=[_entry(r, redact, stuck_before) for r in rows],
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        params=params,
        page_url=lambda n: "?" + urlencode({**params, "page": n}),
        filter_url=lambda **kw: "?" + urlencode(kw),
        silent_count=await console.queries.count_silent(),
        toggle_silent_url="?" + urlencode(_toggled(params, "silent")),
        active=params,
        states=[(s, state_label(s)) for s in STATES if s in STATE_LABELS],
        channels=CHANNELS,
        payment_statuses=PAYMENT_STATUSES,
        stuck_hours=console.settings.support_stuck_after_hours,
        redact=redact,
    )


async def _transcript_page(
    request: web.Request, *, status: int = 200, error: str = "", draft: str = ""
) -> web.Response:
    console = request.app[CONSOLE]
    me = signed_in(request).user
    session_id = request.match_info["session_id"]
    rows = await console.queries.transcript(session_id)
    if rows is None:
        return error_page(request, 404, "There is no conversation with this id.")
    redact = not allows(me.role, "agent")
    await console.auth.store.audit(
        support_entry(
            me.email, "transcript_viewed", console.clock.now(), session_id, redacted=redact
        )
    )
    r = redaction.redactor_for(rows, redact)
    items = transcript.build(rows, redact)
    chat = rows.session
    handoff = next((i for i in reversed(rows.events) if i.name in HANDOFF_EVENTS), None)
    store = request.config_dict[keys.SERVICES].printing.store
    prints = [o for b in rows.books if (o := await store.by_book(b.id)) is not None]
    return render(
        request,
        "transcript.html",
        status=status,
        chat=chat,
        rows=rows,
        items=items,
        redact=redact,
        child_name=r.name(
            rows.child.name if rows.child else chat.child_name_slot or "",
            "[child]",
        ),
        parent_name=r.name(rows.user.display_name if rows.user else "", "[parent]"),
        phone=transcript.parent_phone(rows, redact),
        books=[(b, r.text(b.title or "Untitled")) for b in rows.books],
        child=panels.child_panel(rows, r),
        book_panels=panels.book_panels(rows, r, console.settings.regeneration_limit),
        look_choices=panels.LOOK_CHOICES,
        look_flags=panels.LOOK_FLAGS,
        pending=panels.pending_text(rows, r) if chat.handed_off else None,
        print_orders=prints,
        handoff=handoff if chat.handed_off else None,
        window=console.desk.window(chat),
        last_message_id=max((m.id for m in rows.messages), default=0),
        stuck=chat.state in STUCK_STATES
        and chat.last_activity_at
        < stuck_cutoff(console.clock.now(), console.settings.support_stuck_after_hours),
        notice=NOTICES.get(request.query.get("done", ""), ""),
        error=error,
        draft=draft,
    )


async def show(request: web.Request) -> web.Response:
    return await _transcript_page(request)


def _back(request: web.Request, done: str) -> web.Response:
    return see_other(f"/support/conversations/{request.match_info['session_id']}?done={done}#end")


async def session_or_404(request: web.Request) -> ChatSessionView | None:
    return await request.app[CONSOLE].queries.session(request.match_info["session_id"])


Action = Callable[[SupportDesk, ChatSessionView, str, Any], Awaitable[None]]


async def run_action(request: web.Request, action: Action, done: str) -> web.Response:
    """One agent action on a conversation: back to the transcript, or the reason it was
    refused shown there (with the agent's draft kept)."""
    chat = await session_or_404(request)
    if chat is None:
        return error_page(request, 404, "There is no conversation with this id.")
    form = await request.post()
    try:
        await action(request.app[CONSOLE].desk, chat, signed_in(request).user.email, form)
    except ActionRefused as exc:
        draft = str(form.get("text", "")) if done == "replied" else ""
        return await _transcript_page(request, status=409, error=str(exc), draft=draft)
    return _back(request, done)


async def take_over(request: web.Request) -> web.Response:
    async def act(desk: SupportDesk, chat: ChatSessionView, agent: str, form: Any) -> None:
        await desk.take_over(chat.id, agent)

    return await run_action(request, act, "took_over")


async def hand_back(request: web.Request) -> web.Response:
    async def act(desk: SupportDesk, chat: ChatSessionView, agent: str, form: Any) -> None:
        await desk.hand_back(chat.id, agent)

    return await run_action(request, act, "handed_back")


async def reply(request: web.Request) -> web.Response:
    async def act(desk: SupportDesk, chat: ChatSessionView, agent: str, form: Any) -> None:
        template = _flag(str(form.get("template")))
        await desk.reply(chat, agent, str(form.get("text", "")), template=template)

    return await run_action(request, act, "replied")


async def note(request: web.Request) -> web.Response:
    async def act(desk: SupportDesk, chat: ChatSessionView, agent: str, form: Any) -> None:
        await desk.note(chat.id, agent, str(form.get("text", "")))

    return await run_action(request, act, "noted")


async def resend(request: web.Request) -> web.Response:
    async def act(desk: SupportDesk, chat: ChatSessionView, agent: str, form: Any) -> None:
        await desk.resend(chat.id, agent, str(form.get("book_id", "")))

    return await run_action(request, act, "resent")


async def refund(request: web.Request) -> web.Response:
    async def act(desk: SupportDesk, chat: ChatSessionView, agent: str, form: Any) -> None:
        payment_id, reason = str(form.get("payment_id", "")), str(form.get("reason", ""))
        await desk.refund(chat, agent, payment_id, reason)

    return await run_action(request, act, "refunded")


async def open_file(request: web.Request) -> web.Response:
    """A book or photo of this conversation's parent, through a fresh short-lived signed link."""
    console = request.app[CONSOLE]
    chat = await session_or_404(request)
    services = request.config_dict[keys.SERVICES]
    asset_id = request.match_info["asset_id"]
    async with services.uow_factory() as uow:
        asset = await uow.assets.get(asset_id)
    if chat is None or asset is None or asset.owner_user_id != chat.user_id:
        return error_page(request, 404, "This file is not part of this conversation.")
    if asset.kind in PRIVATE_KINDS:  # a photo is shown by the console itself, never linked
        return see_other(f"/support/conversations/{chat.id}/pictures/{asset_id}")
    await console.auth.store.audit(
        support_entry(
            signed_in(request).user.email,
            "file_opened",
            console.clock.now(),
            chat.id,
            asset_id=asset_id,
            kind=asset.kind,
        )
    )
    return see_other(services.links.url_for(asset, CONSOLE_LINK_TTL_SECONDS))


async def status(request: web.Request) -> web.Response:
    """What the open transcript polls to know when something new happened (JSON)."""
    found = await request.app[CONSOLE].queries.last_message_id(request.match_info["session_id"])
    if found is None:
        return web.json_response(
            {"error": {"code": "not_found", "message": "No such conversation"}}, status=404
        )
    last, version, handed_off = found
    return web.json_response(
        {"last_message_id": last, "version": version, "handed_off": handed_off}
    )

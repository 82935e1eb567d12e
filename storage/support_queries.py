"""Read-only queries of the support console: the conversation list and a transcript's rows."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.support import (
    HANDOFF_EVENTS,
    ChatSessionView,
    ConversationFilter,
    ConversationRow,
    RejectedDelivery,
    TranscriptAddress,
    TranscriptBook,
    TranscriptChild,
    TranscriptEvent,
    TranscriptJob,
    TranscriptMessage,
    TranscriptParent,
    TranscriptPayment,
    TranscriptRows,
    TranscriptVersion,
)
from storage import support_views as view
from storage.support_rejected import rejected_page
from storage.tables import (
    BookRow,
    BookVersionRow,
    ChatEventRow,
    ChatMessageRow,
    ChatSessionRow,
    ChildProfileRow,
    JobRow,
    PaymentRow,
    ShippingAddressRow,
    User,
)


def _like(text: str) -> str:
    return "%" + re.sub(r"([%_\\])", r"\\\1", text) + "%"


def _newest_payment_status() -> Any:
    return (
        select(PaymentRow.status)
        .where(PaymentRow.user_id == ChatSessionRow.user_id)
        .order_by(PaymentRow.created_at.desc(), PaymentRow.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _failed_count() -> Any:
    return (
        select(func.count())
        .select_from(ChatMessageRow)
        .where(
            ChatMessageRow.session_id == ChatSessionRow.id,
            ChatMessageRow.direction == "out",
            ChatMessageRow.delivery_status == "failed",
        )
        .scalar_subquery()
    )


def _newest_handoff_event() -> Any:
    return (
        select(ChatEventRow.name)
        .where(ChatEventRow.session_id == ChatSessionRow.id, ChatEventRow.name.in_(HANDOFF_EVENTS))
        .order_by(ChatEventRow.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _search(query: str, names: bool) -> ColumnElement[bool]:
    digits = re.sub(r"[\s+()-]", "", query)
    owner = ChatSessionRow.user_id
    terms: list[ColumnElement[bool]] = [
        ChatSessionRow.id == query,
        exists().where(BookRow.user_id == owner, BookRow.id == query),
        exists().where(
            PaymentRow.user_id == owner,
            or_(
                PaymentRow.id == query,
                PaymentRow.provider_payment_id == query,
                PaymentRow.provider_order_id == query,
            ),
        ),
    ]
    if digits.isdigit() and len(digits) >= 3:
        terms += [User.wa_id.endswith(digits), ChatSessionRow.channel_user_id.endswith(digits)]
    if names and len(query) >= 2:
        terms += [User.display_name.ilike(_like(query)), ChildProfileRow.name.ilike(_like(query))]
    return or_(*terms)


def _silent() -> ColumnElement[bool]:
    """A web chat opened by a visitor who never wrote (and nobody took over)."""
    return and_(
        ChatSessionRow.channel == "webchat",
        ChatSessionRow.last_inbound_at.is_(None),
        ChatSessionRow.handed_off.is_(False),
    )


def _filtered(f: ConversationFilter) -> Select[Any]:
    payment, failed, handoff = _newest_payment_status(), _failed_count(), _newest_handoff_event()
    query = (
        select(
            ChatSessionRow,
            User.wa_id,
            User.display_name,
            ChildProfileRow.name,
            payment.label("payment_status"),
            failed.label("failed"),
        )
        .outerjoin(User, User.id == ChatSessionRow.user_id)
        .outerjoin(ChildProfileRow, ChildProfileRow.user_id == ChatSessionRow.user_id)
    )
    conditions: list[ColumnElement[bool]] = []
    if f.channel:
        conditions.append(ChatSessionRow.channel == f.channel)
    if f.state:
        conditions.append(ChatSessionRow.state == f.state)
    if f.handed_off is not None:
        conditions.append(ChatSessionRow.handed_off.is_(f.handed_off))
    if f.waiting:
        conditions += [ChatSessionRow.handed_off.is_(True), handoff == "handoff_on"]
    if f.stuck_before is not None:
        conditions += [
            ChatSessionRow.state.in_(sorted(f.stuck_states)),
            ChatSessionRow.last_activity_at < f.stuck_before,
        ]
    if f.payment:
        conditions.append(payment == f.payment)
    if f.failed:
        conditions.append(failed > 0)
    if not f.include_silent and not f.query.strip():
        conditions.append(~_silent())
    if f.query.strip():
        conditions.append(_search(f.query.strip(), f.search_names))
    return query.where(and_(*conditions)) if conditions else query


class SqlAlchemyConversationQueries:
    """The ConversationQueries port on the database."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def conversations(
        self, f: ConversationFilter, page: int, size: int
    ) -> tuple[list[ConversationRow], int]:
        """One page, newest activity first, and the number of matches."""
        query = _filtered(f)
        async with self._sessions() as s:
            total = await s.scalar(select(func.count()).select_from(query.subquery())) or 0
            found = (
                await s.execute(
                    query.order_by(ChatSessionRow.last_activity_at.desc(), ChatSessionRow.id)
                    .offset((page - 1) * size)
                    .limit(size)
                )
            ).all()
            handoffs = await self._newest_handoffs(s, [r[0].id for r in found])
        rows = [
            ConversationRow(
                session_id=chat.id,
                channel=chat.channel,
                channel_user_id=chat.channel_user_id,
                wa_id=wa_id,
                parent_name=parent_name,
                child_name=child_name or chat.state_json.get("slots", {}).get("name"),
                state=chat.state,
                flow_version=chat.flow_version,
                handed_off=chat.handed_off,
                last_activity_at=chat.last_activity_at,
                last_inbound_at=chat.last_inbound_at,
                payment_status=payment_status,
                failed_deliveries=failed or 0,
                handoff=handoffs.get(chat.id, {}),
            )
            for chat, wa_id, parent_name, child_name, payment_status, failed in found
        ]
        return rows, total

    @staticmethod
    async def _newest_handoffs(
        s: AsyncSession, session_ids: list[str]
    ) -> dict[str, dict[str, Any]]:
        if not session_ids:
            return {}
        events = await s.scalars(
            select(ChatEventRow)
            .where(ChatEventRow.session_id.in_(session_ids), ChatEventRow.name.in_(HANDOFF_EVENTS))
            .order_by(ChatEventRow.id)
        )
        newest: dict[str, dict[str, Any]] = {}
        for e in events:
            newest[e.session_id] = {"name": e.name, "at": e.created_at, **e.data}
        return newest

    async def count_waiting(self) -> int:
        query = _filtered(ConversationFilter(waiting=True))
        async with self._sessions() as s:
            return await s.scalar(select(func.count()).select_from(query.subquery())) or 0

    async def count_silent(self) -> int:
        query = select(func.count()).where(_silent())
        async with self._sessions() as s:
            return await s.scalar(query) or 0

    async def transcript(self, session_id: str) -> TranscriptRows | None:
        async with self._sessions() as s:
            chat = await s.get(ChatSessionRow, session_id)
            if chat is None:
                return None
            owner = chat.user_id
            user = await s.get(User, owner) if owner else None
            child = await s.scalar(select(ChildProfileRow).where(ChildProfileRow.user_id == owner))
            messages = await s.scalars(
                select(ChatMessageRow)
                .where(ChatMessageRow.session_id == session_id)
                .order_by(ChatMessageRow.id)
            )
            events = await s.scalars(
                select(ChatEventRow)
                .where(ChatEventRow.session_id == session_id)
                .order_by(ChatEventRow.id)
            )
            jobs = await s.scalars(
                select(JobRow).where(JobRow.session_id == session_id).order_by(JobRow.created_at)
            )
            payments = await s.scalars(
                select(PaymentRow)
                .where(PaymentRow.user_id == owner)
                .order_by(PaymentRow.created_at)
            )
            books = list(
                await s.scalars(
                    select(BookRow).where(BookRow.user_id == owner).order_by(BookRow.created_at)
                )
            )
            versions = await s.scalars(
                select(BookVersionRow)
                .where(BookVersionRow.book_id.in_([b.id for b in books]))
                .order_by(BookVersionRow.book_id, BookVersionRow.round)
            )
            addresses = await s.scalars(
                select(ShippingAddressRow).where(ShippingAddressRow.user_id == owner)
            )
            return TranscriptRows(
                session=view.plain(ChatSessionView, chat),
                user=None if user is None else view.plain(TranscriptParent, user),
                child=None if child is None else view.plain(TranscriptChild, child),
                messages=tuple(view.plain(TranscriptMessage, m) for m in messages),
                events=tuple(view.plain(TranscriptEvent, e) for e in events),
                jobs=tuple(view.plain(TranscriptJob, j) for j in jobs),
                payments=tuple(view.plain(TranscriptPayment, p) for p in payments),
                books=tuple(view.plain(TranscriptBook, b) for b in books),
                addresses=tuple(view.plain(TranscriptAddress, a) for a in addresses),
                versions=tuple(view.plain(TranscriptVersion, v) for v in versions),
            )

    async def last_message_id(self, session_id: str) -> tuple[int, int, bool] | None:
        """(newest message id, session version, handed off): what the transcript page polls."""
        async with self._sessions() as s:
            chat = await s.get(ChatSessionRow, session_id)
            if chat is None:
                return None
            newest = await s.scalar(
                select(func.max(ChatMessageRow.id)).where(ChatMessageRow.session_id == session_id)
            )
            return newest or 0, chat.version, chat.handed_off

    async def session(self, session_id: str) -> ChatSessionView | None:
        async with self._sessions() as s:
            chat = await s.get(ChatSessionRow, session_id)
            return None if chat is None else view.plain(ChatSessionView, chat)

    async def book_of(self, session_id: str, book_id: str) -> TranscriptBook | None:
        """The book, if it belongs to this conversation's parent."""
        async with self._sessions() as s:
            chat = await s.get(ChatSessionRow, session_id)
            if chat is None or chat.user_id is None:
                return None
            book = await s.get(BookRow, book_id)
            if book is None or book.user_id != chat.user_id:
                return None
            return view.plain(TranscriptBook, book)

    async def rejected_deliveries(
        self, page: int, size: int
    ) -> tuple[list[RejectedDelivery], bool]:
        return await rejected_page(self._sessions, page, size)

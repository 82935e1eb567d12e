"""Payments and provider webhook events."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.money import Money
from domain.payments import Payment, PaymentStatus
from domain.ports import Clock
from storage.tables import JobRow, PaymentRow, WebhookEventRow

_PLAIN = (
    "id", "book_id", "user_id", "provider", "provider_order_id", "provider_payment_id",
    "link_url", "created_at", "updated_at", "confirmed_at",
)  # fmt: skip


def _payment_of(row: PaymentRow) -> Payment:
    return Payment(
        **{f: getattr(row, f) for f in _PLAIN},
        amount=Money(row.amount_minor, row.currency),
        status=PaymentStatus(row.status),
    )


def _copy(payment: Payment, row: PaymentRow) -> None:
    for name in _PLAIN:
        setattr(row, name, getattr(payment, name))
    row.amount_minor, row.currency = payment.amount.amount_minor, payment.amount.currency
    row.status = payment.status.value


class SqlAlchemyPaymentRepository:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def get(self, payment_id: str) -> Payment | None:
        row = await self._session.get(PaymentRow, payment_id)
        return None if row is None else _payment_of(row)

    async def refunded_books(self, user_id: str) -> set[str]:
        query = select(PaymentRow.book_id).where(
            PaymentRow.user_id == user_id,
            PaymentRow.status == PaymentStatus.REFUNDED,
            PaymentRow.book_id.is_not(None),
        )
        return {b for b in (await self._session.execute(query)).scalars() if b is not None}

    async def by_provider_payment(self, provider: str, payment_id: str) -> Payment | None:
        query = select(PaymentRow).where(
            PaymentRow.provider == provider, PaymentRow.provider_payment_id == payment_id
        )
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else _payment_of(row)

    async def get_for_update(self, payment_id: str) -> Payment | None:
        query = select(PaymentRow).where(PaymentRow.id == payment_id).with_for_update()
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else _payment_of(row)

    async def open_with_link(self, provider: str, older_than_seconds: float) -> list[str]:
        before = self._clock.now() - timedelta(seconds=older_than_seconds)
        query = select(PaymentRow.id).where(
            PaymentRow.provider == provider,
            PaymentRow.status.in_((PaymentStatus.CREATED, PaymentStatus.FAILED)),
            PaymentRow.provider_order_id.is_not(None),
            PaymentRow.created_at <= before,
        )
        return list((await self._session.execute(query)).scalars())

    async def add(self, payment: Payment) -> None:
        row = PaymentRow()
        _copy(payment, row)
        self._session.add(row)
        await self._session.flush()

    async def open_for_book(self, book_id: str) -> Payment | None:
        query = (
            select(PaymentRow)
            .where(
                PaymentRow.book_id == book_id,
                PaymentRow.status.in_((PaymentStatus.CREATED, PaymentStatus.FAILED)),
            )
            .order_by(PaymentRow.created_at.desc())
            .limit(1)
        )
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else _payment_of(row)

    async def paid_for_book(self, book_id: str) -> Payment | None:
        query = (
            select(PaymentRow)
            .where(PaymentRow.book_id == book_id, PaymentRow.status == PaymentStatus.PAID)
            .order_by(PaymentRow.created_at.desc())
            .limit(1)
        )
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else _payment_of(row)

    async def by_order_for_update(self, provider: str, order_id: str) -> Payment | None:
        query = (
            select(PaymentRow)
            .where(PaymentRow.provider == provider, PaymentRow.provider_order_id == order_id)
            .with_for_update()
        )
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else _payment_of(row)

    async def save(self, payment: Payment) -> None:
        row = await self._session.get(PaymentRow, payment.id)
        assert row is not None
        _copy(payment, row)


def _event_subject(provider: str, event_id: str) -> str:
    """The jobs table's subject of an event's application (event ids are up to 128 long)."""
    return hashlib.sha256(f"{provider}:{event_id}".encode()).hexdigest()[:32]


class SqlAlchemyWebhookEventRepository:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def record(self, provider: str, event_id: str, event_type: str, raw_body: bytes) -> bool:
        row = WebhookEventRow(
            provider=provider,
            event_id=event_id,
            event_type=event_type,
            raw_body=raw_body,
            received_at=self._clock.now(),
        )
        try:
            async with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            return False
        return True

    async def unapplied(self, provider: str, event_id: str) -> bool:
        query = select(WebhookEventRow.processed_at).where(
            WebhookEventRow.provider == provider, WebhookEventRow.event_id == event_id
        )
        found = (await self._session.execute(query)).one_or_none()
        return found is not None and found.processed_at is None

    async def request_job(
        self, provider: str, event_id: str, job_id: str, kind: str, payload: dict[str, Any]
    ) -> None:
        subject = _event_subject(provider, event_id)
        live = select(JobRow.id).where(
            JobRow.subject_id == subject, JobRow.status.in_(("queued", "running"))
        )
        if (await self._session.execute(live.limit(1))).first() is not None:
            return  # its application is already pending (a queued or running job)
        now = self._clock.now()
        self._session.add(
            JobRow(
                id=job_id, kind=kind, session_id=None, subject_id=subject, payload=payload,
                status="queued", progress=0, attempts=0, created_at=now, updated_at=now,
            )
        )  # fmt: skip
        await self._session.flush()

    async def mark_processed(self, provider: str, event_id: str, error: str | None) -> None:
        query = select(WebhookEventRow).where(
            WebhookEventRow.provider == provider, WebhookEventRow.event_id == event_id
        )
        row = (await self._session.execute(query)).scalar_one()
        row.processed_at, row.error = self._clock.now(), error

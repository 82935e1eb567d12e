"""Settling a payment: forward only, exactly once, never on a wrong amount (both backends)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from adapters.sandbox_payments import SandboxPaymentGateway
from domain.money import Money
from domain.parents import Parent
from domain.payments import Prices, ProviderState
from domain.services.payment_settlement import PaymentSettlement
from domain.services.payments import PaymentService
from storage.db import create_engine, create_session_factory
from storage.tables import AuditLogRow, BookRow, PaymentRow
from storage.uow import SqlAlchemyUnitOfWork

NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
ORDER = "sbx_order_p1"


class FixedClock:
    def now(self) -> datetime:
        return NOW


@pytest.fixture
async def env(db_url):
    engine = create_engine(db_url)
    sessions = create_session_factory(engine)

    def uow():
        return SqlAlchemyUnitOfWork(sessions, FixedClock())

    async with uow() as u:
        await u.parents.add(Parent(id="parent1", created_at=NOW, updated_at=NOW))
        await u.commit()
    async with sessions() as s, s.begin():
        s.add(BookRow(id="book1", user_id="parent1", status="PAYMENT_PENDING", title="Moon",
                      created_at=NOW, updated_at=NOW))  # fmt: skip
        await s.flush()
        s.add(PaymentRow(id="p1", book_id="book1", user_id="parent1", provider="sandbox",
                         provider_order_id=ORDER, amount_minor=49900, currency="INR",
                         status="created", created_at=NOW, updated_at=NOW))  # fmt: skip
    prices = {"INR": Prices(Money(49900, "INR"), Money(149900, "INR"))}
    gateways = {"INR": SandboxPaymentGateway("http://127.0.0.1:8080", lambda: "x" * 32)}
    payments = PaymentService(uow, gateways, prices, FixedClock(), lambda: "x" * 32)
    yield PaymentSettlement(payments, uow, FixedClock()), sessions
    await engine.dispose()


def state(status: str, amount: int = 49900, currency: str = "INR", pay: str = "pay_1"):
    return ProviderState(
        order_id=ORDER, status=status, payment_id=pay, amount_minor=amount, currency=currency
    )


async def rows(sessions):
    async with sessions() as s:
        payment = await s.get(PaymentRow, "p1")
        book = await s.get(BookRow, "book1")
        confirmed = await s.scalar(
            select(func.count())
            .select_from(AuditLogRow)
            .where(AuditLogRow.action == "payment_confirmed")
        )
        return payment.status, book.status, confirmed


async def test_paid_once_however_often_it_is_told(env):
    settlement, sessions = env
    first = await settlement.apply("p1", state("paid"), "callback")
    assert (first.news, first.key) == ("paid", "payment:p1:paid")
    for source in ("webhook:1", "webhook:2", "reconcile"):
        assert (await settlement.apply("p1", state("paid"), source)).news is None
    assert (await settlement.apply("p1", state("failed", pay="pay_2"), "late")).news is None
    assert (await settlement.apply("p1", state("expired"), "late")).news is None
    assert await rows(sessions) == ("paid", "PAID", 1)


@pytest.mark.parametrize(("amount", "currency"), [(100, "INR"), (49900, "USD"), (99900, "INR")])
async def test_another_amount_or_currency_never_unlocks(env, amount, currency):
    settlement, sessions = env
    # The sandbox's orders are single attempts: the parent is told, the next try is a new order.
    wrong = await settlement.apply("p1", state("paid", amount, currency), "webhook")
    assert wrong.news == "mismatch"
    assert (await settlement.apply("p1", state("paid"), "webhook:later")).news is None  # final
    assert await rows(sessions) == ("mismatch", "PAYMENT_PENDING", 0)


async def test_declined_then_paid_and_a_late_capture_after_expiry(env):
    settlement, sessions = env
    declined = await settlement.apply("p1", state("failed", pay="pay_0"), "webhook")
    assert declined.news == "declined"
    assert (await settlement.apply("p1", state("failed", pay="pay_0"), "again")).news is None
    assert (await settlement.apply("p1", state("expired"), "sweep")).news is None
    assert (await rows(sessions))[0] == "expired"
    late = await settlement.apply("p1", state("paid"), "webhook:late-authorisation")
    assert late.news == "paid"
    assert await rows(sessions) == ("paid", "PAID", 1)


async def test_news_about_another_order_changes_nothing(env):
    settlement, sessions = env
    other = ProviderState(order_id="sbx_order_other", status="paid", amount_minor=49900,
                          currency="INR")  # fmt: skip
    assert (await settlement.apply("p1", other, "forged")).news is None
    assert (await settlement.apply("nope", state("paid"), "forged")).news is None
    assert await rows(sessions) == ("created", "PAYMENT_PENDING", 0)


async def test_a_refund_is_applied_once(env):
    settlement, sessions = env
    await settlement.apply("p1", state("paid"), "callback")
    first = await settlement.refunded("p1", "rfnd_1", "console:agent@example.com", "asked")
    assert (first.news, first.amount) == ("refunded", "₹499")
    assert (
        await settlement.refunded("p1", "rfnd_1", "webhook:evt", "refund.processed")
    ).news is None
    assert (await rows(sessions))[0] == "refunded"

"""Paying through the fake providers as a parent's browser would, and what the parent got."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import aiohttp
from sqlalchemy import select

from bot.app import keys
from storage.tables import AuditLogRow, BookRow, PaymentRow
from support.fake_paypal import FakePayPal
from support.fake_razorpay import FakeRazorpay

RZP = {
    "razorpay_key_id": "rzp_test_FAKEKEY0001",
    "razorpay_key_secret": "rzp-test-key-secret",
    "razorpay_webhook_secret": "rzp-test-webhook-secret",
}
PP = {
    "paypal_client_id": "pp-test-client",
    "paypal_client_secret": "pp-test-secret",
    "paypal_webhook_id": "WH-TEST-0001",
}


def fake_razorpay() -> FakeRazorpay:
    return FakeRazorpay(
        RZP["razorpay_key_id"], RZP["razorpay_key_secret"], RZP["razorpay_webhook_secret"]
    )


def fake_paypal() -> FakePayPal:
    return FakePayPal(PP["paypal_client_id"], PP["paypal_client_secret"], PP["paypal_webhook_id"])


def local(url: str) -> str:
    """Our own URL (PUBLIC_BASE_URL...) as a path for the test client."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


async def browser_submit(url: str, outcome: str) -> str | None:
    """Open the provider's hosted page and press a button; where it sends the browser."""
    async with aiohttp.ClientSession() as browser:
        async with browser.get(url) as page:
            assert page.status == 200, await page.text()
            html = await page.text()
        action = url.split("?")[0]
        if "action=" in html:
            action = f"{url.split('/checkoutnow')[0]}{html.split('action=')[1].split('>')[0]}"
        async with browser.post(action, data={"outcome": outcome}, allow_redirects=False) as r:
            assert r.status in (200, 302), await r.text()
            return r.headers.get("Location")


def link_url(messages: list[dict[str, Any]]) -> str:
    return next(m for m in reversed(messages) if m["kind"] == "link")["url"]


def finals(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        m for m in messages
        if m["kind"] == "document" and not m["filename"].endswith("-preview.pdf")
    ]  # fmt: skip


async def payment_rows(app: Any) -> list[PaymentRow]:
    async with app[keys.SESSIONS]() as s:
        return list((await s.execute(select(PaymentRow).order_by(PaymentRow.created_at))).scalars())


async def book_status(app: Any) -> str:
    async with app[keys.SESSIONS]() as s:
        return (await s.execute(select(BookRow.status))).scalar_one()


async def audit_actions(app: Any) -> list[str]:
    async with app[keys.SESSIONS]() as s:
        return list((await s.execute(select(AuditLogRow.action))).scalars())

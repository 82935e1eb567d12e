"""The small pages a parent sees when a provider sends them back to us."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape

PAGES = web.AppKey("payment_pages", Environment)

WORDS = {
    "arriving": (
        "Thank you!",
        "Your payment is confirmed. Your book is arriving in your chat: you can close this page.",
    ),
    "pending": (
        "Thank you!",
        "We're waiting for the payment provider to confirm your payment. Your book will arrive "
        "in your chat as soon as it does: you can close this page.",
    ),
    "invalid": (
        "We couldn't check this payment",
        "This page's payment details are missing or not valid. Nothing was unlocked here; if you "
        "paid, your book will still arrive in your chat once the provider confirms it.",
    ),
    "declined": (
        "Payment not completed",
        "Your payment didn't go through and nothing was charged. Go back to your chat and tap "
        "the payment link to try another way to pay.",
    ),
    "cancelled": (
        "Payment cancelled",
        "Nothing was charged. Go back to your chat and tap the payment link to try again.",
    ),
    "problem": (
        "Please contact us",
        "Your payment needs a check by our team before we can send the book. We'll reply in "
        "your chat.",
    ),
}


def setup(app: web.Application) -> None:
    if PAGES not in app:
        app[PAGES] = Environment(
            loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
            autoescape=select_autoescape(["html"]),
        )


def page(request: web.Request, which: str, status: int = 200) -> web.Response:
    heading, message = WORDS[which]
    html = (
        request.app[PAGES]
        .get_template("payment_page.html")
        .render(heading=heading, message=message)
    )
    return web.Response(text=html, content_type="text/html", status=status)


def outcome_page(request: web.Request, news: str | None, status: str | None) -> web.Response:
    """The page after a settle attempt: `news` is what it changed, `status` the payment's now."""
    if news == "paid" or status in ("paid", "refunded"):
        return page(request, "arriving")
    if status == "mismatch":
        return page(request, "problem")
    if news == "declined" or status == "failed":
        return page(request, "declined")
    return page(request, "pending")

"""Shared steps of the crash tests and the recovery benchmark: a parent's book interrupted
mid-illustration, and its delivery watched from outside the service."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.tables import BookRow, BookVersionRow
from support.chat_driver import make_profile
from support.processes import RemoteParent
from support.wa_driver import to_series

# Slow enough to be caught mid-illustration on a fast machine, fast enough on a loaded one.
BOOK_SETTINGS = {"book_image_px": 1400, "illustration_concurrency": 1}


async def start_book(parent: RemoteParent) -> None:
    """From hello to the dedication that starts the book job (not waited for)."""
    await make_profile(parent)
    reply = await parent.tap("Looks good")
    series = next(m for m in reply if m["kind"] == "list")["rows"][1]["title"]
    reply = await parent.tap(series)
    storyline = next(m for m in reply if m["kind"] == "list")["rows"][0]["title"]
    await parent.tap(storyline)
    await parent.send_text("For Zoya, who loves the stars")


async def pages_drawn(sessions: async_sessionmaker[AsyncSession]) -> tuple[str, dict[str, str]]:
    """The book's status and the pictures of its latest version kept so far."""
    async with sessions() as s:
        book = (await s.execute(select(BookRow))).scalar_one_or_none()
        if book is None:
            return "", {}
        version = (
            await s.execute(
                select(BookVersionRow)
                .where(BookVersionRow.book_id == book.id)
                .order_by(BookVersionRow.round.desc())
                .limit(1)
            )
        ).scalar_one_or_none()
    images = dict(version.image_ids or {}) if version is not None else {}
    return book.status, {k: v for k, v in images.items() if k.startswith("page-")}


async def mid_illustration(
    sessions: async_sessionmaker[AsyncSession], at_least: int = 2, timeout: float = 180.0
) -> dict[str, str]:
    """Wait until some pages are drawn and the book is still being illustrated."""
    async with asyncio.timeout(timeout):
        while True:
            status, pages = await pages_drawn(sessions)
            assert status in ("", "GENERATING"), f"the book finished before the crash: {status}"
            if len(pages) >= at_least:
                return pages
            await asyncio.sleep(0.05)


async def previews_delivered(parent: RemoteParent, timeout: float = 180.0) -> float:
    """Wait for the preview document in the parent's history; returns when it came."""
    async with asyncio.timeout(timeout):
        while True:
            await parent.history()
            if documents(parent.messages):
                return time.monotonic()
            await asyncio.sleep(0.1)


def documents(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i["message"] for i in items if i["message"]["kind"] == "document"]


def sent_documents(payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """WhatsApp sends that carry a document (alone, or as an interactive message's header)."""
    return [
        p
        for p in payloads
        if p["type"] == "document"
        or p.get("interactive", {}).get("header", {}).get("type") == "document"
    ]


async def whatsapp_book(parent: Any) -> None:
    """From hello to the dedication that starts the book job, on WhatsApp (not waited for)."""
    reply = await to_series(parent)
    rows = next(p for p in reply if p["type"] == "interactive")["interactive"]["action"]
    await parent.tap(rows["sections"][0]["rows"][1]["title"])
    reply = parent.mine()[-1][1]["interactive"]["action"]
    await parent.tap(reply["sections"][0]["rows"][0]["title"])
    await parent.send_text("For Zoya, who loves the stars")

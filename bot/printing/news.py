"""Print news -> the parent's conversation, once per piece of news (the inbox key)."""

from __future__ import annotations

import logging

from bot.conversation.turns import TurnRunner
from domain.conversation import ChatSessions
from domain.services.printing import PrintNews, PrintService
from flows.messages import PrintUpdated

logger = logging.getLogger(__name__)


class PrintNewsTeller:
    def __init__(self, chat: ChatSessions, turns: TurnRunner) -> None:
        self._chat = chat
        self._turns = turns

    async def tell(self, news: PrintNews | None) -> None:
        if news is None or news.user_id is None:
            return
        sessions = await self._chat.sessions_of_user(news.user_id)
        if not sessions:
            return
        event = PrintUpdated(news.book_id, news.news, news.carrier, news.tracking_url)
        await self._turns.post(sessions[0].id, event, key=news.key)


async def order_printed_copy(
    printing: PrintService, teller: PrintNewsTeller, book_id: str, address_id: str | None
) -> None:
    """After the final files exist: write the book's print order and submit it. A failure to
    reach the partner leaves the order NEW for the tracker to submit; the PDF is unaffected."""
    order = await printing.open_order_for_book(book_id, address_id)
    if order is None:
        return
    try:
        await teller.tell(await printing.submit(order.id, "job"))
    except Exception as exc:
        logger.warning(
            "print submission failed; the tracker tries again",
            extra={"order_id": order.id, "error": type(exc).__name__},
        )

"""LOG_LEVEL=DEBUG as an operator would set it, over a whole printed-book journey: the child's
name and interests, the parent's words (dedication), the shipping address and phone appear in
no log line, ours or a library's (hashes and lengths only)."""

from __future__ import annotations

import logging

from test_print_journey import (
    test_local_partner_prints_and_ships_with_a_fixed_address as printed_book_journey,
)

from bot.app.logs import configure_logging

PRIVATE = (
    "Zoya",  # the child's name
    "space, cats",  # the interests, as typed
    "baking",
    "six years",
    "who loves the stars",  # the dedication
    "Anita Rao",  # the address and phone
    "Lake View",
    "Mysuru",
    "9876543210",
)


async def test_a_printed_book_journey_at_debug_keeps_the_familys_data_out_of_the_logs(
    aiohttp_client, make_settings, sqlite_db_url, capfd
):
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    configure_logging("DEBUG")
    try:
        logging.getLogger("bot.test").debug("logging reaches the captured stream")
        await printed_book_journey(aiohttp_client, make_settings, sqlite_db_url)
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
        for package in ("bot", "flows", "domain", "adapters", "storage", "web_chat"):
            logging.getLogger(package).setLevel(logging.NOTSET)
    logged = capfd.readouterr().err
    assert "logging reaches the captured stream" in logged
    assert '"logger": "bot.http"' in logged and '"level": "DEBUG"' in logged
    leaked = [word for word in PRIVATE if word in logged]
    assert leaked == [], [line for line in logged.splitlines() if any(w in line for w in leaked)]

"""A list row's title is cut at WhatsApp's 24 characters; the whole title is kept beside it."""

from __future__ import annotations

from bot.channels.whatsapp.sender import _section_list
from flows.messages import ListMessage, Row, from_json, to_json

TITLE = "Mira and the Very Long Way Home"  # 31 characters, invented


def test_a_cut_row_keeps_its_whole_title_through_json():
    row = Row("lib:b1", TITLE, "Paid ₹499 · 02 Dec 2026")
    assert row.title == "Mira and the Very Long…" and row.whole_title == TITLE
    message = ListMessage("Your books", "My books", (row, Row("lib:b2", "Short one")))
    data = to_json(message)
    assert data["rows"][0]["whole_title"] == TITLE and "whole_title" not in data["rows"][1]
    assert from_json(data) == message


def test_whatsapp_shows_the_whole_title_in_the_description():
    rows = (Row("lib:b1", TITLE, "Paid ₹499 · 02 Dec 2026"), Row("lib:b2", "Short one", "Preview"))
    section = _section_list(ListMessage("Your books", "My books", rows)).sections[0]
    assert section.rows[0].title == "Mira and the Very Long…"
    assert section.rows[0].description == f"{TITLE} · Paid ₹499 · 02 Dec 2026"
    assert section.rows[1].description == "Preview"  # a whole title is not repeated

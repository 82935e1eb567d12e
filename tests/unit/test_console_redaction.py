"""What the console finds to hide from viewers, and which message nobody answered."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.support.desk import unanswered
from bot.support.redaction import name_words, people_words
from domain.support import TranscriptMessage

AT = datetime(2026, 12, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("answer", "names"),
    [
        ("Zoya", ["Zoya"]),
        ("her name is zoya", ["zoya"]),
        ("it's Zoya Rahman", ["Zoya", "Rahman"]),
        ("My son is called Aarav.", ["Aarav"]),
    ],
)
def test_the_name_in_an_answer_to_the_name_question(answer, names):
    assert name_words(answer) == names


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        ("playing with her brother kabir", ["kabir"]),
        ("add her cousin Maya", ["Maya"]),
        ("Dinosaurs with Grandpa Joe", ["Joe", "Grandpa"]),
        ("space", []),
    ],
)
def test_people_named_in_interests_and_wishes(phrase, names):
    assert people_words(phrase) == names


def _m(i: int, direction: str, kind: str, **body: str) -> TranscriptMessage:
    return TranscriptMessage(i, direction, kind, dict(body), None, None, None, None, AT)


def test_the_parents_last_message_without_an_answer():
    said = _m(3, "in", "text", text="she is six")
    assert unanswered((_m(1, "out", "text"), _m(2, "in", "text", text="hi"), said)) == said
    event = _m(4, "in", "event", type="took_over")
    assert unanswered((_m(1, "out", "text"), said, event)) == said  # internal events aside
    assert unanswered((said, _m(4, "out", "text", text="Let me look."))) is None
    assert unanswered((_m(1, "out", "text"),)) is None

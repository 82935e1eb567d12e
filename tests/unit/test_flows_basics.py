"""Tolerant parsing, message limits, saved state and its migration from an older flow version."""

from __future__ import annotations

import pytest

from flows.journey import STATES, fire, known_states
from flows.messages import Button, Buttons, ListMessage, Row, Text, from_json, shorten, to_json
from flows.parsing import (
    is_skip,
    parse_interests,
    parse_phone,
    parse_pin,
    parse_pronouns,
)
from flows.state import FLOW_VERSION, ConversationState
from flows.understanding import read_age


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("6", 6),
        ("six", 6),
        ("6 years", 6),
        ("She's seven years old", 7),
        ("12", 12),
        ("0", None),
        ("13", None),
        ("a few", None),
        ("", None),
    ],
)
def test_ages(text, age):
    assert read_age(text) == age


def test_interests_split_on_commas_and_and():
    assert parse_interests("dinosaurs, football and baking") == ["dinosaurs", "football", "baking"]
    assert parse_interests("Space") == ["Space"]
    assert parse_interests("cats, Cats") == ["cats"]


def test_small_parsers():
    assert parse_pronouns("she") == "she" and parse_pronouns("They please") == "they"
    assert parse_pronouns("whatever") is None
    assert is_skip("Skip") and is_skip("no thanks") and not is_skip("rockets")
    assert parse_pin("560 001") == "560001" and parse_pin("12345") is None
    assert parse_phone("+91 98765-43210") == "9876543210" and parse_phone("12345") is None


def test_messages_respect_whatsapp_limits_by_shortening():
    row = Row("1:s1", "A title that is far too long for a list row", "d" * 100)
    assert len(row.title) <= 24 and row.title.endswith("…")
    assert len(row.description) <= 72
    assert len(Button("x", "Twenty one characters!").title) <= 20
    assert shorten("Zoya and the Moon Map", 24) == "Zoya and the Moon Map"
    assert len(shorten("आरव " * 20, 24)) <= 24  # counted in code points
    with pytest.raises(ValueError):
        Buttons("t", tuple(Button(str(i), "b") for i in range(4)))
    with pytest.raises(ValueError):
        ListMessage("t", "b", tuple(Row(str(i), "r") for i in range(11)))


@pytest.mark.parametrize(
    "message",
    [
        Text("hi"),
        Buttons("t", (Button("1:a", "A"),)),
        ListMessage("t", "Pick", (Row("1:r", "R", "d"),)),
    ],
)
def test_messages_round_trip_through_json(message):
    assert from_json(to_json(message)) == message


def test_every_trigger_leads_somewhere_known():
    assert fire("start", "begin_new") == "consent"
    assert fire("preview", "restart") == "start"
    assert fire("awaiting_payment", "paid") == "writing_final"
    assert known_states() == set(STATES)


def test_state_round_trips():
    state = ConversationState(state="ask_age", slots={"name": "Zoya"}, step=4)
    state.push_back()
    again = ConversationState.from_json(state.to_json(), known_states())
    assert again == state


def test_a_state_saved_by_the_previous_flow_version_is_migrated():
    stored = {"flow_version": 1, "state": "about_child", "slots": {}, "back": [{"state": "x"}]}
    state = ConversationState.from_json(stored, known_states())
    assert state.flow_version == FLOW_VERSION
    assert state.state == "ask_name"
    assert state.back == []


def test_an_unknown_old_state_never_loses_a_paid_order():
    stored = {
        "flow_version": 1,
        "state": "gone",
        "slots": {"book_id": "b1", "payment_started": True},
    }
    assert ConversationState.from_json(stored, known_states()).state == "awaiting_payment"
    stored = {"flow_version": 1, "state": "gone", "slots": {"name": "Zoya"}}
    assert ConversationState.from_json(stored, known_states()).state == "profile_summary"

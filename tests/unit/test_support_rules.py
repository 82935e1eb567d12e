"""Support console rules without a server: passwords, roles, redaction, words for times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.support.labels import ago, event_label, money, state_label
from bot.support.passwords import hash_password, password_problem, verify_password
from bot.support.roles import Redactor, allows, mask_phone


def test_password_hashes_are_salted_and_verify_only_the_right_password():
    first, second = hash_password("a good long password"), hash_password("a good long password")
    assert first != second and first.startswith("scrypt$32768$8$1$")
    assert "a good long password" not in first
    assert verify_password("a good long password", first)
    assert not verify_password("a good long passwore", first)
    assert not verify_password("anything", "not-a-hash")
    assert not verify_password("anything", "bcrypt$1$2$3$abc$def")


def test_password_rules():
    assert password_problem("short") is not None
    assert password_problem("x" * 2000) is not None
    assert password_problem("long enough here") is None


def test_roles_are_ordered():
    assert allows("admin", "agent") and allows("agent", "agent") and allows("agent", "viewer")
    assert not allows("viewer", "agent") and not allows("agent", "admin")
    assert not allows("stranger", "viewer")


def test_phone_is_masked_to_its_last_four_digits():
    assert mask_phone("+91 98765 43210") == "••••••3210"
    assert mask_phone("12") == "••••"
    assert mask_phone(None) == "••••"


def test_redactor_replaces_names_and_address_lines_for_viewers_only():
    names = {"Zoya": "[child]", "Priya Sharma": "[parent]"}
    viewer = Redactor(True, names, ["12 Lotus Lane", "560001"])
    said = "For ZOYA, love Priya Sharma. Ship to 12 Lotus Lane, Bengaluru 560001. Zoyaland stays."
    assert viewer.text(said) == (
        "For [child], love [parent]. Ship to [address], Bengaluru [address]. Zoyaland stays."
    )
    assert viewer.name("Zoya", "[child]") == "[child]"
    agent = Redactor(False, names)
    assert agent.text(said) == said and agent.name("Zoya", "[child]") == "Zoya"
    assert Redactor(True).text("nothing to hide") == "nothing to hide"


def test_words_for_states_events_times_and_money():
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert ago(now - timedelta(seconds=5), now) == "5 s"
    assert ago(now - timedelta(minutes=90), now) == "1 h 30 min"
    assert ago(now - timedelta(days=3), now) == "3 d"
    assert ago(None, now) == "never"
    assert state_label("awaiting_payment") == "Waiting for payment"
    assert state_label("address_city") == "Giving the shipping address"
    assert event_label("state_changed", {"source": "preview", "dest": "awaiting_payment"}) == (
        "Has the preview → Waiting for payment"
    )
    assert event_label("support_took_over", {"by": "a@b.test"}) == "Taken over by a@b.test"
    assert event_label("handoff_on", {"by": "parent"}).startswith("Parent asked for a person")
    assert money(49900, "INR") == "₹499" and money(1999, "USD") == "$19.99"

"""Profile validation, round rules, the image-model policy, money."""

from __future__ import annotations

import pytest

from domain.books import pdf_filename
from domain.errors import PolicyViolation, ValidationFailed
from domain.generation import OFFLINE_ILLUSTRATOR_MODEL, ImageModelPolicy, digest
from domain.money import Money
from domain.options import round_problems
from domain.profiles import ChildProfile, Pronouns
from domain.story import SeriesIdea


def _profile(**changes):
    values = {"name": "Aarav", "age": 6, "pronouns": Pronouns.HE, "interests": ("rockets",)}
    values.update(changes)
    return ChildProfile(**values)


@pytest.mark.parametrize("name", ["आरव", "Mia 🦄", "李小龙", "A", "x" * 40])
def test_names_in_any_script_up_to_40_code_points(name):
    assert _profile(name=name).name == name


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"name": "   "},
        {"name": "x" * 41},
        {"age": 0},
        {"age": 13},
        {"interests": ()},
        {"interests": ("a", "b", "c", "d", "e", "f")},
        {"interests": ("x" * 41,)},
    ],
)
def test_invalid_profiles_are_refused(changes):
    with pytest.raises(ValidationFailed):
        _profile(**changes)


def test_pronoun_forms():
    assert (Pronouns.THEY.subject, Pronouns.THEY.be(), Pronouns.THEY.possessive) == (
        "they",
        "are",
        "their",
    )
    assert (Pronouns.SHE.object, Pronouns.SHE.be(), Pronouns.HE.reflexive) == (
        "her",
        "is",
        "himself",
    )


def _ideas(*titles: str) -> list[SeriesIdea]:
    return [SeriesIdea(title=t, hook=f"Hook for {t}", theme=t.lower()) for t in titles]


def test_a_round_is_exactly_five_distinct_options():
    assert round_problems(_ideas("A", "B", "C", "D", "E")) == []
    assert round_problems(_ideas("A", "B", "C", "D"))
    assert round_problems(_ideas("A", "B", "C", "D", "E", "F"))
    assert round_problems(_ideas("A", "B", "C", "D", "a "))  # same title, case and spacing aside
    assert round_problems(_ideas("A", "B", "C", "D", "x" * 25))  # over WhatsApp's 24


@pytest.mark.parametrize(
    "model", ["gpt-image-2", "gpt-image-1.5", "dall-e-3", "gpt-image-2.5-flare"]
)
def test_openai_image_models_are_allowed(model):
    ImageModelPolicy(allow_offline=False).check(model)


@pytest.mark.parametrize("model", ["stable-diffusion-xl", "gpt-4o", "midjourney", "", "dall-e"])
def test_other_image_models_are_refused(model):
    with pytest.raises(PolicyViolation):
        ImageModelPolicy(allow_offline=True).check(model)


def test_offline_illustrator_only_in_the_embedded_default():
    ImageModelPolicy(allow_offline=True).check(OFFLINE_ILLUSTRATOR_MODEL)
    with pytest.raises(PolicyViolation):
        ImageModelPolicy(allow_offline=False).check(OFFLINE_ILLUSTRATOR_MODEL)


def test_money_display_and_rules():
    assert Money(49900, "INR").display() == "₹499"
    assert Money(1299, "USD").display() == "$12.99"
    with pytest.raises(ValidationFailed):
        Money(100, "EUR")
    with pytest.raises(ValidationFailed):
        Money(-1, "USD")


def test_digest_is_stable_and_order_independent():
    assert digest({"a": 1, "b": 2}) == digest({"b": 2, "a": 1})
    assert digest(b"x") != digest("x")


@pytest.mark.parametrize(
    ("title", "kind", "expected"),
    [
        ("Aarav and the Moon Map", "final", "Aarav-and-the-Moon-Map.pdf"),
        ("Meera's Daring Rescue", "preview", "Meera-Daring-Rescue-preview.pdf"),
        ("A Daring Rescue", "cover", "Meera-A-Daring-Rescue-cover.pdf"),
        ("", "final", "Meera.pdf"),
    ],
)
def test_pdf_filenames_lead_with_the_child(title, kind, expected):
    child = "Aarav" if title.startswith("Aarav") else "Meera"
    assert pdf_filename(child, title, kind) == expected


def test_the_whatsapp_window_closes_24_hours_after_the_parents_last_message():
    from datetime import UTC, datetime, timedelta

    from domain.whatsapp_window import window_closed, window_closes_at

    wrote = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert window_closes_at(wrote) == wrote + timedelta(hours=24)
    assert not window_closed(wrote, wrote + timedelta(hours=23, minutes=59))
    assert not window_closed(wrote, wrote + timedelta(hours=24))
    assert window_closed(wrote, wrote + timedelta(hours=24, seconds=1))
    assert window_closed(None, wrote)  # a parent who never wrote: templates only
    naive = wrote.replace(tzinfo=None)  # SQLite hands back naive UTC
    assert window_closes_at(naive) == wrote + timedelta(hours=24)

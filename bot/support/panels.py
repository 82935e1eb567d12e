"""The child panel of a transcript: the profile (pronouns, interests, the hero's look, the
photo for agents), and the books with their versions and what may be done with them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.support.desk import unanswered
from bot.support.roles import Redactor
from domain.books import REGENERABLE
from domain.looks import HAIR_COLOURS, HAIR_STYLES, HEAD_COVERINGS, SKIN_TONES, HeroLook
from domain.support import TranscriptRows, TranscriptVersion
from flows.steps.looks import painted_sheet
from flows.support_actions import REGENERATE_FROM

LOOK_CHOICES = {
    "skin": list(SKIN_TONES),
    "hair_style": list(HAIR_STYLES),
    "hair_colour": list(HAIR_COLOURS),
    "head_covering": list(HEAD_COVERINGS),
}
LOOK_FLAGS = ("glasses", "hearing_aid", "wheelchair")


@dataclass(frozen=True, slots=True)
class ChildPanel:
    pronouns: str
    interests: list[str]
    look_words: str
    look: dict[str, Any]
    look_picture: str | None  # asset id of a painted picture of this very look
    photo: str | None  # asset id; None for viewers


@dataclass(frozen=True, slots=True)
class BookPanel:
    versions: list[TranscriptVersion]
    regenerations: str  # "2 of 3 used (1 granted)"
    can_grant: bool
    can_regenerate_here: bool  # the parent is at this book's preview


def child_panel(rows: TranscriptRows, r: Redactor) -> ChildPanel | None:
    child = rows.child
    if child is None:
        return None
    look = HeroLook.from_json(child.look)
    picture = painted_sheet(rows.session.state_json.get("slots", {}), [look]) if look else None
    return ChildPanel(
        pronouns={"he": "he/him", "she": "she/her", "they": "they/them"}.get(child.pronouns, ""),
        interests=[r.text(i) for i in child.interests],
        look_words=look.words().capitalize() if look else "Not chosen yet",
        look=(look or HeroLook()).to_json(),
        look_picture=picture,
        photo=None if r.active else child.photo_asset_id,
    )


def book_panels(rows: TranscriptRows, r: Redactor, limit: int) -> dict[str, BookPanel]:
    at_book = rows.session.state_json.get("slots", {}).get("book_id")
    panels = {}
    for b in rows.books:
        allowed = limit + b.regenerations_granted
        granted = f" ({b.regenerations_granted} granted)" if b.regenerations_granted else ""
        versions = [v for v in rows.versions if v.book_id == b.id]
        panels[b.id] = BookPanel(
            versions=[_redacted(v, r) for v in versions],
            regenerations=f"{b.regeneration_count} of {allowed} used{granted}",
            can_grant=b.status in REGENERABLE,
            can_regenerate_here=rows.session.state in REGENERATE_FROM and at_book == b.id,
        )
    return panels


def _redacted(v: TranscriptVersion, r: Redactor) -> TranscriptVersion:
    feedback = r.text(v.feedback) if v.feedback else v.feedback
    return TranscriptVersion(v.book_id, v.round, v.status, feedback, v.preview_pdf_id, v.created_at)


def pending_text(rows: TranscriptRows, r: Redactor) -> str | None:
    """What the parent last said when nobody has answered it yet (for the hand-back warning)."""
    waiting = unanswered(rows.messages)
    if waiting is None:
        return None
    return r.text(waiting.body.get("text")) if waiting.kind == "text" else "(a button tap)"

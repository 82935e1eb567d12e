"""Text from outside as we keep it: what PostgreSQL and the PDF can hold, nothing that hides.

Every channel runs a parent's words through `printable` at its edge; names are refused with a
kind question when they carry something a book cannot print (see `name_refusal`)."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls (NUL included) except tab and newline, and lone surrogates (no UTF-8 form).
_UNKEEPABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Bidi embeddings, overrides and isolates: they reorder what a reader sees.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unkeepable(value: str) -> bool:
    """True when the text holds a NUL, another control character or a lone surrogate."""
    return _UNKEEPABLE.search(value) is not None


def printable(value: str, limit: int) -> str:
    """NFC, without control characters (tab and newline kept) or lone surrogates, at most
    `limit` code points."""
    cleaned = _UNKEEPABLE.sub("", value)
    return unicodedata.normalize("NFC", cleaned)[:limit]


def name_refusal(name: str) -> str | None:
    """Why a typed name cannot be a hero's name ("controls" | "no_letters"), or None.
    Zero-width joiners inside a name stay (Indic and Persian scripts need them); a name must
    hold at least one letter, so a zero-width-only or emoji-only name is asked again."""
    if unkeepable(name) or any(ch in BIDI_CONTROLS for ch in name):
        return "controls"
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        return "no_letters"
    return None


def keepable_id(value: object, limit: int = 64) -> str | None:
    """An id from outside as a column can hold it: a non-empty string (or integer) of at most
    `limit` characters without control characters; None otherwise."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    try:
        text = str(value)
    except ValueError:  # an integer of more digits than Python prints
        return None
    return text if 0 < len(text) <= limit and not unkeepable(text) else None

"""Roles and what each may see: viewers read redacted transcripts; agents act; admins manage."""

from __future__ import annotations

import re
from collections.abc import Iterable

ROLES = ("viewer", "agent", "admin")
_RANK = {role: i for i, role in enumerate(ROLES)}


def allows(role: str, needed: str) -> bool:
    return _RANK.get(role, -1) >= _RANK[needed]


def mask_phone(value: str | None) -> str:
    """Only the last 4 digits: enough to confirm a number the parent reads out."""
    digits = re.sub(r"\D", "", value or "")
    return f"••••••{digits[-4:]}" if len(digits) >= 4 else "••••"


class Redactor:
    """Replaces a child's name, the parent's name and address lines in text shown to viewers.
    Inactive (returns text unchanged) for agents and admins."""

    def __init__(
        self, active: bool, names: dict[str, str] | None = None, extra: Iterable[str] = ()
    ) -> None:
        self.active = active
        replacements = {k.strip(): v for k, v in (names or {}).items() if len(k.strip()) >= 2}
        for value in extra:
            if value and len(value.strip()) >= 3:
                replacements.setdefault(value.strip(), "[address]")
        self._replacements = {k.lower(): v for k, v in replacements.items()}
        keys = sorted(replacements, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(map(re.escape, keys)) + r")(?!\w)", re.IGNORECASE)
            if keys
            else None
        )

    def text(self, value: str | None) -> str:
        if value is None:
            return ""
        if not self.active or self._pattern is None:
            return value
        return self._pattern.sub(lambda m: self._replacements[m.group(0).lower()], value)

    def name(self, value: str | None, placeholder: str) -> str:
        if not value:
            return ""
        return placeholder if self.active else value

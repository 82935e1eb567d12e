"""KeywordModerator: the embedded default's Moderator (no key, no network).

It flags only words that never belong in a picture book for small children, matched as whole
words so that 'killer whales' or 'scary-go-round' pass. OpenAI moderation replaces it when
OPENAI_API_KEY is set.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from domain.moderation import ModerationVerdict

_CATEGORIES: dict[str, tuple[str, ...]] = {
    "violence": ("kill", "killing", "murder", "gore", "gory", "stab", "stabbing", "torture"),
    "weapons": ("rifle", "rifles", "pistol", "pistols", "grenade"),
    "sexual": ("sex", "sexy", "naked", "nude", "porn", "erotic"),
    "self-harm": ("suicide", "self-harm", "selfharm"),
    "drugs": ("cocaine", "heroin", "meth", "drugs"),
    "hate": ("nazi", "nazis"),
}
_PATTERNS = {
    category: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")
    for category, words in _CATEGORIES.items()
}


class KeywordModerator:
    @property
    def model(self) -> str:
        return "keyword-moderator-1"

    async def moderate(self, texts: Sequence[str]) -> ModerationVerdict:
        text = unicodedata.normalize("NFKC", " ".join(texts)).casefold()
        hits = tuple(sorted(c for c, pattern in _PATTERNS.items() if pattern.search(text)))
        return ModerationVerdict(flagged=bool(hits), categories=hits)

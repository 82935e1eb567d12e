"""BookText <-> plain dicts, for keeping a generated text in book_versions.text_json."""

from __future__ import annotations

import dataclasses
from typing import Any

from domain.story import BookText, CharacterSheet, PageText, SceneSpec


def book_text_to_dict(text: BookText) -> dict[str, Any]:
    return dataclasses.asdict(text)


def _scene(data: dict[str, Any]) -> SceneSpec:
    return SceneSpec(
        setting=data["setting"],
        objects=tuple(data.get("objects", ())),
        mood=data.get("mood", "calm"),
        time_of_day=data.get("time_of_day", "day"),
        place=data.get("place", ""),
        action=data.get("action", ""),
        companions=tuple(data.get("companions", ())),
        text_zone=data.get("text_zone", "top"),
    )


def book_text_from_dict(data: dict[str, Any]) -> BookText:
    pages = tuple(
        PageText(
            number=p["number"],
            text=p["text"],
            illustration_prompt=p["illustration_prompt"],
            scene=_scene(p["scene"]),
        )
        for p in data["pages"]
    )
    return BookText(
        title=data["title"],
        dedication=data.get("dedication"),
        character=CharacterSheet(**data["character"]),
        pages=pages,
        ending=data["ending"],
        cover_scene=_scene(data["cover_scene"]),
    )

"""Prompt templates: jinja2 files in prompts/, versioned by name (`series.v1.j2` is version
`series.v1`, and its first line says so). A changed prompt is a new file and a new constant
below, so every log row names the words that were sent."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

PROMPTS_DIR = Path(__file__).resolve().parent / "prompts"


@dataclass(frozen=True, slots=True)
class Prompt:
    name: str
    version: str  # e.g. "series.v1"

    def render(self, **values: Any) -> str:
        return _environment().get_template(f"{self.version}.j2").render(**values).strip()


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(PROMPTS_DIR),
        undefined=StrictUndefined,
        autoescape=False,  # noqa: S701 - plain text for a model, never HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


# The versions in use: a changed prompt is a new file and a new version here.
SYSTEM = Prompt("system", "system.v1")
SERIES = Prompt("series", "series.v1")
STORYLINES = Prompt("storylines", "storylines.v1")
BOOK = Prompt("book", "book.v5")
PICK = Prompt("pick", "pick.v1")
PAGE_IMAGE = Prompt("page_image", "page_image.v2")
PORTRAIT = Prompt("portrait", "portrait.v1")
ALL = (SYSTEM, SERIES, STORYLINES, BOOK, PICK, PAGE_IMAGE, PORTRAIT)


def versions(*prompts: Prompt) -> str:
    """How a call's prompts are logged, e.g. 'system.v1+series.v1' (at most 40 characters)."""
    return "+".join(p.version for p in prompts)[:40]

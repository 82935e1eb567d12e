"""A tiny display list: what a page shows, independent of how it is drawn.

Layout code builds a `PageDraft` of ops in PDF points (origin bottom-left of the page including
bleed); `final.py` draws it with reportlab, `preview.py` draws it with Pillow. Everything is opaque.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.pdf.fonts import Role
from adapters.pdf.geometry import Rect


@dataclass(frozen=True, slots=True)
class FillRect:
    rect: Rect
    colour: str


@dataclass(frozen=True, slots=True)
class RoundRect:
    rect: Rect
    radius: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0


@dataclass(frozen=True, slots=True)
class Picture:
    """A JPEG scaled to cover `rect` (cropped centrally), optionally clipped to a rounded box."""

    jpeg: bytes
    rect: Rect
    clip: Rect | None = None
    radius: float = 0.0


@dataclass(frozen=True, slots=True)
class TextBox:
    """Wrapped text already fitted to `rect` at `size` pt (see textfit.fit_text)."""

    text: str
    role: Role
    rect: Rect
    size: float
    leading: float
    colour: str
    align: str = "center"  # 'center' | 'left'
    valign: str = "middle"  # 'top' | 'middle' | 'bottom'


@dataclass(frozen=True, slots=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    colour: str


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float


@dataclass(frozen=True, slots=True)
class RotatedText:
    """One line of text turned to read top to bottom (spine), centred on (cx, cy)."""

    text: str
    role: Role
    cx: float
    cy: float
    size: float
    colour: str


Op = FillRect | RoundRect | Picture | TextBox | Polygon | Line | RotatedText


@dataclass(slots=True)
class PageDraft:
    kind: str  # cover | title | dedication | story | ending | made_for | notes | blank
    width: float
    height: float
    ops: list[Op] = field(default_factory=list)

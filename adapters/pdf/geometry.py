"""Print geometry: trim, bleed, safe area, spine width, page counts and the palette.

All lengths are PDF points (1/72 in). Interior pages are 8.5 x 8.5 in trim plus 0.125 in bleed on
every side, so the PDF page (MediaBox = BleedBox) is 8.75 in = 630 pt square and the TrimBox is
[9, 9, 621, 621]. Text stays 0.5 in inside the trim.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

PT_PER_IN = 72.0
TRIM_IN = 8.5
BLEED_IN = 0.125
SAFE_IN = 0.5

TRIM = TRIM_IN * PT_PER_IN  # 612
BLEED = BLEED_IN * PT_PER_IN  # 9
PAGE = TRIM + 2 * BLEED  # 630
SAFE = SAFE_IN * PT_PER_IN  # 36

# Spine: white paper / standard colour interior (KDP figure), never thinner than 1/16 in.
SPINE_IN_PER_PAGE = 0.002252
SPINE_MIN_IN = 0.0625
# Spine text only when the spine is wide enough to hold legible type.
SPINE_TEXT_MIN_IN = 0.25
# Illustrations are made for the full bleed at 300 ppi (8.75 in = 2625 px); below this the
# print file is still made, with a warning.
MIN_PRINT_PPI = 200


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned box in PDF coordinates (origin bottom-left, y up)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)

    def as_box(self) -> tuple[float, float, float, float]:
        """[llx, lly, urx, ury] as PDF page boxes want it."""
        return (self.x, self.y, self.right, self.top)


PAGE_RECT = Rect(0.0, 0.0, PAGE, PAGE)
TRIM_RECT = Rect(BLEED, BLEED, TRIM, TRIM)
SAFE_RECT = TRIM_RECT.inset(SAFE)  # [45, 45, 585, 585]


def spine_width_in(page_count: int) -> float:
    """Spine width in inches for `page_count` interior pages (0.002252 in/page, min 1/16 in)."""
    if page_count < 0:
        raise ValueError("page_count must be >= 0")
    return max(page_count * SPINE_IN_PER_PAGE, SPINE_MIN_IN)


def spine_width_pt(page_count: int) -> float:
    return spine_width_in(page_count) * PT_PER_IN


def spine_has_text(page_count: int) -> bool:
    return spine_width_in(page_count) >= SPINE_TEXT_MIN_IN


@dataclass(frozen=True, slots=True)
class SpreadGeometry:
    """The cover spread: back + spine + front, with bleed (or a hardcover's wrap) around the
    whole spread: `mx`, `my` are its width at the sides and at top and bottom."""

    spine: float
    width: float
    height: float
    back: Rect  # back cover trim area
    spine_rect: Rect  # spine (trim height)
    front: Rect  # front cover trim area
    trim: Rect  # the whole trimmed spread
    mx: float = BLEED
    my: float = BLEED


def spread_geometry(page_count: int, size: tuple[float, float] | None = None) -> SpreadGeometry:
    """Our spread for `page_count` pages, or one of the partner's `size` (width, height in
    points, a case-wrap hardcover's wrap included): the trim stays, the spine is ours, and what
    is left over goes to the margins (the wrap), never less than a bleed. Only if the partner's
    width leaves less than our spine is the spine narrowed to fit."""
    spine = spine_width_pt(page_count)
    mx = my = BLEED
    if size is not None:
        width, height = size
        my = max(BLEED, (height - TRIM) / 2)
        spine = max(1.0, min(spine, width - 2 * TRIM - 2 * BLEED))
        mx = max(BLEED, (width - 2 * TRIM - spine) / 2)
    width = 2 * TRIM + spine + 2 * mx
    height = TRIM + 2 * my
    back = Rect(mx, my, TRIM, TRIM)
    spine_rect = Rect(mx + TRIM, my, spine, TRIM)
    front = Rect(mx + TRIM + spine, my, TRIM, TRIM)
    trim = Rect(mx, my, 2 * TRIM + spine, TRIM)
    return SpreadGeometry(spine, width, height, back, spine_rect, front, trim, mx, my)


def padded_page_count(pages: int, *, multiple: int = 4, minimum: int = 0) -> int:
    """Round `pages` up to a multiple of `multiple`, and at least `minimum`."""
    target = max(pages, minimum)
    return int(math.ceil(target / multiple) * multiple)


# Palette (opaque colours only: print files avoid transparency).
INK = "#2f2a4a"  # deep plum-navy for body text
INK_SOFT = "#564f74"
CREAM = "#fff6e6"  # page background for text pages
PANEL = "#fffbf3"  # opaque text panels over illustrations
PANEL_EDGE = "#f2b33d"  # warm amber border
CORAL = "#e0604a"  # headings, child's name
AMBER = "#f2b33d"
TEAL = "#2a9d8f"
RULE = "#e6d9c3"  # notes-page lines
SPINE_BG = "#e0604a"
BACK_BG = "#fde9c8"
WHITE = "#ffffff"


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return (int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16))

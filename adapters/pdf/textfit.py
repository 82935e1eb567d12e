"""Fit text into a box with reportlab Paragraphs: shrink the font size rather than overflow."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from adapters.pdf.fonts import Role, paragraph_markup, register_fonts, shaping_for, split_runs

log = logging.getLogger(__name__)

ELLIPSIS = "\u2026"


@dataclass(frozen=True, slots=True)
class Fitted:
    text: str  # the text as printed (may be truncated with an ellipsis)
    size: float
    leading: float
    height: float  # height of the wrapped block
    line_width: float  # widest line


def make_paragraph(
    text: str, role: Role, size: float, leading: float, colour: str, align: str = "center"
) -> Paragraph:
    register_fonts()
    runs = split_runs(text, role)
    style = ParagraphStyle(
        name=f"sb-{role.name}",
        fontName=role.primary,
        fontSize=size,
        leading=leading,
        textColor=colour,
        alignment=TA_CENTER if align == "center" else TA_LEFT,
        shaping=1 if shaping_for(runs) else 0,
        splitLongWords=1,
    )
    return Paragraph(paragraph_markup(runs, role), style)


def _measure(
    text: str, role: Role, size: float, leading: float, width: float
) -> tuple[float, float]:
    p = make_paragraph(text, role, size, leading, "#000000")
    _, h = p.wrap(width, 1e6)
    widths = p.getActualLineWidths0()
    return h, max(widths, default=0.0)


def fit_text(
    text: str,
    role: Role,
    width: float,
    height: float,
    *,
    max_size: float,
    min_size: float,
    leading_ratio: float = 1.3,
    step: float = 0.5,
) -> Fitted:
    """The largest size in [min_size, max_size] (multiples of `step`) at which `text` fits."""
    lo, hi = round(min_size / step), round(max_size / step)

    def attempt(k: int, body: str) -> tuple[bool, Fitted]:
        size = k * step
        leading = size * leading_ratio
        h, lw = _measure(body, role, size, leading, width)
        return h <= height + 0.01, Fitted(body, size, leading, h, lw)

    ok, best = attempt(hi, text)
    if ok:
        return best
    ok, best = attempt(lo, text)
    if not ok:
        return _truncate(text, role, width, height, lo * step, leading_ratio) or best
    while hi - lo > 1:  # invariant: lo fits, hi does not
        mid = (lo + hi) // 2
        ok, fitted = attempt(mid, text)
        if ok:
            lo, best = mid, fitted
        else:
            hi = mid
    return best


def balance_width(fitted: Fitted, role: Role, width: float) -> float:
    """The narrowest wrap width (<= width) that keeps the line count: evenly filled lines.

    For centred titles and short passages, so a last line is not left holding one word."""
    if fitted.height < fitted.leading * 1.5:
        return width
    lo, hi = fitted.line_width * 0.3, width  # hi keeps the line count, lo does not
    for _ in range(9):
        mid = (lo + hi) / 2
        h, _ = _measure(fitted.text, role, fitted.size, fitted.leading, mid)
        if h <= fitted.height + 0.01:
            hi = mid
        else:
            lo = mid
    return min(width, hi + 1.0)  # +1 pt: the same breaks when wrapped again at this width


def _truncate(
    text: str, role: Role, width: float, height: float, size: float, leading_ratio: float
) -> Fitted | None:
    """Drop words from the end (adding an ellipsis) until the text fits at `size`."""
    words = text.split()
    leading = size * leading_ratio
    lo, hi = 0, len(words)  # words[:lo] + ellipsis fits (lo=0 trivially "fits" as just an ellipsis)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        body = " ".join(words[:mid]).rstrip(",;:") + ELLIPSIS
        h, _ = _measure(body, role, size, leading, width)
        if h <= height + 0.01:
            lo = mid
        else:
            hi = mid
    body = " ".join(words[:lo]).rstrip(",;:") + ELLIPSIS
    h, lw = _measure(body, role, size, leading, width)
    if h > height + 0.01:
        return None
    log.warning("text too long for its box even at %.1f pt; truncated to %d words", size, lo)
    return Fitted(body, size, leading, h, lw)

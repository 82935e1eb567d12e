"""The cover spread: back cover + spine + front cover, 0.125 in bleed around the whole spread.

The back cover's bottom-right corner (about 2 x 1.2 in) is left free of text and art for the
printer's ISBN barcode."""

from __future__ import annotations

from adapters.pdf.fonts import Role, clean_text
from adapters.pdf.geometry import (
    AMBER,
    BACK_BG,
    BLEED,
    CORAL,
    INK,
    INK_SOFT,
    PANEL,
    PANEL_EDGE,
    SAFE,
    SPINE_BG,
    WHITE,
    Rect,
    spine_has_text,
    spread_geometry,
)
from adapters.pdf.layout import BookInfo, cover_ops, star
from adapters.pdf.ops import FillRect, Op, PageDraft, Picture, RotatedText, RoundRect, TextBox
from adapters.pdf.textfit import balance_width, fit_text
from domain.story import BookLayout


def default_blurb(info: BookInfo) -> str:
    return (
        f"{info.child} is the hero of this story! A one-of-a-kind picture book, "
        f"written and illustrated especially for {info.child}."
    )


def excerpt(book: BookLayout, limit: int = 170) -> str:
    """The opening words of the story, cut at a word boundary."""
    if not book.pages:
        return ""
    text = clean_text(book.pages[0].page.text, Role.BODY)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "\u2026"


def _back_ops(info: BookInfo, book: BookLayout, back: Rect, blurb: str) -> list[Op]:
    safe = back.inset(SAFE)
    pad = 26.0
    inner_w = safe.w - 2 * pad
    ops: list[Op] = []
    title = fit_text(
        info.title, Role.TITLE, inner_w, 90, max_size=30, min_size=16, leading_ratio=1.12
    )
    body = fit_text(blurb, Role.BODY, inner_w, 130, max_size=17, min_size=10, leading_ratio=1.35)
    quote = excerpt(book)
    ex = (
        fit_text(
            f"\u201c{quote}\u201d",
            Role.DISPLAY,
            inner_w,
            110,
            max_size=16,
            min_size=9,
            leading_ratio=1.35,
        )
        if quote
        else None
    )
    gap = 14.0
    h = title.height + gap + body.height + (gap + ex.height if ex else 0) + 2 * pad
    top = safe.top
    panel = Rect(safe.x, top - h, safe.w, h)
    ops.append(RoundRect(panel, 20, PANEL, PANEL_EDGE, 2.5))
    y = panel.top - pad
    for fitted, role, colour in (
        (title, Role.TITLE, CORAL),
        (body, Role.BODY, INK),
        (ex, Role.DISPLAY, INK_SOFT),
    ):
        if fitted is None:
            continue
        bw = balance_width(fitted, role, inner_w)
        rect = Rect(panel.cx - bw / 2, y - fitted.height, bw, fitted.height)
        ops.append(
            TextBox(fitted.text, role, rect, fitted.size, fitted.leading, colour, valign="top")
        )
        y -= fitted.height + gap
    # a framed scene from the story at the bottom left; the bottom right stays clear for the
    # printer's barcode
    if book.pages:
        art_side = min(200.0, panel.y - safe.y - 24)
        if art_side > 80:
            jpeg = book.pages[len(book.pages) // 2].image_jpeg
            art = Rect(safe.x, safe.y, art_side, art_side)
            ops.append(Picture(jpeg, art, clip=art, radius=22))
            ops.append(RoundRect(art, 22, None, PANEL_EDGE, 3.0))
    for i, (fx, fy, r) in enumerate(((0.62, 0.36, 11), (0.74, 0.44, 8), (0.86, 0.35, 10))):
        ops.append(star(back.x + fx * back.w, back.y + fy * back.h, r, AMBER, turn=i))
    return ops


def _spine_ops(info: BookInfo, spine: Rect, page_count: int, margin: float) -> list[Op]:
    ops: list[Op] = [FillRect(Rect(spine.x, 0, spine.w, spine.top + margin), SPINE_BG)]
    if spine_has_text(page_count):
        size = min(spine.w * 0.55, 16.0)
        text = f"{info.title}  \u2022  {info.child}"
        ops.append(RotatedText(text, Role.TITLE, spine.cx, spine.cy, size, WHITE))
    return ops


def cover_spread(
    book: BookLayout,
    info: BookInfo,
    page_count: int,
    *,
    blurb: str | None = None,
    size: tuple[float, float] | None = None,
) -> PageDraft:
    g = spread_geometry(page_count, size)
    ops: list[Op] = [FillRect(Rect(0, 0, g.width, g.height), BACK_BG)]
    ops.extend(_back_ops(info, book, g.back, blurb or default_blurb(info)))
    ops.extend(_spine_ops(info, g.spine_rect, page_count, g.my))
    # front: the interior cover composition shifted right (and up by a wider wrap); the art's
    # left bleed hides under the spine edge, so the front trim shows what the interior cover
    # page shows. A wrap wider than the bleed is covered by the art, scaled to reach it.
    dx, dy = g.front.x - BLEED, g.my - BLEED
    front_clip = Rect(g.front.x, 0, g.width - g.front.x, g.height)
    if g.mx > BLEED or g.my > BLEED:
        wrap = Rect(g.front.x, 0, g.width - g.front.x, g.height)
        ops.append(Picture(book.cover_image_jpeg, wrap, clip=wrap))
    ops.extend(cover_ops(info, book.cover_image_jpeg, dx=dx, dy=dy, clip=front_clip))
    return PageDraft("cover_spread", g.width, g.height, ops)

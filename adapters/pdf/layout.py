"""Page composition for the interior: which pages, in which order, and what each one shows.

Order: cover, title page, dedication (only if given), the story pages, the ending page, then end
pages (made-for page, notes page, an end paper) up to a multiple of 4 pages. A print partner's
page minimum is met with the real extra pages of print_pages.py, never with blanks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from adapters.pdf.fonts import Role, clean_text
from adapters.pdf.geometry import (
    AMBER,
    CORAL,
    CREAM,
    INK,
    INK_SOFT,
    PAGE,
    PAGE_RECT,
    PANEL,
    PANEL_EDGE,
    RULE,
    SAFE_RECT,
    TEAL,
    Rect,
    padded_page_count,
)
from adapters.pdf.ops import FillRect, Line, Op, PageDraft, Picture, Polygon, RoundRect, TextBox
from adapters.pdf.pilraster import is_light
from adapters.pdf.textfit import balance_width, fit_text
from domain.scenes import VIGNETTE_WINDOW
from domain.story import TEXT_ZONES, BookLayout


@dataclass(frozen=True, slots=True)
class BookInfo:
    """The book's words, cleaned for printing (characters no font covers removed)."""

    title: str
    child: str
    author: str
    dedication: str | None
    ending: str


def book_info(book: BookLayout, *, company: str) -> BookInfo:
    child = clean_text(book.child_name, Role.TITLE) or "our hero"
    title = clean_text(book.title, Role.TITLE) or f"A Story for {child}"
    author = clean_text(book.author, Role.BODY) or f"{company} for {child}"
    dedication = clean_text(book.dedication, Role.DISPLAY) if book.dedication else ""
    return BookInfo(title, child, author, dedication or None, clean_text(book.ending, Role.BODY))


def base_page_count(book: BookLayout) -> int:
    """Cover + title + optional dedication + story pages + ending, before padding."""
    has_dedication = bool(book.dedication and clean_text(book.dedication, Role.DISPLAY))
    return 3 + int(has_dedication) + len(book.pages)


def interior_page_count(book: BookLayout, *, min_pages: int = 0) -> int:
    return padded_page_count(base_page_count(book), minimum=min_pages)


def star(cx: float, cy: float, r: float, colour: str, turn: float = 0.0) -> Polygon:
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.45
        a = math.pi / 2 + turn + i * math.pi / 5
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    return Polygon(tuple(pts), colour)


def _stars(dx: float = 0.0) -> list[Op]:
    """A few decorative stars near the corners of the safe area."""
    spec = [(78, 548, 9, AMBER), (552, 556, 7, TEAL), (96, 92, 6, CORAL), (540, 84, 10, AMBER)]
    return [star(x + dx, y, r, c, turn=0.2 * i) for i, (x, y, r, c) in enumerate(spec)]


def _text(
    text: str,
    role: Role,
    rect: Rect,
    colour: str,
    *,
    max_size: float,
    min_size: float,
    leading: float = 1.3,
    valign: str = "middle",
    align: str = "center",
) -> TextBox:
    f = fit_text(
        text, role, rect.w, rect.h, max_size=max_size, min_size=min_size, leading_ratio=leading
    )
    if align == "center":
        rect = _narrowed(rect, balance_width(f, role, rect.w))
    return TextBox(f.text, role, rect, f.size, f.leading, colour, align=align, valign=valign)


def _narrowed(rect: Rect, width: float) -> Rect:
    """`rect` cut down to `width`, keeping its centre."""
    return Rect(rect.cx - width / 2, rect.y, width, rect.h)


def cover_ops(
    info: BookInfo,
    cover_jpeg: bytes,
    *,
    dx: float = 0.0,
    dy: float = 0.0,
    clip: Rect | None = None,
) -> list[Op]:
    """Front cover art with a title panel; `dx`, `dy` shift it (cover spread), `clip` hides
    bleed."""
    ops: list[Op] = [Picture(cover_jpeg, Rect(dx, dy, PAGE, PAGE), clip=clip)]
    pad_x, pad_y, gap = 24.0, 16.0, 4.0
    inner_w = SAFE_RECT.w - 2 * pad_x
    t = fit_text(info.title, Role.TITLE, inner_w, 128, max_size=44, min_size=22, leading_ratio=1.12)
    s = fit_text(
        f"starring {info.child}",
        Role.BODY_BOLD,
        inner_w,
        34,
        max_size=24,
        min_size=13,
        leading_ratio=1.2,
    )
    tw = balance_width(t, Role.TITLE, inner_w)
    w = min(SAFE_RECT.w, max(tw, s.line_width + 2, 260) + 2 * pad_x)
    h = t.height + gap + s.height + 2 * pad_y
    panel = Rect(dx + PAGE / 2 - w / 2, dy + SAFE_RECT.top - h, w, h)
    ops.append(RoundRect(panel, 20, PANEL, PANEL_EDGE, 2.5))
    tx = Rect(panel.cx - tw / 2, panel.top - pad_y - t.height, tw, t.height)
    ops.append(TextBox(t.text, Role.TITLE, tx, t.size, t.leading, INK, valign="top"))
    sx = Rect(panel.x + pad_x, tx.y - gap - s.height, panel.w - 2 * pad_x, s.height)
    ops.append(TextBox(s.text, Role.BODY_BOLD, sx, s.size, s.leading, CORAL, valign="top"))
    return ops


def cover_page(info: BookInfo, book: BookLayout) -> PageDraft:
    return PageDraft("cover", PAGE, PAGE, cover_ops(info, book.cover_image_jpeg))


def title_page(info: BookInfo, book: BookLayout) -> PageDraft:
    ops: list[Op] = [FillRect(PAGE_RECT, CREAM), RoundRect(SAFE_RECT, 18, None, AMBER, 2.0)]
    art = Rect(PAGE / 2 - 115, 318, 230, 230)
    ops.append(Picture(book.cover_image_jpeg, art, clip=art, radius=26))
    ops.append(RoundRect(art, 26, None, AMBER, 3.0))
    ops.append(
        _text(
            info.title,
            Role.TITLE,
            Rect(90, 206, 450, 100),
            INK,
            max_size=40,
            min_size=18,
            leading=1.12,
        )
    )
    ops.append(
        _text(
            f"A story starring {info.child}",
            Role.BODY_BOLD,
            Rect(90, 160, 450, 40),
            CORAL,
            max_size=22,
            min_size=12,
            leading=1.2,
        )
    )
    ops.append(
        _text(
            info.author,
            Role.BODY,
            Rect(110, 72, 410, 40),
            INK_SOFT,
            max_size=13,
            min_size=8,
            leading=1.25,
        )
    )
    ops.extend(_stars())
    return PageDraft("title", PAGE, PAGE, ops)


def dedication_page(info: BookInfo) -> PageDraft:
    """The dedication, centred on the page between a star and a short rule."""
    text = info.dedication or ""
    f = fit_text(text, Role.DISPLAY, 440, 280, max_size=26, min_size=11, leading_ratio=1.35)
    gap, star_r = 26.0, 14.0
    group = 2 * star_r + gap + f.height + gap
    top = PAGE / 2 + group / 2
    ops: list[Op] = [FillRect(PAGE_RECT, CREAM), star(PAGE / 2, top - star_r, star_r, AMBER)]
    bw = balance_width(f, Role.DISPLAY, 440)
    rect = Rect(PAGE / 2 - bw / 2, top - 2 * star_r - gap - f.height, bw, f.height)
    ops.append(TextBox(f.text, Role.DISPLAY, rect, f.size, f.leading, INK))
    ops.append(Line(PAGE / 2 - 40, rect.y - gap, PAGE / 2 + 40, rect.y - gap, AMBER, 1.5))
    return PageDraft("dedication", PAGE, PAGE, ops)


def story_page(text: str, jpeg: bytes, zone: str = "top") -> PageDraft:
    """One story page in its layout (domain.scenes.LAYOUTS): the picture full bleed with the
    words in a panel inside the text zone (top, bottom, left, right), the words straight on
    the picture's open sky (full), or the picture in a rounded window above the words on the
    paper (vignette). The zone is the part of the picture the illustrator kept free of faces."""
    body = clean_text(text, Role.BODY)
    if zone == "vignette":
        return _vignette_page(body, jpeg)
    ops: list[Op] = [Picture(jpeg, PAGE_RECT)]
    if not body:
        return PageDraft("story", PAGE, PAGE, ops)
    zx0, zy0, zx1, zy1 = _zone_rect(zone if zone in TEXT_ZONES else "top")
    if zone == "full":
        ops.extend(_words_on_sky(body, jpeg, Rect(zx0, zy0, zx1 - zx0, zy1 - zy0)))
        return PageDraft("story", PAGE, PAGE, ops)
    ops.extend(_panel(body, zone if zone in TEXT_ZONES else "top", zx0, zy0, zx1, zy1))
    return PageDraft("story", PAGE, PAGE, ops)


def _zone_rect(zone: str) -> tuple[float, float, float, float]:
    """The zone in PDF points (y up), inside the safe area."""
    left, top, right, bottom = TEXT_ZONES[zone]
    zx0, zx1 = max(SAFE_RECT.x, left * PAGE), min(SAFE_RECT.right, right * PAGE)
    zy0, zy1 = max(SAFE_RECT.y, (1 - bottom) * PAGE), min(SAFE_RECT.top, (1 - top) * PAGE)
    return zx0, zy0, zx1, zy1


def _panel(body: str, zone: str, zx0: float, zy0: float, zx1: float, zy1: float) -> list[Op]:
    pad_x, pad_y = 24.0, 14.0
    side = zone in ("left", "right")
    max_w = (zx1 - zx0) - 2 * pad_x
    max_h = (zy1 - zy0) - 2 * pad_y if side else min(200.0, zy1 - zy0) - 2 * pad_y
    f = fit_text(body, Role.BODY, max_w, max_h, max_size=21, min_size=11, leading_ratio=1.32)
    # short text is centred in balanced lines, long text reads better set left
    align = "center" if f.height < 3.5 * f.leading else "left"
    tw = balance_width(f, Role.BODY, max_w) if align == "center" else 0
    # the panel hugs the text (+2 pt so the lines break exactly as they were measured)
    tw = max(tw, f.line_width + 2)
    w = min(zx1 - zx0, max(tw + 2 * pad_x, min(280.0, zx1 - zx0)))
    height = f.height + 2 * pad_y
    if zone == "bottom":
        panel = Rect(PAGE / 2 - w / 2, zy0, w, height)
    elif side:
        x = zx0 if zone == "left" else zx1 - w
        panel = Rect(x, (zy0 + zy1) / 2 - height / 2, w, height)
    else:
        panel = Rect(PAGE / 2 - w / 2, zy1 - height, w, height)
    box = panel.inset(pad_x, pad_y)
    return [
        RoundRect(panel, 18, PANEL, PANEL_EDGE, 2.0),
        TextBox(f.text, Role.BODY, box, f.size, f.leading, INK, align=align),
    ]


def _words_on_sky(body: str, jpeg: bytes, zone: Rect) -> list[Op]:
    """A few words set straight onto the picture's open sky: ink on a light sky, cream with a
    soft dark edge on a night or underwater one, so they read on either."""
    f = fit_text(body, Role.DISPLAY, zone.w - 20, zone.h - 8, max_size=26, min_size=12)
    rect = _narrowed(zone, balance_width(f, Role.DISPLAY, zone.w - 20))
    if is_light(jpeg, TEXT_ZONES["full"]):
        return [TextBox(f.text, Role.DISPLAY, rect, f.size, f.leading, INK)]
    shadow = Rect(rect.x + 1.2, rect.y - 1.2, rect.w, rect.h)
    return [
        TextBox(f.text, Role.DISPLAY, shadow, f.size, f.leading, INK),
        TextBox(f.text, Role.DISPLAY, rect, f.size, f.leading, CREAM),
    ]


def _vignette_page(body: str, jpeg: bytes) -> PageDraft:
    """The picture in a rounded window on the paper, the words below it."""
    left, top, right, bottom = VIGNETTE_WINDOW
    window = Rect(left * PAGE, (1 - bottom) * PAGE, (right - left) * PAGE, (bottom - top) * PAGE)
    ops: list[Op] = [
        FillRect(PAGE_RECT, CREAM),
        Picture(jpeg, PAGE_RECT, clip=window, radius=42),
        RoundRect(window, 42, None, AMBER, 3.0),
    ]
    if body:
        zx0, zy0, zx1, zy1 = _zone_rect("vignette")
        zone = Rect(zx0 + 12, zy0, zx1 - zx0 - 24, min(zy1, window.y - 12) - zy0)
        ops.append(_text(body, Role.BODY, zone, INK, max_size=21, min_size=11, leading=1.32))
    return PageDraft("story", PAGE, PAGE, ops)


def ending_page(info: BookInfo) -> PageDraft:
    """The closing page: "The End" and the closing words, centred as a group in a frame."""
    ops: list[Op] = [FillRect(PAGE_RECT, CREAM), RoundRect(SAFE_RECT, 18, None, AMBER, 2.0)]
    end = fit_text("The End", Role.TITLE, 450, 90, max_size=64, min_size=30, leading_ratio=1.1)
    body = (
        fit_text(info.ending, Role.BODY, 430, 250, max_size=22, min_size=11, leading_ratio=1.32)
        if info.ending
        else None
    )
    gap = 34.0
    group = end.height + (gap + body.height if body else 0.0)
    top = PAGE / 2 + group / 2 + 10
    end_rect = Rect(90, top - end.height, 450, end.height)
    ops.append(TextBox(end.text, Role.TITLE, end_rect, end.size, end.leading, CORAL))
    ops.append(
        Line(PAGE / 2 - 60, end_rect.y - gap / 2, PAGE / 2 + 60, end_rect.y - gap / 2, AMBER, 2.0)
    )
    if body:
        bw = balance_width(body, Role.BODY, 430)
        rect = Rect(PAGE / 2 - bw / 2, end_rect.y - gap - body.height, bw, body.height)
        ops.append(TextBox(body.text, Role.BODY, rect, body.size, body.leading, INK))
    ops.extend(_stars())
    return PageDraft("ending", PAGE, PAGE, ops)


def made_for_page(info: BookInfo) -> PageDraft:
    ops: list[Op] = [FillRect(PAGE_RECT, CREAM)]
    ops.append(
        _text(
            "This book was made for",
            Role.DISPLAY,
            Rect(90, 360, 450, 40),
            INK,
            max_size=24,
            min_size=14,
            leading=1.2,
        )
    )
    ops.append(
        _text(
            info.child,
            Role.TITLE,
            Rect(90, 250, 450, 100),
            CORAL,
            max_size=60,
            min_size=22,
            leading=1.1,
        )
    )
    ops.append(star(PAGE / 2, 218, 12, AMBER))
    ops.extend(_stars())
    return PageDraft("made_for", PAGE, PAGE, ops)


def notes_page() -> PageDraft:
    ops: list[Op] = [
        FillRect(PAGE_RECT, CREAM),
        _text(
            "Notes & memories",
            Role.TITLE,
            Rect(90, 520, 450, 50),
            INK,
            max_size=28,
            min_size=16,
            leading=1.2,
        ),
    ]
    y = 480.0
    while y > SAFE_RECT.y + 20:
        ops.append(Line(SAFE_RECT.x + 20, y, SAFE_RECT.right - 20, y, RULE, 0.8))
        y -= 34
    return PageDraft("notes", PAGE, PAGE, ops)


def interior_pages(book: BookLayout, *, company: str, min_pages: int = 0) -> list[PageDraft]:
    from adapters.pdf.print_pages import endpaper_page, print_interior  # they build on these

    info = book_info(book, company=company)
    front = [cover_page(info, book), title_page(info, book)]
    if info.dedication:
        front.append(dedication_page(info))
    story = [story_page(ip.page.text, ip.image_jpeg, ip.page.scene.text_zone) for ip in book.pages]
    back = [ending_page(info)]
    base = len(front) + len(story) + len(back)
    target = padded_page_count(base, minimum=min_pages)
    if target - base > 2:  # a print partner's minimum: real extra pages, never blanks
        return print_interior(info, book, front, story, [*back, made_for_page(info)], target)
    pages = [*front, *story, *back]
    extras = [made_for_page(info), notes_page()]
    while len(pages) < target:
        pages.append(extras.pop(0) if extras else endpaper_page())
    return pages

"""Extra pages of the printed book: a print partner's page minimum (hardcover 24, paperback 32)
is met with pages worth having, never blanks: end papers, "about the hero", the cast and
scenes, and keepsake pages to fill in (a drawing, a letter, memories)."""

from __future__ import annotations

from collections.abc import Iterator

from adapters.pdf.fonts import Role
from adapters.pdf.geometry import (
    AMBER,
    BACK_BG,
    CORAL,
    CREAM,
    INK,
    INK_SOFT,
    PAGE,
    PAGE_RECT,
    RULE,
    SAFE_RECT,
    TEAL,
    Rect,
)
from adapters.pdf.layout import BookInfo, _stars, _text, star
from adapters.pdf.ops import FillRect, Line, Op, PageDraft, Picture, RoundRect, TextBox
from domain.story import BookLayout


def endpaper_page(turn: float = 0.0) -> PageDraft:
    """A star-pattern end paper over the whole bleed (a printed pattern, not a blank)."""
    ops: list[Op] = [FillRect(PAGE_RECT, BACK_BG)]
    colours = (AMBER, CORAL, TEAL)
    step = 70.0
    for row in range(10):
        for col in range(10):
            x = col * step + (step / 2 if row % 2 else 0.0)
            ops.append(star(x, row * step + 20, 10, colours[(row + col) % 3], turn + 0.3 * col))
    return PageDraft("endpaper", PAGE, PAGE, ops)


def _heading(text: str) -> TextBox:
    return _text(text, Role.TITLE, Rect(90, 520, 450, 50), INK, max_size=30, min_size=16)


def _lines(top: float, bottom: float = SAFE_RECT.y + 20, gap: float = 34.0) -> list[Op]:
    ops: list[Op] = []
    y = top
    while y > bottom:
        ops.append(Line(SAFE_RECT.x + 20, y, SAFE_RECT.right - 20, y, RULE, 0.8))
        y -= gap
    return ops


def belongs_to_page(info: BookInfo) -> PageDraft:
    """Facing the title page when there is no dedication: the title spread is never half empty."""
    ops: list[Op] = [FillRect(PAGE_RECT, CREAM), RoundRect(SAFE_RECT, 18, None, AMBER, 2.0)]
    ops.append(
        _text("This book belongs to", Role.DISPLAY, Rect(90, 380, 450, 50), INK, max_size=28,
              min_size=14)
    )  # fmt: skip
    ops.append(Line(150, 320, 480, 320, AMBER, 1.5))
    ops.extend(_stars())
    return PageDraft("belongs_to", PAGE, PAGE, ops)


def about_hero_page(info: BookInfo, book: BookLayout) -> PageDraft:
    ops: list[Op] = [FillRect(PAGE_RECT, CREAM), _heading("About the hero")]
    art = Rect(PAGE / 2 - 90, 320, 180, 180)
    ops.append(Picture(book.cover_image_jpeg, art, clip=art, radius=90))
    ops.append(RoundRect(art, 90, None, AMBER, 3.0))
    ops.append(
        _text(f"{info.child}, the hero of {info.title}", Role.BODY_BOLD, Rect(90, 262, 450, 44),
              CORAL, max_size=22, min_size=11)
    )  # fmt: skip
    prompts = ("Age when this book was made:", "Favourite things:", "Best friend:")
    y = 222.0
    for prompt in prompts:
        ops.append(
            _text(prompt, Role.BODY, Rect(SAFE_RECT.x + 20, y - 8, 230, 30), INK_SOFT,
                  max_size=15, min_size=9, align="left")
        )  # fmt: skip
        ops.append(Line(SAFE_RECT.x + 250, y - 6, SAFE_RECT.right - 20, y - 6, RULE, 0.8))
        y -= 56
    return PageDraft("about_hero", PAGE, PAGE, ops)


def cast_page(info: BookInfo, book: BookLayout) -> PageDraft:
    """The whole cast as they appear in the story: the hero's portrait and every scene."""
    ops: list[Op] = [FillRect(PAGE_RECT, CREAM), _heading(f"{info.child} and friends")]
    pictures = [book.cover_image_jpeg, *(p.image_jpeg for p in book.pages)][:16]
    cols = 4
    size, gap = 112.0, 14.0
    left = PAGE / 2 - (cols * size + (cols - 1) * gap) / 2
    for i, jpeg in enumerate(pictures):
        row, col = divmod(i, cols)
        rect = Rect(left + col * (size + gap), 392 - row * (size + gap), size, size)
        ops.append(Picture(jpeg, rect, clip=rect, radius=14))
        ops.append(RoundRect(rect, 14, None, AMBER, 1.5))
    return PageDraft("cast", PAGE, PAGE, ops)


def prompt_page(kind: str, heading: str, *, frame: bool = False) -> PageDraft:
    """A keepsake page: a heading and ruled lines, or a frame to draw in."""
    ops: list[Op] = [FillRect(PAGE_RECT, CREAM), _heading(heading)]
    if frame:
        ops.append(RoundRect(Rect(SAFE_RECT.x + 10, SAFE_RECT.y + 10, 520, 440), 18, None,
                             AMBER, 2.0))  # fmt: skip
    else:
        ops.extend(_lines(480))
    return PageDraft(kind, PAGE, PAGE, ops)


def keepsake_pages(info: BookInfo, book: BookLayout) -> Iterator[PageDraft]:
    """The extra back pages, best first; after these, more pages to draw and write in."""
    yield about_hero_page(info, book)
    yield cast_page(info, book)
    yield prompt_page("draw", f"Draw {info.child}'s next adventure", frame=True)
    yield prompt_page("favourite", "My favourite part of the story")
    yield prompt_page("letter", f"A letter to {info.child}")
    yield prompt_page("loves", f"Things {info.child} loves today")
    n = 2
    while True:
        yield prompt_page("draw", f"More drawings ({n})", frame=True)
        yield prompt_page("memories", f"More memories ({n})")
        n += 1


def print_interior(
    info: BookInfo, book: BookLayout, front: list[PageDraft], story: list[PageDraft],
    back: list[PageDraft], target: int,
) -> list[PageDraft]:  # fmt: skip
    """Front matter, story and back pages brought to `target` pages with real pages: end
    papers open and close the book, a title spread, then keepsake pages before the end paper."""
    cover, title, *rest = front
    spread = rest or [belongs_to_page(info)]  # a title and dedication spread
    opening = [cover, endpaper_page(), title, *spread]
    pages = [*opening, *story, *back]
    extras = keepsake_pages(info, book)
    while len(pages) < target - 1:
        pages.append(next(extras))
    pages.append(endpaper_page(turn=0.5))
    return pages

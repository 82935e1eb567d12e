"""ReportLabBookRenderer: the BookRenderer port, with reportlab (print files) and Pillow (preview).

Pure CPU and synchronous: callers run it in a worker thread.
"""

from __future__ import annotations

import logging

from adapters.pdf.cover import cover_spread
from adapters.pdf.final import render_interior, render_pages
from adapters.pdf.fonts import register_fonts
from adapters.pdf.geometry import spread_geometry
from adapters.pdf.layout import BookInfo, book_info, interior_page_count, interior_pages
from adapters.pdf.pdfdoc import DocMeta
from adapters.pdf.preview import render_preview_pdf
from domain.story import BookLayout

log = logging.getLogger(__name__)


class ReportLabBookRenderer:
    """Renders a BookLayout to the print-ready interior, the cover spread and the preview.

    company: shown in the default author line ("<company> for <child>") and the PDF Creator.
    min_pages: pad the interior to at least this many pages (e.g. 24 for some print services);
        the count is always rounded up to a multiple of 4.
    """

    def __init__(self, *, company: str = "Storybook", min_pages: int = 0) -> None:
        if min_pages < 0:
            raise ValueError("min_pages must be >= 0")
        self._company = company
        self._min_pages = min_pages
        register_fonts()

    def page_count(self, book: BookLayout) -> int:
        """Pages in the interior PDF (what the spine width is computed from)."""
        return interior_page_count(book, min_pages=self._min_pages)

    def _meta(self, info: BookInfo, *, what: str) -> DocMeta:
        return DocMeta(
            title=info.title if what == "interior" else f"{info.title} ({what})",
            author=info.author,
            subject=f"A personalised picture book starring {info.child}",
            creator=f"{self._company} book renderer",
            keywords="picture book, personalised",
        )

    def render_final(self, book: BookLayout) -> bytes:
        info = book_info(book, company=self._company)
        pages = interior_pages(book, company=self._company, min_pages=self._min_pages)
        pdf = render_interior(pages, self._meta(info, what="interior"))
        log.debug("rendered interior: %d pages, %d bytes", len(pages), len(pdf))
        return pdf

    def render_cover(
        self,
        book: BookLayout,
        *,
        blurb: str | None = None,
        size: tuple[float, float] | None = None,
    ) -> bytes:
        """The cover spread; `size` is the print partner's (points), else ours."""
        info = book_info(book, company=self._company)
        count = self.page_count(book)
        spread = cover_spread(book, info, count, blurb=blurb, size=size)
        g = spread_geometry(count, size)
        pdf = render_pages([spread], self._meta(info, what="cover"), trim=g.trim)
        log.debug("rendered cover: spine %.3f pt for %d pages", g.spine, count)
        return pdf

    def render_preview(self, book: BookLayout, *, watermark: bool = True) -> bytes:
        info = book_info(book, company=self._company)
        pages = interior_pages(book, company=self._company, min_pages=self._min_pages)
        pdf = render_preview_pdf(pages, self._meta(info, what="preview"), watermark=watermark)
        log.debug("rendered preview: %d pages, %d bytes", len(pages), len(pdf))
        return pdf

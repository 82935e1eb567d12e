"""Draw page drafts with reportlab: the print-ready interior PDF (and the cover spread's pages)."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from adapters.pdf.geometry import MIN_PRINT_PPI, PAGE, PT_PER_IN, TRIM_RECT, Rect
from adapters.pdf.ops import (
    FillRect,
    Line,
    Op,
    PageDraft,
    Picture,
    Polygon,
    RotatedText,
    RoundRect,
    TextBox,
)
from adapters.pdf.pdfdoc import DocMeta, JpegReader, binary_streams, ensure_jpeg, new_canvas
from adapters.pdf.textfit import fit_text, make_paragraph

log = logging.getLogger(__name__)


class _Readers:
    """One JpegReader per distinct image within a document."""

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[bytes, JpegReader]] = {}
        self._warned: set[int] = set()

    def get(self, jpeg: bytes) -> JpegReader:
        hit = self._by_id.get(id(jpeg))
        if hit is not None and hit[0] is jpeg:
            return hit[1]
        reader = JpegReader(ensure_jpeg(jpeg))
        self._by_id[id(jpeg)] = (jpeg, reader)
        return reader

    def first_warning(self, jpeg: bytes) -> bool:
        """True the first time a resolution warning is asked for this image."""
        if id(jpeg) in self._warned:
            return False
        self._warned.add(id(jpeg))
        return True


def _clip(c: Canvas, rect: Rect, radius: float) -> None:
    path = c.beginPath()
    if radius > 0:
        path.roundRect(rect.x, rect.y, rect.w, rect.h, radius)
    else:
        path.rect(rect.x, rect.y, rect.w, rect.h)
    c.clipPath(path, stroke=0, fill=0)


def _picture(c: Canvas, op: Picture, readers: _Readers) -> None:
    reader = readers.get(op.jpeg)
    iw, ih = reader.getSize()
    r = op.rect
    scale = max(r.w / iw, r.h / ih)
    dw, dh = iw * scale, ih * scale
    x, y = r.x + (r.w - dw) / 2, r.y + (r.h - dh) / 2
    clip = op.clip
    if clip is None and (dw > r.w + 0.01 or dh > r.h + 0.01):
        clip = r
    ppi = iw / (dw / PT_PER_IN)
    if ppi < MIN_PRINT_PPI and readers.first_warning(op.jpeg):
        log.warning("illustration %dx%d px prints at %.0f ppi (< %d)", iw, ih, ppi, MIN_PRINT_PPI)
    c.saveState()
    if clip is not None:
        _clip(c, clip, op.radius)
    c.drawImage(reader, x, y, dw, dh)
    c.restoreState()


def _textbox(c: Canvas, op: TextBox) -> None:
    r = op.rect
    p = make_paragraph(op.text, op.role, op.size, op.leading, op.colour, op.align)
    _, h = p.wrap(r.w, r.h)
    if h > r.h + 0.5:  # safety net: never overflow the box
        f = fit_text(
            op.text,
            op.role,
            r.w,
            r.h,
            max_size=op.size,
            min_size=6,
            leading_ratio=op.leading / op.size,
        )
        p = make_paragraph(f.text, op.role, f.size, f.leading, op.colour, op.align)
        _, h = p.wrap(r.w, r.h)
    if op.valign == "top":
        y = r.top - h
    elif op.valign == "bottom":
        y = r.y
    else:
        y = r.y + (r.h - h) / 2
    p.drawOn(c, r.x, y)


def _rotated(c: Canvas, op: RotatedText) -> None:
    p = make_paragraph(op.text, op.role, op.size, op.size * 1.2, op.colour, "center")
    width = 1000.0
    _, h = p.wrap(width, op.size * 4)
    c.saveState()
    c.translate(op.cx, op.cy)
    c.rotate(-90)  # reads top to bottom, as on English-language spines
    # first baseline sits at fontSize below the block top; centre the x-height on the axis
    p.drawOn(c, -width / 2, -h + op.size - op.size * 0.35)
    c.restoreState()


def draw_ops(c: Canvas, ops: Sequence[Op], readers: _Readers) -> None:
    for op in ops:
        if isinstance(op, Picture):
            _picture(c, op, readers)
        elif isinstance(op, FillRect):
            c.setFillColor(op.colour)
            c.rect(op.rect.x, op.rect.y, op.rect.w, op.rect.h, stroke=0, fill=1)
        elif isinstance(op, RoundRect):
            if op.fill:
                c.setFillColor(op.fill)
            if op.stroke:
                c.setStrokeColor(op.stroke)
                c.setLineWidth(op.stroke_width)
            r = op.rect
            c.roundRect(
                r.x, r.y, r.w, r.h, op.radius, stroke=int(bool(op.stroke)), fill=int(bool(op.fill))
            )
        elif isinstance(op, TextBox):
            _textbox(c, op)
        elif isinstance(op, Polygon):
            path = c.beginPath()
            path.moveTo(*op.points[0])
            for pt in op.points[1:]:
                path.lineTo(*pt)
            path.close()
            c.setFillColor(op.colour)
            c.drawPath(path, stroke=0, fill=1)
        elif isinstance(op, Line):
            c.setStrokeColor(op.colour)
            c.setLineWidth(op.width)
            c.line(op.x1, op.y1, op.x2, op.y2)
        elif isinstance(op, RotatedText):
            _rotated(c, op)


def render_pages(pages: Sequence[PageDraft], meta: DocMeta, *, trim: Rect | None = None) -> bytes:
    """Draw the drafts, one PDF page each (all the size of the first), and return the PDF."""
    if not pages:
        raise ValueError("no pages to render")
    size = (pages[0].width, pages[0].height)
    buf = io.BytesIO()
    with binary_streams():
        c = new_canvas(buf, size, meta, trim=trim)
        readers = _Readers()
        for page in pages:
            draw_ops(c, page.ops, readers)
            c.showPage()
        c.save()
    return buf.getvalue()


def render_interior(pages: Sequence[PageDraft], meta: DocMeta) -> bytes:
    """The print-ready interior: 630 pt pages, TrimBox [9 9 621 621], BleedBox = MediaBox."""
    assert all(p.width == PAGE and p.height == PAGE for p in pages)
    return render_pages(pages, meta, trim=TRIM_RECT)

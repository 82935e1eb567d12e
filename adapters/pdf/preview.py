"""The preview PDF: every page a low-resolution JPEG with "PREVIEW" burned into the pixels.

Each page is composed with Pillow from the same page drafts as the print file, so the preview
holds no vector text and no full-resolution art: removing a content stream or extracting the
images leaves nothing clean.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence

from PIL import Image, ImageChops, ImageDraw

from adapters.pdf.fonts import pil_font
from adapters.pdf.geometry import TRIM
from adapters.pdf.ops import PageDraft
from adapters.pdf.pdfdoc import DocMeta, JpegReader, binary_streams, new_canvas
from adapters.pdf.pilraster import rasterise

PREVIEW_PX = 800  # long side of every preview image
PREVIEW_QUALITY = 72
WATERMARK_TEXT = "PREVIEW"
WATERMARK_FONT = "SB-Title"


@functools.lru_cache(maxsize=4)
def _watermark_masks(px: int) -> tuple[Image.Image, Image.Image]:
    """(outline mask, fill mask) of diagonal rows of PREVIEW covering a px x px page."""
    big = int(px * 1.5)
    size = px * 0.11
    font = pil_font(WATERMARK_FONT, size)
    row = "   ".join([WATERMARK_TEXT] * 4)
    outer = Image.new("L", (big, big), 0)
    inner = Image.new("L", (big, big), 0)
    d_out, d_in = ImageDraw.Draw(outer), ImageDraw.Draw(inner)
    stroke = max(2, round(px / 260))
    step = px * 0.3
    y, k = -step / 2, 0
    while y < big + step:
        x = -((k * 0.37) % 1.0) * px * 0.6  # stagger rows
        d_out.text((x, y), row, font=font, fill=255, stroke_width=stroke, stroke_fill=255)
        d_in.text((x, y), row, font=font, fill=255)
        y += step
        k += 1
    off = (big - px) // 2
    outer = outer.rotate(33, resample=Image.Resampling.BILINEAR).crop(
        (off, off, off + px, off + px)
    )
    inner = inner.rotate(33, resample=Image.Resampling.BILINEAR).crop(
        (off, off, off + px, off + px)
    )
    outline = ImageChops.subtract(outer, inner)
    return outline.point(lambda v: v * 38 // 100), inner.point(lambda v: v * 42 // 100)


def burn_watermark(im: Image.Image) -> Image.Image:
    """Blend a dark outline and a light fill of PREVIEW rows into the pixels (in place)."""
    outline, fill = _watermark_masks(im.width) if im.width == im.height else _fit_masks(im)
    im.paste((40, 34, 70), (0, 0), outline)
    im.paste((255, 255, 255), (0, 0), fill)
    return im


def _fit_masks(im: Image.Image) -> tuple[Image.Image, Image.Image]:
    side = max(im.size)
    outline, fill = _watermark_masks(side)
    box = (0, 0, im.width, im.height)
    return outline.crop(box), fill.crop(box)


def preview_jpeg(page: PageDraft, *, watermark: bool, px: int = PREVIEW_PX) -> bytes:
    im = rasterise(page.ops, px)
    if watermark:
        burn_watermark(im)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=PREVIEW_QUALITY, optimize=True)
    return out.getvalue()


def render_preview_pdf(pages: Sequence[PageDraft], meta: DocMeta, *, watermark: bool) -> bytes:
    """One trim-sized page per draft, holding exactly one image and no text."""
    jpegs = [preview_jpeg(p, watermark=watermark) for p in pages]
    buf = io.BytesIO()
    with binary_streams():
        c = new_canvas(buf, (TRIM, TRIM), meta)
        for jpeg in jpegs:
            c.drawImage(JpegReader(jpeg), 0, 0, TRIM, TRIM)
            c.showPage()
        c.save()
    return buf.getvalue()

"""reportlab plumbing: reproducible canvases, binary streams, JPEG pass-through, metadata."""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PIL import Image
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from adapters.pdf.fonts import DEFAULT_FONT, register_fonts
from adapters.pdf.geometry import Rect

log = logging.getLogger(__name__)

_JPEG_SOI = b"\xff\xd8\xff"


def ensure_jpeg(data: bytes, *, quality: int = 92) -> bytes:
    """Return JPEG bytes unchanged; convert anything else Pillow reads to a baseline JPEG.

    PNG would be Flate-re-encoded by reportlab (huge and slow), so non-JPEG input is converted
    once here (and logged: illustrators are supposed to hand over JPEG)."""
    if data.startswith(_JPEG_SOI):
        return data
    with Image.open(io.BytesIO(data)) as im:
        log.warning("illustration is %s, not JPEG: converting (q=%d)", im.format, quality)
        rgb = im.convert("RGB")
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=quality, optimize=False)
    return out.getvalue()


class JpegReader(ImageReader):  # type: ignore[misc]
    """An ImageReader over JPEG bytes that never decodes the pixels.

    `Canvas.drawImage` digests `getRGBData()` to de-duplicate images, which for a stock ImageReader
    decodes the whole JPEG (tens of ms for a 2625 px illustration). The compressed bytes identify
    the image just as well. The XObject is built from `jpeg_fh()`, i.e. the JPEG stream is embedded
    as-is with /DCTDecode."""

    def __init__(self, jpeg: bytes) -> None:
        if not jpeg.startswith(_JPEG_SOI):
            raise ValueError("JpegReader needs JPEG bytes (use ensure_jpeg first)")
        super().__init__(io.BytesIO(jpeg))
        self._raw = jpeg
        self._dataA = None

    def getRGBData(self) -> bytes:  # reportlab's method name
        return self._raw


# rl_config.useA85 is read while streams are built and while the document is serialised, so it has
# to stay 0 for the whole render. It is process-global: switch it off while at least one render
# is running and put back whatever was there when the last one finishes.
_a85_lock = threading.Lock()
_a85_depth = 0
_a85_saved: Any = None


@contextmanager
def binary_streams() -> Iterator[None]:
    global _a85_depth, _a85_saved
    with _a85_lock:
        if _a85_depth == 0:
            _a85_saved = rl_config.useA85
            rl_config.useA85 = 0
        _a85_depth += 1
    try:
        yield
    finally:
        with _a85_lock:
            _a85_depth -= 1
            if _a85_depth == 0:
                rl_config.useA85 = _a85_saved


@dataclass(frozen=True, slots=True)
class DocMeta:
    title: str
    author: str
    subject: str
    creator: str
    keywords: str = ""


def new_canvas(
    buf: io.BytesIO,
    size: tuple[float, float],
    meta: DocMeta,
    *,
    trim: Rect | None = None,
) -> Canvas:
    """A reproducible canvas (invariant=1) whose default font is an embedded TTF.

    With `trim`, every page gets that TrimBox and a BleedBox equal to the MediaBox."""
    register_fonts()
    boxes: dict[str, Any] = {}
    if trim is not None:
        boxes = {"trimBox": trim.as_box(), "bleedBox": (0, 0, size[0], size[1])}
    c = Canvas(
        buf,
        pagesize=size,
        invariant=1,
        initialFontName=DEFAULT_FONT,
        initialFontSize=12,
        pdfVersion=(1, 4),
        **boxes,
    )
    c.setTitle(meta.title)
    c.setAuthor(meta.author)
    c.setSubject(meta.subject)
    c.setCreator(meta.creator)
    if meta.keywords:
        c.setKeywords(meta.keywords)
    return c

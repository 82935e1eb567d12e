"""Child photos: only JPEG or PNG up to 5 MB, re-encoded so no EXIF (GPS, camera) survives.

Memory is bounded: the size a file declares is checked before any decoding (a 48 KB PNG can
declare 20000x20000 pixels), a JPEG is decoded already scaled down (its DCT allows 1/2 to 1/8),
and decodes run in worker threads within one budget of bytes shared by every upload, so a burst
of large photos waits its turn instead of taking the server's memory (and its event loop)."""

from __future__ import annotations

import asyncio
import io
import math

from PIL import Image, ImageOps, UnidentifiedImageError

from domain.errors import ValidationFailed

PHOTO_MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE_PX = 2048
ALLOWED_FORMATS = {"JPEG", "PNG"}
# Declared sizes refused before decoding, well under Pillow's own bomb limit (89 M pixels).
# A JPEG is decoded at 1/2..1/8 scale, so it may declare more than a PNG (decoded in full).
MAX_PIXELS = {"JPEG": 50_000_000, "PNG": 16_000_000}
DECODE_BUDGET_BYTES = 72 * 1024 * 1024  # decoded pixels in memory at once, all uploads together
_OUTPUT_BYTES = MAX_SIDE_PX * MAX_SIDE_PX * 3  # the downscaled copy beside the decoded one

TOO_BIG = "That photo is too large for me. Please send a smaller one (a phone photo is fine)."
UNREADABLE = "That file isn't a photo I can read. Please send a JPEG or PNG."


def decode_cost(data: bytes) -> int:
    """Bytes the decode of this photo will hold, from its header alone; ValidationFailed for a
    file that is not a JPEG or PNG, or declares more pixels than we decode."""
    if len(data) > PHOTO_MAX_BYTES:
        raise ValidationFailed("The photo is over 5 MB. Please send a smaller one.")
    try:
        with Image.open(io.BytesIO(data)) as probe:  # reads the header, decodes nothing
            kind, (width, height) = probe.format, probe.size
            if kind not in ALLOWED_FORMATS:
                raise ValidationFailed("Please send the photo as a JPEG or PNG.")
            if width * height > MAX_PIXELS[kind]:
                raise ValidationFailed(TOO_BIG)
            if kind == "JPEG":
                _draft(probe)
                width, height = probe.size
            bands = len(probe.getbands())
            # A mode other than RGB (palette, alpha, grey) is converted: a second copy.
            per_pixel = bands if probe.mode == "RGB" else bands + 3
            probe.verify()
    except Image.DecompressionBombError:  # declared beyond even Pillow's limit
        raise ValidationFailed(TOO_BIG) from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationFailed(UNREADABLE) from None
    return width * height * per_pixel + _OUTPUT_BYTES


def _draft(image: Image.Image) -> None:
    """Ask a JPEG to decode at the smallest DCT scale still at least as large as the photo
    we keep (its longer side MAX_SIDE_PX); other formats ignore it."""
    scale = MAX_SIDE_PX / max(image.size)
    if scale < 1:
        image.draft("RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale)))


def clean_photo(data: bytes) -> tuple[bytes, int, int]:
    """Return (JPEG bytes without metadata, width, height), or raise ValidationFailed.
    Synchronous and memory-hungry: the service calls it through `PhotoCleaner`."""
    decode_cost(data)
    try:
        with Image.open(io.BytesIO(data)) as image:
            _draft(image)  # a JPEG decodes scaled down
            image.load()
            # Orientation kept (the EXIF itself is not written); no copy of the whole picture.
            ImageOps.exif_transpose(image, in_place=True)
            upright: Image.Image = image
            if upright.mode != "RGB":
                upright = upright.convert("RGB")
            upright.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX))
            out = io.BytesIO()
            upright.save(out, "JPEG", quality=90, optimize=True)  # no exif=: none written
            return out.getvalue(), upright.width, upright.height
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationFailed(UNREADABLE) from None


class PhotoCleaner:
    """`clean_photo` in a worker thread, within one budget of decoded bytes for the process."""

    def __init__(self, budget_bytes: int = DECODE_BUDGET_BYTES) -> None:
        self._budget = budget_bytes
        self._used = 0
        self._freed = asyncio.Condition()

    async def clean(self, data: bytes) -> tuple[bytes, int, int]:
        cost = min(decode_cost(data), self._budget)  # the largest runs alone
        async with self._freed:
            await self._freed.wait_for(lambda: self._used + cost <= self._budget)
            self._used += cost
        try:
            return await asyncio.to_thread(clean_photo, data)
        finally:
            async with self._freed:
                self._used -= cost
                self._freed.notify_all()

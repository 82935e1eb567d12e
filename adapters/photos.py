"""Child photos: only JPEG or PNG up to 5 MB, re-encoded so no EXIF (GPS, camera) survives."""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

from domain.errors import ValidationFailed

PHOTO_MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE_PX = 2048
ALLOWED_FORMATS = {"JPEG", "PNG"}


def clean_photo(data: bytes) -> tuple[bytes, int, int]:
    """Return (JPEG bytes without metadata, width, height), or raise ValidationFailed."""
    if len(data) > PHOTO_MAX_BYTES:
        raise ValidationFailed("The photo is over 5 MB. Please send a smaller one.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationFailed(
            "That file isn't a photo I can read. Please send a JPEG or PNG."
        ) from None
    if kind not in ALLOWED_FORMATS:
        raise ValidationFailed("Please send the photo as a JPEG or PNG.")
    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image)  # keep the orientation, lose the EXIF itself
        upright = upright.convert("RGB")
        upright.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX))
        out = io.BytesIO()
        upright.save(out, "JPEG", quality=90, optimize=True)  # no exif= argument: none written
        return out.getvalue(), upright.width, upright.height

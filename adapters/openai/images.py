"""Image bytes from the Images API into what the PDF pipeline wants: RGB JPEG at print size."""

from __future__ import annotations

import base64
import io

from PIL import Image

from domain.errors import GenerationFailed

JPEG_QUALITY = 90


def decode_b64(b64: str | None) -> bytes:
    if not b64:
        raise GenerationFailed("the image API returned no image data")
    try:
        return base64.b64decode(b64, validate=True)
    except ValueError as exc:
        raise GenerationFailed("the image API returned undecodable image data") from exc


def to_jpeg(data: bytes, width: int, height: int) -> bytes:
    """Any image the API returns (JPEG, PNG, WebP) as an RGB JPEG of exactly width x height,
    centre-cropped to the aspect ratio and resampled with LANCZOS."""
    try:
        with Image.open(io.BytesIO(data)) as source:
            image = source.convert("RGB")
    except (OSError, ValueError) as exc:
        raise GenerationFailed("the image API returned an unreadable image") from exc
    target = width / height
    if abs(image.width / image.height - target) > 0.01:
        if image.width / image.height > target:
            w = round(image.height * target)
            left = (image.width - w) // 2
            image = image.crop((left, 0, left + w, image.height))
        else:
            h = round(image.width / target)
            top = (image.height - h) // 2
            image = image.crop((0, top, image.width, top + h))
    if image.size != (width, height):
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()

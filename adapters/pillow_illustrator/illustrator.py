"""PillowIllustrator: the embedded-default Illustrator. Draws a simple, friendly picture for a
page with Pillow, with no network and no key; the same request always gives the same bytes."""

from __future__ import annotations

import asyncio
import io

from PIL import Image

from adapters.pillow_illustrator.scene import compose
from domain.errors import ValidationFailed
from domain.story import IllustrationRequest

JPEG_QUALITY = 88
# Small pictures are drawn at twice the size and shrunk (smooth edges); large print pictures
# are drawn at their own size, which is already fine at 300 ppi.
SUPERSAMPLE_UP_TO = 1024
MAX_SIDE = 6000


def render(request: IllustrationRequest) -> bytes:
    width, height = request.width_px, request.height_px
    if not (16 <= width <= MAX_SIDE and 16 <= height <= MAX_SIDE):
        raise ValidationFailed(f"illustration size {width}x{height} is out of range")
    factor = 2 if max(width, height) <= SUPERSAMPLE_UP_TO else 1
    image = compose(request, width * factor, height * factor)
    if factor != 1:
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=False)
    return out.getvalue()


class PillowIllustrator:
    @property
    def model(self) -> str:
        return "offline-illustrator-1"

    async def illustrate(self, request: IllustrationRequest) -> bytes:
        # Pillow drawing is CPU-bound: keep it off the event loop.
        return await asyncio.to_thread(render, request)

"""PillowIllustrator: the embedded-default Illustrator. Draws a simple, friendly picture for a
page with Pillow, with no network and no key; the same request always gives the same bytes."""

from __future__ import annotations

import asyncio
import io

from PIL import Image

from adapters.pillow_illustrator.scene import Drawn, draw_page
from domain.errors import ValidationFailed
from domain.story import IllustrationRequest

JPEG_QUALITY = 88
# Small pictures are drawn at twice the size and shrunk (smooth edges); large print pictures
# are drawn at their own size, which is already fine at 300 ppi.
SUPERSAMPLE_UP_TO = 1024
MAX_SIDE = 6000


def render(request: IllustrationRequest) -> bytes:
    return render_recorded(request)[0]


def render_recorded(request: IllustrationRequest) -> tuple[bytes, Drawn]:
    """The JPEG and what it shows (place, pose, companions, where the faces are)."""
    width, height = request.width_px, request.height_px
    if not (16 <= width <= MAX_SIDE and 16 <= height <= MAX_SIDE):
        raise ValidationFailed(f"illustration size {width}x{height} is out of range")
    factor = 2 if max(width, height) <= SUPERSAMPLE_UP_TO else 1
    image, drawn = draw_page(request, width * factor, height * factor)
    if factor != 1:
        image = image.resize((width, height), Image.Resampling.LANCZOS)
        drawn = drawn.scaled(1 / factor)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=False)
    return out.getvalue(), drawn


RECORDS_KEPT = 64


class PillowIllustrator:
    def __init__(self) -> None:
        # What the latest pictures show, by request key (for checks and contact sheets).
        self.drawn: dict[str, Drawn] = {}

    @property
    def model(self) -> str:
        return "offline-illustrator-1"

    async def illustrate(self, request: IllustrationRequest) -> bytes:
        # Pillow drawing is CPU-bound: keep it off the event loop.
        jpeg, drawn = await asyncio.to_thread(render_recorded, request)
        self.drawn[request.key] = drawn
        while len(self.drawn) > RECORDS_KEPT:
            self.drawn.pop(next(iter(self.drawn)))
        return jpeg

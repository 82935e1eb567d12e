"""Photos are checked for their declared size before decoding and decoded within a budget."""

from __future__ import annotations

import asyncio
import io
import zlib

import pytest
from PIL import Image

from adapters.photos import MAX_PIXELS, PhotoCleaner, clean_photo, decode_cost
from domain.errors import ValidationFailed


def declared_png(width: int, height: int) -> bytes:
    """A few KB of PNG whose header declares a huge picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    rows = zlib.compress((b"\x00" + b"\x00" * width * 3) * 4, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def jpeg(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 140, 200)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("size", [(20000, 20000), (12000, 12000), (5000, 4000)])
def test_a_declared_size_over_the_limit_is_refused_before_decoding(size):
    data = declared_png(*size)
    assert len(data) < 64 * 1024
    with pytest.raises(ValidationFailed, match="too large"):
        decode_cost(data)
    with pytest.raises(ValidationFailed):
        clean_photo(data)


def test_the_limits_are_well_under_pillows():
    assert max(MAX_PIXELS.values()) <= Image.MAX_IMAGE_PIXELS * 0.6


def test_a_large_jpeg_is_decoded_scaled_down_and_costs_accordingly():
    data = jpeg((6000, 4000))
    full = 6000 * 4000 * 3
    assert decode_cost(data) < full / 2  # decoded at 1/2 (3000x2000) at most
    out, width, height = clean_photo(data)
    assert (width, height) == (2048, 1365)
    assert Image.open(io.BytesIO(out)).format == "JPEG"


def test_a_truncated_file_is_refused_kindly():
    with pytest.raises(ValidationFailed):
        clean_photo(jpeg((800, 600))[:300])


async def test_decodes_wait_for_the_budget_and_never_exceed_it():
    data = jpeg((1600, 1200))
    cost = decode_cost(data)
    cleaner = PhotoCleaner(budget_bytes=cost * 2)  # two at a time
    peak = 0
    original = cleaner._freed

    async def watch() -> None:
        nonlocal peak
        while True:
            peak = max(peak, cleaner._used)
            await asyncio.sleep(0)

    watcher = asyncio.create_task(watch())
    results = await asyncio.gather(*(cleaner.clean(data) for _ in range(6)))
    watcher.cancel()
    assert cleaner._freed is original and cleaner._used == 0
    assert 0 < peak <= cost * 2
    assert all(width == 1600 for _, width, _ in results)

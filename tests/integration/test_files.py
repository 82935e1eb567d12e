"""Local blob store and signed download links: valid, expired, tampered, wrong key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from adapters.local_blob_store import LocalBlobStore
from adapters.signed_links import HmacFileLinks, LinkExpired, LinkRefused
from domain.assets import StoredAsset
from domain.errors import NotFound, ValidationFailed

KEY = b"k" * 32
OTHER_KEY = b"o" * 32


class MovableClock:
    def __init__(self) -> None:
        self.at = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


def _asset(key: str = "books/b1/final-abc.pdf") -> StoredAsset:
    return StoredAsset(
        id="a1",
        owner_user_id="u1",
        book_id="b1",
        kind="final",
        storage_key=key,
        mime="application/pdf",
        size_bytes=3,
        sha256="x",
        created_at=datetime.now(UTC),
        filename="Zoya-and-the-Moon.pdf",
    )


async def test_blob_store_round_trip_and_streaming(tmp_path):
    store = LocalBlobStore(tmp_path)
    data = bytes(range(256)) * 4000  # over one chunk
    await store.put("books/b1/x.pdf", data, "application/pdf")
    assert await store.get("books/b1/x.pdf") == data
    assert b"".join([c async for c in store.iter_chunks("books/b1/x.pdf")]) == data
    await store.delete("books/b1/x.pdf")
    with pytest.raises(NotFound):
        await store.get("books/b1/x.pdf")


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs/path", "a//b", "a/./b", ""])
async def test_blob_keys_cannot_escape_the_root(tmp_path, key):
    with pytest.raises(ValidationFailed):
        await LocalBlobStore(tmp_path).put(key, b"x", "text/plain")


def test_a_valid_link_verifies():
    links = HmacFileLinks("https://books.example", KEY, MovableClock())
    url = links.url_for(_asset(), ttl_seconds=600)
    assert url.startswith("https://books.example/files/")
    signed = links.verify(url.rsplit("/", 1)[1])
    assert signed.storage_key == "books/b1/final-abc.pdf"
    assert signed.filename == "Zoya-and-the-Moon.pdf"


def test_an_expired_link_is_refused():
    clock = MovableClock()
    links = HmacFileLinks("https://books.example", KEY, clock)
    token = links.token_for(_asset(), ttl_seconds=60)
    clock.at += timedelta(seconds=61)
    with pytest.raises(LinkExpired):
        links.verify(token)


def test_a_tampered_link_is_refused():
    links = HmacFileLinks("https://books.example", KEY, MovableClock())
    token = links.token_for(_asset(), ttl_seconds=600)
    other = links.token_for(_asset("books/b2/final-zzz.pdf"), ttl_seconds=600)
    body, signature = token.split(".")
    with pytest.raises(LinkRefused):
        links.verify(other.split(".")[0] + "." + signature)  # someone else's file, our signature
    with pytest.raises(LinkRefused):
        links.verify(body + "." + signature[:-2] + "AA")
    with pytest.raises(LinkRefused):
        links.verify("garbage")


def test_a_link_signed_with_another_key_is_refused():
    token = HmacFileLinks("https://b.example", OTHER_KEY, MovableClock()).token_for(_asset(), 600)
    with pytest.raises(LinkRefused):
        HmacFileLinks("https://b.example", KEY, MovableClock()).verify(token)


def test_short_keys_are_rejected():
    with pytest.raises(ValueError):
        HmacFileLinks("https://b.example", b"short", MovableClock())

"""Two blob stores behind one BlobStore: keys under the private prefix (a parent's photos) go
to the private store (its own bucket or directory), everything else to the assets store. So
every reader, signed link and erasure works the same, and a photo never lands beside
generated illustrations and PDFs."""

from __future__ import annotations

from collections.abc import AsyncIterator

from domain.assets import PRIVATE_PREFIX
from domain.ports import BlobStore


class PartitionedBlobStore:
    def __init__(self, assets: BlobStore, private: BlobStore) -> None:
        self._assets = assets
        self._private = private

    def _store(self, key: str) -> BlobStore:
        return self._private if key.startswith(PRIVATE_PREFIX) else self._assets

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await self._store(key).put(key, data, content_type)

    async def get(self, key: str) -> bytes:
        return await self._store(key).get(key)

    async def delete(self, key: str) -> None:
        await self._store(key).delete(key)

    def iter_chunks(self, key: str) -> AsyncIterator[bytes]:
        return self._store(key).iter_chunks(key)

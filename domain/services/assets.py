"""Keep a file: bytes into the blob store under an unguessable key, facts into the database."""

from __future__ import annotations

import hashlib

from domain.assets import PRIVATE_KINDS, PRIVATE_PREFIX, StoredAsset
from domain.ports import BlobStore, Clock, IdFactory
from domain.repositories import UnitOfWorkFactory

EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}


class AssetStore:
    def __init__(
        self, uow_factory: UnitOfWorkFactory, blobs: BlobStore, clock: Clock, ids: IdFactory
    ) -> None:
        self._uow_factory = uow_factory
        self._blobs = blobs
        self._clock = clock
        self._ids = ids

    async def keep(
        self,
        data: bytes,
        *,
        kind: str,
        mime: str,
        owner_user_id: str | None,
        book_id: str | None = None,
        filename: str | None = None,
        width: int | None = None,
        height: int | None = None,
        page_count: int | None = None,
    ) -> StoredAsset:
        asset_id = self._ids()
        folder = f"books/{book_id}" if book_id else f"users/{owner_user_id or 'none'}"
        # The random id in the key makes it unguessable even when the folder is known.
        key = f"{folder}/{kind}-{asset_id}{EXTENSIONS.get(mime, '.bin')}"
        if kind in PRIVATE_KINDS:  # a parent's photo never sits beside generated files
            key = PRIVATE_PREFIX + key
        await self._blobs.put(key, data, mime)
        asset = StoredAsset(
            id=asset_id,
            owner_user_id=owner_user_id,
            book_id=book_id,
            kind=kind,
            storage_key=key,
            mime=mime,
            size_bytes=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            created_at=self._clock.now(),
            filename=filename,
            width=width,
            height=height,
            page_count=page_count,
        )
        async with self._uow_factory() as uow:
            await uow.assets.add(asset)
            await uow.commit()
        return asset

    async def read(self, asset: StoredAsset) -> bytes:
        return await self._blobs.get(asset.storage_key)

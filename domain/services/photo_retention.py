"""A parent's photos are kept only while they are needed: deleted once a book that used them
is final, and in any case after the retention period. Each deletion is audited; the profile
forgets the photo, so the next book is drawn from the chosen look."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

from domain.assets import StoredAsset
from domain.audit import system_entry
from domain.ports import BlobStore, Clock
from domain.repositories import UnitOfWorkFactory

logger = logging.getLogger(__name__)


class PhotoRetention:
    def __init__(
        self, uow_factory: UnitOfWorkFactory, blobs: BlobStore, clock: Clock, keep_for: timedelta
    ) -> None:
        self._uow_factory = uow_factory
        self._blobs = blobs
        self._clock = clock
        self.keep_for = keep_for

    async def book_final(self, book_id: str) -> int:
        """The book's final files exist: its owner's photos have done their job."""
        async with self._uow_factory() as uow:
            book = await uow.books.get(book_id)
            photos = await uow.assets.photos(owner_user_id=book.user_id) if book else []
        return await self._delete(photos, "book_final", book_id=book_id)

    async def sweep(self) -> int:
        """Photos kept longer than the retention period, whatever became of their book."""
        async with self._uow_factory() as uow:
            photos = await uow.assets.photos(before=self._clock.now() - self.keep_for)
        return await self._delete(photos, "retention")

    async def _delete(self, photos: list[StoredAsset], reason: str, **data: object) -> int:
        for photo in photos:
            # The file first: if the database step fails, a retry finds the row again.
            await self._blobs.delete(photo.storage_key)
            async with self._uow_factory() as uow:
                owner = photo.owner_user_id
                stored = await uow.profiles.for_user(owner) if owner else None
                if stored is not None and stored.profile.photo_asset_id == photo.id:
                    forgotten = replace(stored.profile, photo_asset_id=None)
                    await uow.profiles.update(stored.id, forgotten)
                await uow.assets.remove(photo.id)
                entry = system_entry(
                    "photo_deleted", "image_asset", photo.id, self._clock.now(),
                    reason=reason, **data,
                )  # fmt: skip
                await uow.audit.add(entry)
                await uow.commit()
        if photos:
            logger.info("photos deleted", extra={"count": len(photos), "reason": reason})
        return len(photos)

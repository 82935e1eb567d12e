"""'Delete my data': the parent's profile, photos, books, prompts and transcripts go; payment
records stay (the law requires them) with their personal fields cleared."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.ports import BlobStore, Clock
from storage.tables import (
    AIGenerationLogRow,
    AuditLogRow,
    BookRow,
    ChatEventRow,
    ChatMessageRow,
    ChatSessionRow,
    ChildProfileRow,
    ImageAssetRow,
    PaymentRow,
    PdfAssetRow,
    ShippingAddressRow,
    User,
)


class SqlAlchemyEraser:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], blobs: BlobStore, clock: Clock
    ) -> None:
        self._sessions = sessions
        self._blobs = blobs
        self._clock = clock

    async def erase(self, user_id: str) -> None:
        now = self._clock.now()
        async with self._sessions() as s, s.begin():
            book_ids = select(BookRow.id).where(BookRow.user_id == user_id)
            session_ids = select(ChatSessionRow.id).where(ChatSessionRow.user_id == user_id)
            keys = [
                *(
                    await s.execute(
                        select(ImageAssetRow.storage_key).where(
                            ImageAssetRow.owner_user_id == user_id
                        )
                    )
                ).scalars(),
                *(
                    await s.execute(
                        select(PdfAssetRow.storage_key).where(PdfAssetRow.owner_user_id == user_id)
                    )
                ).scalars(),
            ]
            await s.execute(
                update(PaymentRow)
                .where(PaymentRow.user_id == user_id)
                .values(user_id=None, book_id=None, payer_email=None, link_url=None)
            )
            await s.execute(
                delete(AIGenerationLogRow).where(AIGenerationLogRow.book_id.in_(book_ids))
            )
            await s.execute(
                delete(ChatMessageRow).where(ChatMessageRow.session_id.in_(session_ids))
            )
            await s.execute(delete(ChatEventRow).where(ChatEventRow.session_id.in_(session_ids)))
            await s.execute(
                update(BookRow)
                .where(BookRow.user_id == user_id)
                .values(preview_pdf_id=None, final_pdf_id=None, cover_pdf_id=None)
            )
            await s.execute(delete(ChildProfileRow).where(ChildProfileRow.user_id == user_id))
            await s.execute(delete(PdfAssetRow).where(PdfAssetRow.owner_user_id == user_id))
            await s.execute(delete(ImageAssetRow).where(ImageAssetRow.owner_user_id == user_id))
            await s.execute(delete(BookRow).where(BookRow.user_id == user_id))
            await s.execute(delete(ShippingAddressRow).where(ShippingAddressRow.user_id == user_id))
            await s.execute(
                update(User)
                .where(User.id == user_id)
                .values(
                    display_name=None,
                    consent_at=None,
                    photo_consent_at=None,
                    erased_at=now,
                    updated_at=now,
                )
            )
            s.add(
                AuditLogRow(
                    actor_type="parent",
                    actor_id=user_id,
                    action="data_erased",
                    subject_type="user",
                    subject_id=user_id,
                    data={"files": len(keys)},
                    created_at=now,
                )
            )
        for key in keys:  # after the commit: a failure here leaves orphan files, never data
            await self._blobs.delete(key)

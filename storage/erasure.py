"""'Delete my data': the parent's profile, photos, books, prompts and transcripts go; payment
records stay (the law requires them) with their personal fields cleared."""

from __future__ import annotations

from typing import Any, Self

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.ports import BlobStore, Clock
from domain.repositories import UnitOfWork
from storage.scoped import transaction, turn_unit
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
from storage.turn_unit import SqlAlchemyTurnUnit


class SqlAlchemyEraser:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        blobs: BlobStore,
        clock: Clock,
        unit: SqlAlchemyTurnUnit | None = None,
    ) -> None:
        self._sessions = sessions
        self._blobs = blobs
        self._clock = clock
        self._unit = unit

    def within(self, uow: UnitOfWork) -> Self:
        return type(self)(self._sessions, self._blobs, self._clock, turn_unit(uow))

    async def erase(self, user_id: str) -> None:
        now = self._clock.now()
        async with transaction(self._sessions, self._unit) as s:
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
            await _erase_messages(s, session_ids)
            await s.execute(delete(ChatEventRow).where(ChatEventRow.session_id.in_(session_ids)))
            # Web chat tokens of the erased parent stop working (a new chat starts afresh).
            await s.execute(
                update(ChatSessionRow)
                .where(ChatSessionRow.user_id == user_id)
                .values(token_generation=ChatSessionRow.token_generation + 1)
            )
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

        async def delete_files() -> None:
            for key in keys:  # after the commit: a failure here leaves orphan files, never data
                await self._blobs.delete(key)

        if self._unit is not None:
            self._unit.after_commit(delete_files)
        else:
            await delete_files()


async def _erase_messages(s: AsyncSession, session_ids: Any) -> None:
    """Every message of the sessions goes, but each session's newest row stays as a blank
    "erased" marker: SQLite gives a new row max(id) + 1, and the widget shows each message id
    (its seq) once, so without it the bot's next answers would reuse ids the parent's screen
    already has and never appear."""
    newest = select(func.max(ChatMessageRow.id)).where(ChatMessageRow.session_id.in_(session_ids))
    kept = list((await s.execute(newest.group_by(ChatMessageRow.session_id))).scalars())
    await s.execute(
        delete(ChatMessageRow).where(
            ChatMessageRow.session_id.in_(session_ids), ChatMessageRow.id.not_in(kept)
        )
    )
    if kept:
        await s.execute(
            update(ChatMessageRow)
            .where(ChatMessageRow.id.in_(kept))
            .values(
                direction="in",
                kind="event",
                body={"type": "erased"},
                inbox_status="processed",
                delivery_status=None,
                channel_message_id=None,
                error_code=None,
                error_detail=None,
                attempts=0,
                next_attempt_at=None,
                sent_at=None,
            )
            .execution_options(synchronize_session=False)
        )

"""Repositories for parents, child profiles, assets and audit entries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.assets import PRIVATE_KINDS, StoredAsset
from domain.audit import AuditEntry
from domain.errors import Conflict
from domain.looks import HeroLook
from domain.parents import Parent, StoredProfile
from domain.ports import Clock
from domain.profiles import ChildProfile, Pronouns
from storage.audit_rows import audit_row
from storage.tables import ChildProfileRow, ImageAssetRow, PdfAssetRow, User

_PARENT_FIELDS = tuple(f for f in Parent.__dataclass_fields__)


class SqlAlchemyParentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, parent_id: str) -> Parent | None:
        row = await self._session.get(User, parent_id)
        return None if row is None else Parent(**{f: getattr(row, f) for f in _PARENT_FIELDS})

    async def add(self, parent: Parent) -> None:
        self._session.add(User(**{f: getattr(parent, f) for f in _PARENT_FIELDS}))
        await self._session.flush()

    async def save(self, parent: Parent) -> None:
        row = await self._session.get(User, parent.id)
        assert row is not None, "save() of a parent that was never added"
        for name in _PARENT_FIELDS:
            setattr(row, name, getattr(parent, name))


def _profile_of(row: ChildProfileRow) -> StoredProfile:
    profile = ChildProfile(
        name=row.name,
        age=row.age,
        pronouns=Pronouns(row.pronouns),
        interests=tuple(row.interests),
        photo_asset_id=row.photo_asset_id,
        look=HeroLook.from_json(row.look),
    )
    return StoredProfile(id=row.id, user_id=row.user_id, profile=profile)


class SqlAlchemyProfileRepository:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def for_user(self, user_id: str) -> StoredProfile | None:
        row = (
            await self._session.execute(
                select(ChildProfileRow).where(ChildProfileRow.user_id == user_id)
            )
        ).scalar_one_or_none()
        return None if row is None else _profile_of(row)

    async def get(self, profile_id: str) -> StoredProfile | None:
        row = await self._session.get(ChildProfileRow, profile_id)
        return None if row is None else _profile_of(row)

    async def add(self, stored: StoredProfile) -> None:
        now = self._clock.now()
        p = stored.profile
        row = ChildProfileRow(
            id=stored.id,
            user_id=stored.user_id,
            name=p.name,
            age=p.age,
            pronouns=p.pronouns.value,
            interests=list(p.interests),
            photo_asset_id=p.photo_asset_id,
            look=None if p.look is None else p.look.to_json(),
            created_at=now,
            updated_at=now,
        )
        try:
            async with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            raise Conflict("this parent already has a child profile") from None

    async def update(self, profile_id: str, profile: ChildProfile) -> None:
        row = await self._session.get(ChildProfileRow, profile_id)
        assert row is not None, "update() of a profile that does not exist"
        row.name, row.age, row.pronouns = profile.name, profile.age, profile.pronouns.value
        row.interests = list(profile.interests)
        row.photo_asset_id = profile.photo_asset_id
        row.look = None if profile.look is None else profile.look.to_json()
        row.updated_at = self._clock.now()


_IMAGE_KINDS = ("photo", "illustration", "portrait")


def _image_asset(image: ImageAssetRow) -> StoredAsset:
    return StoredAsset(
        id=image.id,
        owner_user_id=image.owner_user_id,
        book_id=image.book_id,
        kind=image.kind,
        storage_key=image.storage_key,
        mime=image.mime,
        size_bytes=image.size_bytes,
        sha256=image.sha256,
        created_at=image.created_at,
        width=image.width,
        height=image.height,
    )


class SqlAlchemyAssetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, asset: StoredAsset) -> None:
        common = {
            "id": asset.id,
            "owner_user_id": asset.owner_user_id,
            "book_id": asset.book_id,
            "kind": asset.kind,
            "storage_key": asset.storage_key,
            "mime": asset.mime,
            "size_bytes": asset.size_bytes,
            "sha256": asset.sha256,
            "created_at": asset.created_at,
        }
        if asset.kind in _IMAGE_KINDS:
            self._session.add(ImageAssetRow(**common, width=asset.width, height=asset.height))
        else:
            self._session.add(
                PdfAssetRow(
                    **common,
                    filename=asset.filename or f"{asset.id}.pdf",
                    page_count=asset.page_count,
                )
            )
        await self._session.flush()

    async def photos(
        self, *, owner_user_id: str | None = None, before: datetime | None = None
    ) -> list[StoredAsset]:
        query = select(ImageAssetRow).where(ImageAssetRow.kind.in_(sorted(PRIVATE_KINDS)))
        if owner_user_id is not None:
            query = query.where(ImageAssetRow.owner_user_id == owner_user_id)
        if before is not None:
            query = query.where(ImageAssetRow.created_at < before)
        rows = await self._session.scalars(query.order_by(ImageAssetRow.created_at))
        return [_image_asset(r) for r in rows]

    async def remove(self, asset_id: str) -> None:
        await self._session.execute(delete(ImageAssetRow).where(ImageAssetRow.id == asset_id))

    async def get(self, asset_id: str) -> StoredAsset | None:
        image = await self._session.get(ImageAssetRow, asset_id)
        if image is not None:
            return _image_asset(image)
        pdf = await self._session.get(PdfAssetRow, asset_id)
        if pdf is None:
            return None
        return StoredAsset(
            id=pdf.id,
            owner_user_id=pdf.owner_user_id,
            book_id=pdf.book_id,
            kind=pdf.kind,
            storage_key=pdf.storage_key,
            mime=pdf.mime,
            size_bytes=pdf.size_bytes,
            sha256=pdf.sha256,
            created_at=pdf.created_at,
            filename=pdf.filename,
            page_count=pdf.page_count,
        )


class SqlAlchemyAuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, entry: AuditEntry) -> None:
        self._session.add(audit_row(entry))

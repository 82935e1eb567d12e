"""Exactly one child profile per parent: saving a second one updates the first."""

from __future__ import annotations

from dataclasses import replace

from domain.audit import AuditEntry
from domain.errors import Conflict
from domain.parents import StoredProfile
from domain.ports import Clock, IdFactory
from domain.profiles import ChildProfile
from domain.repositories import UnitOfWork, UnitOfWorkFactory
from domain.units import UnitBound


class ProfileService(UnitBound):
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock, ids: IdFactory) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._ids = ids

    async def get(self, user_id: str) -> StoredProfile | None:
        async with self._uow_factory() as uow:
            return await uow.profiles.for_user(user_id)

    async def save(self, user_id: str, profile: ChildProfile) -> StoredProfile:
        """Create the parent's child profile, or update it if there is one already."""
        try:
            return await self._save_once(user_id, profile)
        except Conflict:
            # Another request created it between our read and our insert: update that one.
            return await self._save_once(user_id, profile)

    async def _save_once(self, user_id: str, profile: ChildProfile) -> StoredProfile:
        async with self._uow_factory() as uow:
            photo = profile.photo_asset_id
            if photo is not None and await uow.assets.get(photo) is None:
                profile = replace(profile, photo_asset_id=None)  # deleted since (retention)
            existing = await uow.profiles.for_user(user_id)
            if existing is None:
                stored = StoredProfile(id=self._ids(), user_id=user_id, profile=profile)
                await uow.profiles.add(stored)
                await self._audit(uow, user_id, "profile_created", stored.id)
            else:
                stored = StoredProfile(id=existing.id, user_id=user_id, profile=profile)
                await uow.profiles.update(existing.id, profile)
                changed = _changed_fields(existing.profile, profile)
                await self._audit(uow, user_id, "profile_changed", stored.id, fields=changed)
            await uow.commit()
        return stored

    async def _audit(
        self, uow: UnitOfWork, user_id: str, action: str, profile_id: str, **data: object
    ) -> None:
        await uow.audit.add(
            AuditEntry(
                actor_type="parent",
                actor_id=user_id,
                action=action,
                subject_type="child_profile",
                subject_id=profile_id,
                data=data,  # field names only: the child's details stay out of the audit log
                created_at=self._clock.now(),
            )
        )


def _changed_fields(before: ChildProfile, after: ChildProfile) -> list[str]:
    names = ("name", "age", "pronouns", "interests", "photo_asset_id", "look")
    return [n for n in names if getattr(before, n) != getattr(after, n)]

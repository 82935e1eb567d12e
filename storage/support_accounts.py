"""Support people and their signed-in browsers, and the audit trail of what they do."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import AuditEntry
from domain.errors import Conflict
from domain.ports import IdFactory
from domain.support import SignedIn, SupportUser
from storage.audit_rows import audit_row
from storage.tables import AuditLogRow, SupportLoginRow, SupportUserRow


def _user(row: SupportUserRow) -> SupportUser:
    return SupportUser(
        id=row.id,
        email=row.email,
        role=row.role,
        disabled=row.disabled,
        failed_attempts=row.failed_attempts,
        locked_until=row.locked_until,
        last_login_at=row.last_login_at,
        created_at=row.created_at,
    )


class SqlAlchemySupportAccounts:
    """The SupportAccountStore port on the database."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], ids: IdFactory) -> None:
        self._sessions = sessions
        self._ids = ids

    # People ------------------------------------------------------------------------------

    async def add(
        self, email: str, password_hash: str, role: str, now: datetime, audit: AuditEntry
    ) -> SupportUser:
        row = SupportUserRow(
            id=self._ids(),
            email=email,
            password_hash=password_hash,
            role=role,
            disabled=False,
            failed_attempts=0,
            created_at=now,
        )
        try:
            async with self._sessions() as s, s.begin():
                s.add(row)
                await s.flush()
                s.add(audit_row(audit))
        except IntegrityError:
            raise Conflict(f"a support user with the email {email} already exists") from None
        return _user(row)

    async def by_email(self, email: str) -> tuple[SupportUser, str] | None:
        """The person and their password hash."""
        async with self._sessions() as s:
            row = await s.scalar(
                select(SupportUserRow).where(func.lower(SupportUserRow.email) == email.lower())
            )
            return None if row is None else (_user(row), row.password_hash)

    async def all(self) -> list[SupportUser]:
        async with self._sessions() as s:
            rows = await s.scalars(select(SupportUserRow).order_by(SupportUserRow.email))
            return [_user(r) for r in rows]

    async def change(self, user_id: str, audit: AuditEntry, **values: Any) -> bool:
        """Update a person's row (role, disabled, password_hash...) and audit it; ends their
        logins when they are disabled."""
        async with self._sessions() as s, s.begin():
            result = await s.execute(
                update(SupportUserRow).where(SupportUserRow.id == user_id).values(**values)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                return False
            if values.get("disabled"):
                await self._end_all(s, user_id, audit.created_at)
            s.add(audit_row(audit))
        return True

    async def login_failed(
        self, user_id: str, max_attempts: int, lock_until: datetime, audit: AuditEntry
    ) -> bool:
        """Count a failed attempt; at `max_attempts` lock the account. True when now locked."""
        async with self._sessions() as s, s.begin():
            row = await s.get(SupportUserRow, user_id, with_for_update=True)
            assert row is not None
            row.failed_attempts += 1
            locked = row.failed_attempts >= max_attempts
            if locked:
                row.locked_until = lock_until
                row.failed_attempts = 0
            s.add(audit_row(audit))
        return locked

    # Logins ------------------------------------------------------------------------------

    async def start_login(
        self, user_id: str, login_id: str, csrf_token: str, now: datetime, audit: AuditEntry
    ) -> None:
        async with self._sessions() as s, s.begin():
            await s.execute(
                update(SupportUserRow)
                .where(SupportUserRow.id == user_id)
                .values(failed_attempts=0, locked_until=None, last_login_at=now)
            )
            s.add(
                SupportLoginRow(
                    id=login_id,
                    support_user_id=user_id,
                    csrf_token=csrf_token,
                    created_at=now,
                    last_seen_at=now,
                )
            )
            s.add(audit_row(audit))

    async def signed_in(self, login_id: str) -> SignedIn | None:
        """The live login with this id (None when ended, or its person is disabled)."""
        async with self._sessions() as s:
            found = (
                await s.execute(
                    select(SupportLoginRow, SupportUserRow)
                    .join(SupportUserRow, SupportUserRow.id == SupportLoginRow.support_user_id)
                    .where(SupportLoginRow.id == login_id, SupportLoginRow.ended_at.is_(None))
                )
            ).one_or_none()
        if found is None or found[1].disabled:
            return None
        login, user = found
        return SignedIn(login.id, _user(user), login.csrf_token, login.last_seen_at)

    async def touch(self, login_id: str, now: datetime) -> None:
        async with self._sessions() as s, s.begin():
            await s.execute(
                update(SupportLoginRow)
                .where(SupportLoginRow.id == login_id)
                .values(last_seen_at=now)
            )

    async def end_login(self, login_id: str, now: datetime, audit: AuditEntry | None) -> None:
        async with self._sessions() as s, s.begin():
            await s.execute(
                update(SupportLoginRow)
                .where(SupportLoginRow.id == login_id, SupportLoginRow.ended_at.is_(None))
                .values(ended_at=now)
            )
            if audit is not None:
                s.add(audit_row(audit))

    @staticmethod
    async def _end_all(s: AsyncSession, user_id: str, now: datetime) -> None:
        await s.execute(
            update(SupportLoginRow)
            .where(SupportLoginRow.support_user_id == user_id, SupportLoginRow.ended_at.is_(None))
            .values(ended_at=now)
        )

    # Audit -------------------------------------------------------------------------------

    async def audit(self, *entries: AuditEntry) -> None:
        async with self._sessions() as s, s.begin():
            s.add_all(audit_row(e) for e in entries)

    async def audit_page(
        self, *, actor: str | None, action: str | None, subject: str | None, page: int, size: int
    ) -> tuple[list[AuditEntry], bool]:
        """Newest first; and whether there is a next page."""
        query = select(AuditLogRow).order_by(AuditLogRow.id.desc())
        if actor:
            query = query.where(AuditLogRow.actor_id == actor)
        if action:
            query = query.where(AuditLogRow.action == action)
        if subject:
            query = query.where(AuditLogRow.subject_id == subject)
        async with self._sessions() as s:
            rows = list(await s.scalars(query.offset((page - 1) * size).limit(size + 1)))
        return [_entry(r) for r in rows[:size]], len(rows) > size


def _entry(row: AuditLogRow) -> AuditEntry:
    return AuditEntry(
        actor_type=row.actor_type,
        actor_id=row.actor_id,
        action=row.action,
        subject_type=row.subject_type,
        subject_id=row.subject_id,
        data=dict(row.data),
        created_at=row.created_at,
    )

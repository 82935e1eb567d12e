"""Support accounts: creating and disabling people, and checking a sign-in (with lock-out)."""

from __future__ import annotations

import asyncio
import enum
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.support.passwords import hash_password, password_problem, verify_nothing, verify_password
from bot.support.roles import ROLES
from domain.audit import AuditEntry
from domain.errors import ValidationFailed
from domain.ports import Clock
from domain.support import SupportUser
from domain.support_ports import SupportAccountStore

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def support_entry(
    actor: str | None, action: str, now: datetime, session_id: str | None = None, **data: object
) -> AuditEntry:
    """Something a support person did (or tried), about a conversation when `session_id`."""
    return AuditEntry(
        actor_type="support",
        actor_id=actor,
        action=f"support.{action}",
        subject_type="chat_session" if session_id else None,
        subject_id=session_id,
        data=data,
        created_at=now,
    )


class Outcome(enum.Enum):
    OK = "ok"
    WRONG = "wrong"  # unknown email, wrong password or disabled: one answer for all three
    LOCKED = "locked"


@dataclass(frozen=True, slots=True)
class SignInResult:
    outcome: Outcome
    user: SupportUser | None = None
    token: str | None = None  # the cookie's value (only its hash is stored)
    locked_until: datetime | None = None


def login_id_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SupportAuth:
    def __init__(
        self,
        store: SupportAccountStore,
        clock: Clock,
        *,
        max_attempts: int = 5,
        lockout: timedelta = timedelta(minutes=15),
    ) -> None:
        self.store = store
        self._clock = clock
        self._max_attempts = max_attempts
        self._lockout = lockout

    async def add_user(self, email: str, password: str, role: str, actor: str) -> SupportUser:
        email = email.strip().lower()
        if not re.match(EMAIL, email):
            raise ValidationFailed(f"{email!r} is not an email address")
        if role not in ROLES:
            raise ValidationFailed(f"role must be one of {', '.join(ROLES)}")
        problem = password_problem(password)
        if problem:
            raise ValidationFailed(problem)
        hashed = await asyncio.to_thread(hash_password, password)
        now = self._clock.now()
        audit = support_entry(actor, "user_created", now, email=email, role=role)
        return await self.store.add(email, hashed, role, now, audit)

    async def set_disabled(self, email: str, disabled: bool, actor: str) -> bool:
        found = await self.store.by_email(email.strip())
        if found is None:
            return False
        user, _ = found
        action = "user_disabled" if disabled else "user_enabled"
        audit = support_entry(actor, action, self._clock.now(), email=user.email)
        return await self.store.change(user.id, audit, disabled=disabled)

    async def set_role(self, email: str, role: str, actor: str) -> bool:
        if role not in ROLES:
            raise ValidationFailed(f"role must be one of {', '.join(ROLES)}")
        found = await self.store.by_email(email.strip())
        if found is None:
            return False
        user, _ = found
        audit = support_entry(
            actor, "user_role_changed", self._clock.now(), email=user.email, before=user.role
        )
        return await self.store.change(user.id, audit, role=role)

    async def sign_in(self, email: str, password: str) -> SignInResult:
        email = email.strip()
        found = await self.store.by_email(email) if email else None
        now = self._clock.now()
        if found is None:
            await asyncio.to_thread(verify_nothing, password)
            await self.store.audit(support_entry(None, "login_failed", now, reason="unknown"))
            return SignInResult(Outcome.WRONG)
        user, hashed = found
        if user.locked_until is not None and user.locked_until > now:
            await self.store.audit(support_entry(user.email, "login_refused_locked", now))
            return SignInResult(Outcome.LOCKED, user, locked_until=user.locked_until)
        ok = await asyncio.to_thread(verify_password, password, hashed)
        if user.disabled:
            await self.store.audit(
                support_entry(user.email, "login_failed", now, reason="disabled")
            )
            return SignInResult(Outcome.WRONG)
        if not ok:
            until = now + self._lockout
            audit = support_entry(user.email, "login_failed", now, reason="password")
            if await self.store.login_failed(user.id, self._max_attempts, until, audit):
                await self.store.audit(support_entry(user.email, "locked_out", now))
                return SignInResult(Outcome.LOCKED, user, locked_until=until)
            return SignInResult(Outcome.WRONG)
        token = secrets.token_urlsafe(32)
        audit = support_entry(user.email, "login", now)
        await self.store.start_login(
            user.id, login_id_of(token), secrets.token_urlsafe(32), now, audit
        )
        return SignInResult(Outcome.OK, user, token)

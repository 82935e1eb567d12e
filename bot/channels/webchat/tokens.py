"""Web chat session tokens: `<session>.<generation>.<issued>.<mac>`, signed with a key derived
from the service's signing key.

A token is refused (PermissionError) when it is not ours, when its session is gone, when the
session's tokens were revoked since it was issued (erasure, a support agent), or when neither
it was issued nor the parent wrote for the idle time. Opening the chat with a good token
issues a fresh one, so a parent who keeps coming back keeps their chat."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from domain.audit import AuditEntry
from domain.conversation import SessionTokens
from domain.ports import Clock

MAC_CHARS = 40


class SessionTokenKeeper:
    def __init__(self, key: bytes, tokens: SessionTokens, clock: Clock, idle: timedelta) -> None:
        self._key = key
        self._tokens = tokens
        self._clock = clock
        self._idle = idle

    async def issue(self, session_id: str) -> str:
        standing = await self._tokens.token_standing(session_id)
        generation = standing.generation if standing is not None else 0
        issued = int(self._clock.now().timestamp())
        return self._signed(f"{session_id}.{generation}.{issued}")

    async def revoke(self, session_id: str, audit: AuditEntry) -> bool:
        """Every token of the session issued so far is refused from now on (audited)."""
        return await self._tokens.revoke_tokens(session_id, audit)

    async def session_of(self, token: str) -> str:
        session_id, generation, issued = self._claims(token)
        standing = await self._tokens.token_standing(session_id)
        if standing is None:
            raise PermissionError("the chat session no longer exists")
        if standing.generation != generation:
            raise PermissionError("the chat session's tokens were revoked")
        last_seen = datetime.fromtimestamp(issued, UTC)
        if standing.last_inbound_at is not None:
            last_seen = max(last_seen, standing.last_inbound_at)
        if self._clock.now() - last_seen > self._idle:
            raise PermissionError("the chat token expired")
        return session_id

    def _claims(self, token: str) -> tuple[str, int, int]:
        body, _, mac = token.rpartition(".")
        if not body or not token.isascii() or not hmac.compare_digest(mac, self._mac(body)):
            raise PermissionError("invalid web chat token")
        session_id, generation, issued = body.split(".")  # ours, so well formed
        return session_id, int(generation), int(issued)

    def _signed(self, body: str) -> str:
        return f"{body}.{self._mac(body)}"

    def _mac(self, body: str) -> str:
        digest = hmac.new(self._key, f"webchat:{body}".encode(), hashlib.sha256)
        return digest.hexdigest()[:MAC_CHARS]

"""What the web chat needs from the runtime, handed to it by the composition root."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from flows.messages import Inbound


@dataclass(frozen=True, slots=True)
class OpenedSession:
    session_id: str
    token: str
    created: bool


class WebChatBackend(Protocol):
    # One parent's frames posted at once per window on a socket; more are coalesced.
    flood_limit: int
    flood_window_seconds: float

    async def open_session(self, token: str | None, identity_token: str | None) -> OpenedSession:
        """Resume the session of `token`, or open a new one. Raises PermissionError for a bad
        identity token and LookupError for an unknown session token."""
        ...

    async def session_of(self, token: str) -> str:
        """The session id a token stands for; PermissionError if it is not ours, or was
        revoked, or has expired."""
        ...

    async def post(self, session_id: str, inbound: Inbound) -> None:
        """Record the parent's message durably and let the bot answer it."""
        ...

    async def history(self, session_id: str, after: int) -> list[dict[str, Any]]:
        """[{"seq", "direction", "message"}] after `after`, oldest first; a message that takes
        the place of an earlier one (a progress tick) names its seq under "replaces"."""
        ...

    async def store_photo(self, session_id: str, data: bytes, content_type: str) -> Inbound:
        """Check (JPEG/PNG, <= 5 MB), strip EXIF and keep a photo; ValueError if unusable."""
        ...

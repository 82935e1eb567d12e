"""Who is connected to which web chat session, and fan-out of frames to them (one process).

Messages are durable in the database; a frame lost here is fetched again through history.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from aiohttp import web

logger = logging.getLogger(__name__)
# A frame that ends the session's open chats (its tokens were revoked): sent, then the sockets
# close, and the widget starts a fresh chat when its old token is refused.
SESSION_ENDED = "session_ended"
ENDED_CLOSE_CODE = 4401


class WebChatHub:
    def __init__(self) -> None:
        self._sockets: dict[str, set[web.WebSocketResponse]] = defaultdict(set)

    def join(self, session_id: str, socket: web.WebSocketResponse) -> None:
        self._sockets[session_id].add(socket)

    def leave(self, session_id: str, socket: web.WebSocketResponse) -> None:
        sockets = self._sockets.get(session_id)
        if sockets is not None:
            sockets.discard(socket)
            if not sockets:
                del self._sockets[session_id]

    def connected(self, session_id: str) -> bool:
        return bool(self._sockets.get(session_id))

    async def publish(self, session_id: str, frame: dict[str, Any]) -> None:
        for socket in list(self._sockets.get(session_id, ())):
            if socket.closed:
                self.leave(session_id, socket)
                continue
            try:
                await socket.send_json(frame)
            except (ConnectionError, RuntimeError):
                logger.debug("web chat socket gone", extra={"session_id": session_id})
                self.leave(session_id, socket)
        if frame.get("type") == SESSION_ENDED:
            for socket in list(self._sockets.pop(session_id, ())):
                await socket.close(code=ENDED_CLOSE_CODE, message=b"session ended")

    async def close_all(self) -> None:
        for session_id, sockets in list(self._sockets.items()):
            for socket in list(sockets):
                await socket.close(code=1001, message=b"server shutting down")
            self._sockets.pop(session_id, None)

"""Web chat frames across processes: with Redis, whoever sends a message (a worker finishing a
job, another serve process) publishes it, and every serve process hands it to its own sockets."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from redis.asyncio import Redis

from web_chat.hub import WebChatHub

logger = logging.getLogger(__name__)
CHANNEL = "storybook:webchat:frames"


class RedisHubRelay:
    def __init__(self, redis: Redis, hub: WebChatHub) -> None:
        self._redis = redis
        self._hub = hub

    async def publish(self, session_id: str, frame: dict[str, Any]) -> None:
        await self._redis.publish(CHANNEL, json.dumps({"session": session_id, "frame": frame}))

    async def run(self) -> None:
        """Forward published frames to this process's sockets, until cancelled."""
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            data = json.loads(message["data"])
                            await self._hub.publish(data["session"], data["frame"])
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("web chat relay lost its Redis subscription; resubscribing")
                await asyncio.sleep(1)

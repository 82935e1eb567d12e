"""taskiq's Redis stream broker, made to outlive its consumers and Redis itself.

- Entries a dead consumer had read stay pending in the group: every few seconds each listener
  claims those idle longer than the job lease (XAUTOCLAIM), whether or not new work arrives.
- After Redis restarts empty the group is gone (NOGROUP): it is made again from the start of the
  stream, so nothing added since the restart is skipped. Connection errors wait and retry; the
  listener never ends, so the process keeps consuming without a restart.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError
from taskiq import AckableMessage, BrokerMessage
from taskiq_redis import RedisStreamBroker

from bot.conversation.command_batch import CommandBatch

logger = logging.getLogger(__name__)
RETRY_SECONDS = 1.0
STREAM_MAXLEN = 10_000  # acknowledged entries are only history: keep the stream bounded


def retrying() -> dict[str, Any]:
    """Redis client options: a command that meets a connection Redis dropped (it restarted)
    is retried on a new connection instead of failing its request."""
    return {
        "retry": Retry(ExponentialBackoff(cap=0.5, base=0.05), 3),
        "retry_on_error": [RedisConnectionError, RedisTimeoutError],
        "health_check_interval": 15,
    }


class ResilientStreamBroker(RedisStreamBroker):
    def __init__(
        self,
        url: str,
        queue_name: str,
        *,
        claim_idle_seconds: float,
        claim_every_seconds: float,
        block_ms: int = 1000,
    ) -> None:
        super().__init__(
            url,
            queue_name=queue_name,
            consumer_group_name=f"{queue_name}:workers",
            consumer_id="0",
            xread_block=block_ms,
            maxlen=STREAM_MAXLEN,
            idle_timeout=max(int(claim_idle_seconds * 1000), 1),
            socket_connect_timeout=2,
            socket_timeout=max(10, block_ms / 1000 * 3),
            **retrying(),
        )
        self._claim_every = claim_every_seconds
        # One client for every kick and ack, and those of the same moment in one pipeline: a
        # new client per message cost more than the XADD it sent, and a round trip each more
        # than the drain that asked for them.
        self._commands = CommandBatch(Redis(connection_pool=self.connection_pool))

    async def kick(self, message: BrokerMessage) -> None:
        stream = message.labels.get("queue_name") or self.queue_name
        await self._commands.run(
            lambda pipe: pipe.xadd(
                stream,
                {b"data": message.message},
                maxlen=self.maxlen,
                approximate=self.approximate,
            )
        )

    async def _declare_consumer_group(self) -> None:
        async with Redis(connection_pool=self.connection_pool) as redis:
            try:
                await redis.xgroup_create(
                    self.queue_name, self.consumer_group_name, id="0", mkstream=True
                )
                logger.info("job stream consumer group created", extra={"stream": self.queue_name})
            except ResponseError as exc:
                if "BUSYGROUP" not in str(exc):
                    raise

    async def check(self) -> str:
        """'ok' when the stream and its consumer group exist (readiness)."""
        async with Redis(connection_pool=self.connection_pool) as redis:
            try:
                groups = await redis.xinfo_groups(self.queue_name)
            except ResponseError:
                return "down: no job stream"
        names = {g["name"].decode() if isinstance(g["name"], bytes) else g["name"] for g in groups}
        return "ok" if self.consumer_group_name in names else "down: no consumer group"

    async def listen(self) -> AsyncGenerator[AckableMessage, None]:
        last_claim = 0.0
        while True:
            try:
                async with Redis(connection_pool=self.connection_pool) as redis:
                    while True:
                        fetched: Any = await redis.xreadgroup(
                            self.consumer_group_name,
                            self.consumer_name,
                            {self.queue_name: ">"},
                            block=self.block,
                            count=self.count,
                        )
                        for stream, entries in fetched or []:
                            for entry_id, fields in entries:
                                yield self._message(stream, entry_id, fields)
                        if time.monotonic() - last_claim >= self._claim_every:
                            last_claim = time.monotonic()
                            for entry_id, fields in await self._claim_idle(redis):
                                yield self._message(self.queue_name, entry_id, fields)
            except ResponseError as exc:
                if "NOGROUP" in str(exc):
                    logger.warning("job stream group gone (Redis restarted?); recreating it")
                    await self._recreate()
                else:
                    logger.warning("job stream read failed", extra={"error": str(exc)[:200]})
                    await asyncio.sleep(RETRY_SECONDS)
            except (RedisError, OSError) as exc:
                logger.warning(
                    "job stream unreachable; retrying", extra={"error": type(exc).__name__}
                )
                await asyncio.sleep(RETRY_SECONDS)

    async def _claim_idle(self, redis: Redis) -> list[tuple[Any, Any]]:
        """Entries read by a consumer that died (idle past the lease), now this one's."""
        answer = await redis.xautoclaim(
            self.queue_name,
            self.consumer_group_name,
            self.consumer_name,
            min_idle_time=self.idle_timeout,
            start_id="0-0",
            count=self.unacknowledged_batch_size,
        )
        claimed = [(entry_id, fields) for entry_id, fields in answer[1] if fields]
        if claimed:
            logger.info("claimed jobs of a dead consumer", extra={"count": len(claimed)})
        return claimed

    async def _recreate(self) -> None:
        try:
            await self._declare_consumer_group()
        except (RedisError, OSError) as exc:
            logger.warning(
                "job stream group not recreated yet", extra={"error": type(exc).__name__}
            )
            await asyncio.sleep(RETRY_SECONDS)

    def _ack_generator(self, id: Any, queue_name: str) -> Callable[[], Awaitable[None]]:
        async def ack() -> None:
            try:
                await self._commands.run(
                    lambda pipe: pipe.xack(queue_name, self.consumer_group_name, id)
                )
            except (RedisError, OSError) as exc:  # the job table is the truth: a lost ack only
                # means the entry may be claimed again, and its claim finds the job done
                logger.warning("job stream ack lost", extra={"error": type(exc).__name__})

        return ack

    def _message(self, stream: Any, entry_id: Any, fields: Any) -> AckableMessage:
        name = stream.decode() if isinstance(stream, bytes) else str(stream)
        return AckableMessage(
            data=fields[b"data"], ack=self._ack_generator(id=entry_id, queue_name=name)
        )

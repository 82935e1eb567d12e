"""One contract for each key-value port, run against the in-process and the Redis implementation."""

from __future__ import annotations

import asyncio

import pytest
from support.servers import open_redis

from domain.errors import LockTimeout
from storage.kv_memory import InProcessIdempotencyStore, InProcessLocker, InProcessRateLimiter
from storage.kv_redis import RedisIdempotencyStore, RedisLocker, RedisRateLimiter

IMPLEMENTATIONS = ["in_process", pytest.param("redis", marks=pytest.mark.redis)]


@pytest.fixture(params=IMPLEMENTATIONS)
async def kv(request):
    """(idempotency, locker, limiter) of one implementation."""
    if request.param == "in_process":
        yield InProcessIdempotencyStore(), InProcessLocker(), InProcessRateLimiter()
        return
    redis = await open_redis()
    yield RedisIdempotencyStore(redis), RedisLocker(redis), RedisRateLimiter(redis)
    await redis.flushdb()
    await redis.aclose()


class TestIdempotencyContract:
    async def test_a_key_is_claimed_once(self, kv):
        store = kv[0]
        assert await store.claim("msg-1", ttl_seconds=30)
        assert not await store.claim("msg-1", ttl_seconds=30)
        assert await store.claim("msg-2", ttl_seconds=30)

    async def test_concurrent_claims_have_one_winner(self, kv):
        store = kv[0]
        results = await asyncio.gather(*(store.claim("same", ttl_seconds=30) for _ in range(20)))
        assert results.count(True) == 1

    async def test_a_claim_expires(self, kv):
        store = kv[0]
        assert await store.claim("short", ttl_seconds=0.1)
        await asyncio.sleep(0.2)
        assert await store.claim("short", ttl_seconds=30)

    async def test_release_frees_the_key(self, kv):
        store = kv[0]
        assert await store.claim("k", ttl_seconds=30)
        await store.release("k")
        assert await store.claim("k", ttl_seconds=30)


class TestLockContract:
    async def test_two_concurrent_holders_only_one_wins(self, kv):
        locker = kv[1]
        inside = 0
        peak = 0
        winners: list[int] = []
        losers: list[int] = []

        async def contender(n: int) -> None:
            nonlocal inside, peak
            try:
                async with locker.lock("session:1", ttl=5, wait=0.05):
                    inside += 1
                    peak = max(peak, inside)
                    winners.append(n)
                    await asyncio.sleep(0.3)
                    inside -= 1
            except LockTimeout:
                losers.append(n)

        await asyncio.gather(contender(1), contender(2))
        assert len(winners) == 1 and len(losers) == 1
        assert peak == 1

    async def test_waiters_run_one_after_another(self, kv):
        locker = kv[1]
        order: list[str] = []

        async def worker(name: str) -> None:
            async with locker.lock("serial", ttl=5, wait=5):
                order.append(f"{name}+")
                await asyncio.sleep(0.05)
                order.append(f"{name}-")

        await asyncio.gather(*(worker(n) for n in "abc"))
        # Never interleaved: every enter is followed by its own exit.
        assert all(order[i][0] == order[i + 1][0] for i in range(0, len(order), 2))

    async def test_a_lock_expires_when_its_holder_never_releases(self, kv):
        locker = kv[1]
        holder = locker.lock("stuck", ttl=0.2, wait=0)
        await holder.__aenter__()  # taken and never released: the holder "died"...
        for task in asyncio.all_tasks():  # ...so nothing renews it any more
            if task.get_name() == "lock-renewal:stuck":
                task.cancel()
        with pytest.raises(LockTimeout):
            async with locker.lock("stuck", ttl=1, wait=0):
                pass
        async with locker.lock("stuck", ttl=1, wait=1):  # taken after expiry
            pass

    async def test_a_lock_is_renewed_while_its_holder_works(self, kv):
        locker = kv[1]
        async with locker.lock("long", ttl=0.3, wait=0):
            await asyncio.sleep(1.0)  # more than three times its ttl
            with pytest.raises(LockTimeout):
                async with locker.lock("long", ttl=1, wait=0):
                    pass
        async with locker.lock("long", ttl=1, wait=0):  # released at once when done
            pass

    async def test_different_keys_do_not_block_each_other(self, kv):
        locker = kv[1]
        async with locker.lock("a", ttl=5, wait=0):
            async with locker.lock("b", ttl=5, wait=0):
                pass


class TestRateLimiterContract:
    async def test_allows_up_to_the_limit_then_says_how_long_to_wait(self, kv):
        limiter = kv[2]
        waits = [await limiter.hit("ip:1", limit=3, window_seconds=10) for _ in range(4)]
        assert waits[:3] == [0.0, 0.0, 0.0]
        assert 0 < waits[3] <= 10

    async def test_window_slides(self, kv):
        limiter = kv[2]
        assert await limiter.hit("ip:2", limit=1, window_seconds=0.2) == 0.0
        assert await limiter.hit("ip:2", limit=1, window_seconds=0.2) > 0
        await asyncio.sleep(0.25)
        assert await limiter.hit("ip:2", limit=1, window_seconds=0.2) == 0.0

    async def test_several_events_are_taken_at_once_as_far_as_the_limit_allows(self, kv):
        limiter = kv[2]
        assert await limiter.take("ip:5", 2, limit=3, window_seconds=10) == (2, 0.0)
        taken, wait = await limiter.take("ip:5", 4, limit=3, window_seconds=10)
        assert taken == 1 and 0 < wait <= 10
        assert (await limiter.take("ip:5", 1, limit=3, window_seconds=10))[0] == 0
        assert await limiter.hit("ip:5", limit=3, window_seconds=10) > 0  # the same count

    async def test_keys_are_independent(self, kv):
        limiter = kv[2]
        assert await limiter.hit("ip:3", limit=1, window_seconds=10) == 0.0
        assert await limiter.hit("ip:4", limit=1, window_seconds=10) == 0.0

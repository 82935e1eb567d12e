"""Send rates of the WhatsApp channel: our number's throughput, and Meta's pair rate (about one
message per 6 s to the same parent) for proactive messages. Over a rate, the send is deferred:
DeliveryError(code="rate_limited", retry_after=...) and the outbox tries it again that soon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.conversation.outbox import DeliveryError
from domain.conversation import ChatSession
from domain.ports import RateLimiter

# A message made this long after the parent's last message answers no message of theirs: a job
# finished, a payment arrived, a reminder fell due. Replies inside a turn are made at once.
PROACTIVE_AFTER_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class SendRates:
    per_second: int = 60
    pair_interval_seconds: float = 6.0


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_proactive(session: ChatSession, created_at: datetime | None) -> bool:
    if created_at is None:
        return False
    if session.last_inbound_at is None:
        return True
    gap = _utc(created_at) - _utc(session.last_inbound_at)
    return gap.total_seconds() > PROACTIVE_AFTER_SECONDS


class SendPacer:
    def __init__(self, limiter: RateLimiter, phone_number_id: str, rates: SendRates) -> None:
        self._limiter = limiter
        self._number_key = f"wa:send:{phone_number_id}"
        self._rates = rates

    async def admit(self, session: ChatSession, created_at: datetime | None) -> None:
        """Count one send, or raise a deferral when a rate is reached."""
        wait = await self._limiter.hit(
            self._number_key, limit=self._rates.per_second, window_seconds=1.0
        )
        if wait:
            raise DeliveryError(
                f"number's send rate reached: retry in {wait:.3f}s",
                code="rate_limited",
                retryable=True,
                retry_after=wait,
                channel_wide=True,
            )
        if not is_proactive(session, created_at):
            return
        wait = await self._limiter.hit(
            f"wa:pair:{session.channel_user_id}",
            limit=1,
            window_seconds=self._rates.pair_interval_seconds,
        )
        if wait:
            raise DeliveryError(
                f"pair rate reached: retry in {wait:.3f}s",
                code="rate_limited",
                retryable=True,
                retry_after=wait,
            )

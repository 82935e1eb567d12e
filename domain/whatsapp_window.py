"""WhatsApp's 24-hour customer-service window, the one home of the rule: a free-form message may
reach a parent only within 24 hours of their last message; after that, only an approved
template, and Meta refuses anything else with error 131047."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

WINDOW = timedelta(hours=24)
# Graph's error code for a free-form message outside the window, as text: the way a failed
# send's code is kept with the message and compared everywhere.
REENGAGEMENT_REQUIRED = "131047"


def window_closes_at(last_inbound_at: datetime | None) -> datetime | None:
    """When free-form messages stop being allowed; None if the parent never wrote."""
    if last_inbound_at is None:
        return None
    last = last_inbound_at if last_inbound_at.tzinfo else last_inbound_at.replace(tzinfo=UTC)
    return last + WINDOW


def window_closed(last_inbound_at: datetime | None, now: datetime) -> bool:
    closes = window_closes_at(last_inbound_at)
    return closes is None or now > closes

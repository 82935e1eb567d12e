"""At start-up: are the configured models available to this key, and not about to shut down?"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the client is only called here: importing openai is left to whoever builds it
    from openai import AsyncOpenAI

logger = logging.getLogger(__name__)
WARN_WITHIN = timedelta(days=30)


@dataclass(slots=True)
class ModelsReport:
    """The last check's result: `missing` makes the service not ready; `retiring` is a warning."""

    checked_at: datetime | None = None
    missing: list[str] = field(default_factory=list)
    retiring: dict[str, str] = field(default_factory=dict)  # model -> shutdown date
    error: str | None = None

    def readiness(self) -> str:
        """'ok', 'warning: ...' (still ready) or 'down: ...' (not ready), for /readyz."""
        if self.checked_at is None:
            return "warning: not checked yet" if self.error is None else f"warning: {self.error}"
        if self.missing:
            return f"down: not available to this key: {', '.join(self.missing)}"
        if self.retiring:
            dates = ", ".join(f"{m} shuts down {d}" for m, d in sorted(self.retiring.items()))
            return f"warning: {dates}"
        return "ok"


def _shutdown(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC).date()
    text = str(value)
    if text.isdigit():
        return datetime.fromtimestamp(int(text), UTC).date()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


async def check_models(
    client: AsyncOpenAI, models: Sequence[str], now: datetime, report: ModelsReport
) -> ModelsReport:
    """GET /v1/models, then fill `report` in place: missing models, and those whose
    shutdown date is within 30 days. A failed listing is kept as `error`."""
    try:
        listed = {m.id: _shutdown(m.shutdown_date) async for m in client.models.list()}
    except Exception as exc:
        report.error = f"could not list models ({type(exc).__name__})"
        logger.warning("openai models check failed", extra={"error": type(exc).__name__})
        return report
    report.checked_at, report.error = now, None
    report.missing = [m for m in dict.fromkeys(models) if m not in listed]
    report.retiring = {
        m: d.isoformat()
        for m in dict.fromkeys(models)
        if (d := listed.get(m)) is not None and d <= (now + WARN_WITHIN).date()
    }
    if report.missing or report.retiring:
        logger.error(
            "openai models need attention",
            extra={"missing": report.missing, "retiring": report.retiring},
        )
    else:
        logger.info("openai models available", extra={"models": list(models)})
    return report

"""LocalPrintPartner: the embedded default's stand-in for a print partner.

It accepts jobs and moves each one through the partner statuses as time passes (one step every
`step_seconds`), ending SHIPPED with a demo carrier and tracking link. The job id carries its
start time, so a job's status can be told again after a restart; nothing is ever printed."""

from __future__ import annotations

from datetime import datetime

from domain.ports import Clock
from domain.printing import (
    PrintAddress,
    PrintJobRequest,
    PrintJobState,
    PrintPartnerError,
    PrintQuote,
    PrintRefused,
    PrintStatus,
    Tracking,
)

PROVIDER = "local"
STEPS = (
    PrintStatus.CREATED,
    PrintStatus.UNPAID,
    PrintStatus.PRODUCTION_DELAYED,
    PrintStatus.PRODUCTION_READY,
    PrintStatus.IN_PRODUCTION,
    PrintStatus.SHIPPED,
)
CARRIER = "Demo courier (local print partner)"


class LocalPrintPartner:
    def __init__(self, clock: Clock, *, step_seconds: float = 60.0, min_pages: int = 24) -> None:
        self._clock = clock
        self._step = step_seconds
        self._min_pages = min_pages
        self._by_external: dict[str, str] = {}
        self._canceled: set[str] = set()

    @property
    def provider(self) -> str:
        return PROVIDER

    @property
    def min_pages(self) -> int:
        return self._min_pages

    async def quote(self, address: PrintAddress, page_count: int) -> PrintQuote:
        if not (address.street1 and address.city and address.postcode and address.phone):
            raise PrintRefused("the address needs a street, city, postcode and phone")
        if page_count < self._min_pages:
            raise PrintRefused(f"at least {self._min_pages} pages are needed")
        return PrintQuote(total_incl_tax="0.00", currency="USD")

    async def cover_size(self, page_count: int) -> tuple[float, float] | None:
        return None  # nothing is printed: the renderer's own spread

    async def submit(self, request: PrintJobRequest) -> PrintJobState:
        job_id = self._by_external.get(request.external_id)
        if job_id is None:
            started = int(self._clock.now().timestamp())
            job_id = f"LOCAL-{started}-{request.external_id}"
            self._by_external[request.external_id] = job_id
        return await self.job(job_id)

    async def job(self, job_id: str) -> PrintJobState:
        try:
            _, started, external_id = job_id.split("-", 2)
            start = datetime.fromtimestamp(int(started), self._clock.now().tzinfo)
        except ValueError:
            raise PrintPartnerError(f"no such local print job {job_id!r}") from None
        if job_id in self._canceled:
            return PrintJobState(job_id, external_id, PrintStatus.CANCELED, "canceled on request")
        elapsed = (self._clock.now() - start).total_seconds()
        step = STEPS[min(int(elapsed // self._step), len(STEPS) - 1)] if elapsed >= 0 else STEPS[0]
        tracking = (
            Tracking(CARRIER, f"https://tracking.example.com/local/{job_id}", job_id)
            if step is PrintStatus.SHIPPED
            else None
        )
        return PrintJobState(job_id, external_id, step, "local print partner", tracking=tracking)

    async def cancel(self, job_id: str) -> PrintJobState:
        state = await self.job(job_id)
        if state.status not in (
            PrintStatus.CREATED,
            PrintStatus.UNPAID,
            PrintStatus.PRODUCTION_DELAYED,
        ):
            raise PrintRefused(f"a {state.status} job cannot be canceled")
        self._canceled.add(job_id)
        return await self.job(job_id)

"""Printed books: the print partner port, its job statuses and what one print order is.

A print order is ours (id = the partner's `external_id`); the partner's job moves through the
statuses below. Our status only moves forward by rank, so a late or repeated report of an older
status changes nothing; a problem status (REJECTED, ERROR, CANCELED) ends a job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from domain.audit import AuditEntry


class PrintStatus(StrEnum):
    NEW = "NEW"  # ours: written, not yet accepted by the partner
    CREATED = "CREATED"
    UNPAID = "UNPAID"
    PAYMENT_IN_PROGRESS = "PAYMENT_IN_PROGRESS"
    PRODUCTION_DELAYED = "PRODUCTION_DELAYED"
    PRODUCTION_READY = "PRODUCTION_READY"
    IN_PRODUCTION = "IN_PRODUCTION"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    REJECTED = "REJECTED"
    CANCELED = "CANCELED"
    ERROR = "ERROR"


_RANK = {s: i for i, s in enumerate(PrintStatus)}
PROBLEMS = frozenset({PrintStatus.REJECTED, PrintStatus.CANCELED, PrintStatus.ERROR})
FINISHED = PROBLEMS | {PrintStatus.SHIPPED, PrintStatus.DELIVERED}
# The partner has not started on it: it may still be cancelled.
CANCELLABLE = frozenset(
    {PrintStatus.NEW, PrintStatus.CREATED, PrintStatus.UNPAID, PrintStatus.PRODUCTION_DELAYED}
)
# What the parent is told about, once each.
NEWS = {
    PrintStatus.IN_PRODUCTION: "printing",
    PrintStatus.SHIPPED: "shipped",
    PrintStatus.REJECTED: "problem",
    PrintStatus.ERROR: "problem",
    PrintStatus.CANCELED: "problem",
}


def parse_status(name: str) -> PrintStatus | None:
    try:
        status = PrintStatus(name)
    except ValueError:
        return None
    return None if status is PrintStatus.NEW else status


def moves_forward(current: PrintStatus, new: PrintStatus) -> bool:
    """A partner's report is applied only if it is later than what we know."""
    if current in FINISHED:
        return current is PrintStatus.SHIPPED and new is PrintStatus.DELIVERED
    if new in PROBLEMS:
        return True
    return _RANK[new] > _RANK[current]


class PrintPartnerError(Exception):
    """The partner could not answer (after retries) or failed; worth trying again later."""


class PrintRefused(Exception):
    """The partner refused what we asked (an address it cannot ship to, a bad file...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class PrintAddress:
    name: str
    street1: str
    street2: str
    city: str
    state_code: str
    postcode: str
    country_code: str
    phone: str


@dataclass(frozen=True, slots=True)
class PrintQuote:
    total_incl_tax: str  # decimal string, as partners answer
    currency: str
    shipping: str = ""


@dataclass(frozen=True, slots=True)
class PrintJobRequest:
    external_id: str  # our print order id: the partner's job is found again by it
    title: str
    page_count: int
    interior_url: str
    cover_url: str
    address: PrintAddress
    contact_email: str


@dataclass(frozen=True, slots=True)
class Tracking:
    carrier: str
    url: str
    tracking_id: str = ""


@dataclass(frozen=True, slots=True)
class PrintJobState:
    job_id: str
    external_id: str | None
    status: PrintStatus
    message: str = ""
    changed: str = ""
    tracking: Tracking | None = None


@dataclass(slots=True)
class PrintOrder:
    id: str
    book_id: str
    user_id: str | None
    shipping_address_id: str | None
    provider: str
    provider_order_id: str | None
    status: PrintStatus
    created_at: datetime
    updated_at: datetime
    status_changed_at: datetime
    carrier: str | None = None
    tracking_url: str | None = None
    last_error: str | None = None
    page_count: int | None = None
    history: list[dict[str, str]] = field(default_factory=list)
    attempt: int = 1  # a resubmission after a problem is a new partner job

    @property
    def external_id(self) -> str:
        """What the partner knows this attempt by (and finds it again by)."""
        return self.id if self.attempt == 1 else f"{self.id}-r{self.attempt}"


def order_id_of(external_id: str) -> str:
    return external_id.split("-r", 1)[0]


class PrintPartner(Protocol):
    """A print-on-demand partner. Every call is safe to repeat: `submit` finds a job made
    before for the same `external_id` instead of making a second one."""

    @property
    def provider(self) -> str: ...

    @property
    def min_pages(self) -> int:
        """The fewest interior pages the configured product accepts."""
        ...

    async def quote(self, address: PrintAddress, page_count: int) -> PrintQuote: ...

    async def cover_size(self, page_count: int) -> tuple[float, float] | None:
        """The cover spread's (width, height) in points the product needs for `page_count`
        interior pages (a hardcover's wrap included); None: the renderer's own spread."""
        ...

    async def submit(self, request: PrintJobRequest) -> PrintJobState: ...

    async def job(self, job_id: str) -> PrintJobState: ...

    async def cancel(self, job_id: str) -> PrintJobState: ...


def min_pages_for(pod_package_id: str) -> int:
    """Lulu's minimums by binding (its book creation guide): hardcover (case wrap, linen wrap,
    dust jacket) 24 pages, perfect-bound paperback 32, saddle stitch and coil 4. A code we
    cannot read asks for the most. Trim (9) + ink (2) + quality (3) come before the binding."""
    compact = pod_package_id.replace(".", "").upper()
    binding = compact[14:16] if len(compact) >= 16 else ""
    return {"CW": 24, "LW": 24, "DJ": 24, "PB": 32, "CO": 4, "SS": 4}.get(binding, 32)


@dataclass(frozen=True, slots=True)
class QueueFilter:
    needs_attention: bool = False
    stuck_before: datetime | None = None  # with needs_attention: unchanged since before this
    limit: int = 200


class PrintOrderStore(Protocol):
    """Print orders, each change in one transaction with its audit entries."""

    async def open_order(self, order: PrintOrder) -> PrintOrder:
        """Keep `order` unless the book has one already; returns the book's order."""
        ...

    async def get(self, order_id: str) -> PrintOrder | None: ...

    async def by_book(self, book_id: str) -> PrintOrder | None: ...

    async def by_job(self, provider: str, job_id: str) -> PrintOrder | None: ...

    async def change(
        self, order_id: str, mutate: Callable[[PrintOrder], list[AuditEntry]]
    ) -> PrintOrder | None:
        """Lock the order, let `mutate` change it; its audit entries are kept with it."""
        ...

    async def waiting(self, provider: str) -> list[str]:
        """Ids of orders not finished (NEW ones to submit, open jobs to ask about)."""
        ...

    async def queue(self, query: QueueFilter) -> list[PrintOrder]: ...

    async def address(self, address_id: str) -> PrintAddress | None: ...

    async def latest_address_id(self, user_id: str) -> str | None: ...

    async def save_address(self, user_id: str, address: PrintAddress) -> str: ...

    async def record_event(self, provider: str, event_id: str, kind: str, raw: bytes) -> bool:
        """Keep a verified webhook; False when it was delivered before."""
        ...


# ISO 3166-2:IN subdivision codes (partners ask for a state code for India).
INDIAN_STATES = {
    "andaman and nicobar islands": "AN", "andhra pradesh": "AP", "arunachal pradesh": "AR",
    "assam": "AS", "bihar": "BR", "chandigarh": "CH", "chhattisgarh": "CT",
    "dadra and nagar haveli and daman and diu": "DH", "delhi": "DL", "new delhi": "DL",
    "goa": "GA", "gujarat": "GJ", "haryana": "HR", "himachal pradesh": "HP",
    "jammu and kashmir": "JK", "jharkhand": "JH", "karnataka": "KA", "kerala": "KL",
    "ladakh": "LA", "lakshadweep": "LD", "madhya pradesh": "MP", "maharashtra": "MH",
    "manipur": "MN", "meghalaya": "ML", "mizoram": "MZ", "nagaland": "NL", "odisha": "OR",
    "orissa": "OR", "puducherry": "PY", "pondicherry": "PY", "punjab": "PB",
    "rajasthan": "RJ", "sikkim": "SK", "tamil nadu": "TN", "telangana": "TG",
    "tripura": "TR", "uttar pradesh": "UP", "uttarakhand": "UK", "west bengal": "WB",
}  # fmt: skip


def state_code(region: str, country_code: str) -> str:
    """A state name or code as the partner wants it ("Karnataka" -> "KA" for India)."""
    text = " ".join(region.replace("&", "and").split()).casefold()
    if country_code == "IN":
        if text.upper() in INDIAN_STATES.values():
            return text.upper()
        return INDIAN_STATES.get(text, region.strip())
    return region.strip()

"""A unit of work inside a bigger one: the turn's, seen by the services a turn calls.

A turn commits once, everything or nothing (DESIGN §3). The services it calls are written as
`async with self._uow_factory() as uow: ... await uow.commit()`; bound to a turn, entering,
leaving and committing are the turn's to do, so no service can commit half a turn.
"""

from __future__ import annotations

import copy
from types import TracebackType
from typing import Self

from domain.repositories import (
    AssetRepository,
    AuditRepository,
    BookRepository,
    GenerationLogRepository,
    OptionRepository,
    ParentRepository,
    PaymentRepository,
    ProfileRepository,
    UnitOfWork,
    UnitOfWorkFactory,
    WebhookEventRepository,
)


class JoinedUnit:
    def __init__(self, outer: UnitOfWork) -> None:
        self._outer = outer

    @property
    def parents(self) -> ParentRepository:
        return self._outer.parents

    @property
    def profiles(self) -> ProfileRepository:
        return self._outer.profiles

    @property
    def options(self) -> OptionRepository:
        return self._outer.options

    @property
    def books(self) -> BookRepository:
        return self._outer.books

    @property
    def generation_logs(self) -> GenerationLogRepository:
        return self._outer.generation_logs

    @property
    def assets(self) -> AssetRepository:
        return self._outer.assets

    @property
    def audit(self) -> AuditRepository:
        return self._outer.audit

    @property
    def payments(self) -> PaymentRepository:
        return self._outer.payments

    @property
    def webhook_events(self) -> WebhookEventRepository:
        return self._outer.webhook_events

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None  # an error propagates to the turn, which rolls everything back

    async def commit(self) -> None:
        return None  # the turn commits once, after its conversation rows are written too


def joined(outer: UnitOfWork) -> UnitOfWorkFactory:
    return lambda: JoinedUnit(outer)


class UnitBound:
    """A service that opens its units of work from `_uow_factory`; `within(uow)` is a copy of it
    whose every unit is `uow` (never committed by the service)."""

    _uow_factory: UnitOfWorkFactory

    def within(self, uow: UnitOfWork) -> Self:
        clone = copy.copy(self)
        clone._bind(joined(uow))
        return clone

    def _bind(self, factory: UnitOfWorkFactory) -> None:
        self._uow_factory = factory

"""The SQLAlchemy unit of work: one session, one transaction, every repository."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.ports import Clock
from storage.repo_books import SqlAlchemyBookRepository, SqlAlchemyGenerationLogRepository
from storage.repo_options import SqlAlchemyOptionRepository
from storage.repo_payments import SqlAlchemyPaymentRepository, SqlAlchemyWebhookEventRepository
from storage.repo_people import (
    SqlAlchemyAssetRepository,
    SqlAlchemyAuditRepository,
    SqlAlchemyParentRepository,
    SqlAlchemyProfileRepository,
)


class SqlAlchemyUnitOfWork:
    parents: SqlAlchemyParentRepository
    profiles: SqlAlchemyProfileRepository
    options: SqlAlchemyOptionRepository
    books: SqlAlchemyBookRepository
    generation_logs: SqlAlchemyGenerationLogRepository
    assets: SqlAlchemyAssetRepository
    audit: SqlAlchemyAuditRepository
    payments: SqlAlchemyPaymentRepository
    webhook_events: SqlAlchemyWebhookEventRepository

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        assert self._session is not None, "use the unit of work inside `async with`"
        return self._session

    async def __aenter__(self) -> Self:
        session = self._session = self._sessions()
        await session.begin()
        self.parents = SqlAlchemyParentRepository(session)
        self.profiles = SqlAlchemyProfileRepository(session, self._clock)
        self.options = SqlAlchemyOptionRepository(session, self._clock)
        self.books = SqlAlchemyBookRepository(session)
        self.generation_logs = SqlAlchemyGenerationLogRepository(session, self._clock)
        self.assets = SqlAlchemyAssetRepository(session)
        self.audit = SqlAlchemyAuditRepository(session)
        self.payments = SqlAlchemyPaymentRepository(session, self._clock)
        self.webhook_events = SqlAlchemyWebhookEventRepository(session, self._clock)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            if session.in_transaction():
                await session.rollback()
        finally:
            await session.close()
            self._session = None

    async def commit(self) -> None:
        await self.session.commit()

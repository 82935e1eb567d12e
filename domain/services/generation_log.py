"""Run one generation call and leave an ai_generation_logs record of it, whatever happens."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from domain.generation import CallReport, GenerationRecord, close_report, digest, open_report
from domain.repositories import UnitOfWorkFactory

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class CallInfo:
    kind: str
    model: str
    prompt_version: str
    inputs: Any
    params: dict[str, Any] = field(default_factory=dict)
    book_id: str | None = None


class GenerationLogger:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def run(
        self,
        info: CallInfo,
        call: Callable[[], Awaitable[T]],
        check: Callable[[T], list[str]] | None = None,
        output_of: Callable[[T], Any] | None = None,
    ) -> tuple[T, list[str]]:
        """Await `call`, log it, and return (result, problems). An exception is logged and raised;
        a result that fails `check` is logged as invalid and returned with its problems."""
        started = time.perf_counter()
        status, error, output = "error", "cancelled", None
        error_text: str | None
        report, token = open_report()
        try:
            try:
                result = await call()
            finally:
                close_report(token)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:2000]
            raise
        else:
            output = digest(output_of(result) if output_of else result)
            problems = check(result) if check else []
            status = "invalid" if problems else "ok"
            error = "; ".join(problems)[:2000]
            return result, problems
        finally:
            error_text = error if status != "ok" else None
            await self._record(info, report, started, status, error_text, output)

    async def _record(
        self,
        info: CallInfo,
        report: CallReport,
        started: float,
        status: str,
        error: str | None,
        output: str | None,
    ) -> None:
        record = GenerationRecord(
            kind=info.kind,
            prompt_version=(report.prompt_version or info.prompt_version)[:40],
            model=(report.model or info.model)[:64],
            params={**info.params, **report.params},
            tokens_in=report.tokens_in,
            tokens_out=report.tokens_out,
            input_digest=digest(info.inputs),
            output_digest=output,
            duration_ms=round((time.perf_counter() - started) * 1000),
            status=status,
            error=error,
            book_id=info.book_id,
        )
        try:
            async with self._uow_factory() as uow:
                await uow.generation_logs.add(record)
                await uow.commit()
        except Exception:  # the log must never hide the call's own outcome
            if info.book_id is not None and await self._book_gone(info.book_id):
                # The parent erased the book while it was made: nothing is left to log about.
                logger.info("generation log of an erased book dropped", extra={"kind": info.kind})
                return
            logger.exception("could not write the generation log", extra={"kind": info.kind})

    async def _book_gone(self, book_id: str) -> bool:
        try:
            async with self._uow_factory() as uow:
                return await uow.books.get(book_id) is None
        except Exception:  # the database itself is away: that is the error worth logging
            return False

"""Jobs: long work outside turns. The queue carries job ids; state lives in the jobs table.

A finished job re-enters its conversation as an internal event through the turn runner.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol

from taskiq import AsyncBroker, InMemoryBroker, TaskiqDepends
from taskiq.kicker import AsyncKicker
from taskiq.receiver import Receiver

from bot.conversation.ack_first import AckFirst
from bot.conversation.stream_broker import ResilientStreamBroker
from bot.conversation.turns import TurnRunner
from bot.printing.news import PrintNewsTeller, order_printed_copy
from domain.conversation import Inbox, Waiting
from domain.jobs import PAYMENT_EVENT, AbandonedJob, ClaimedJob, JobStates
from domain.looks import HeroLook
from domain.printing import PrintRefused
from domain.services.book_generation import Progress
from flows.messages import Inbound, JobFinished, JobProgressed

if TYPE_CHECKING:  # the services are built by the composition root and handed in
    from bot.app.services import Services
else:  # taskiq reads the runner's annotations at run time; the runner is injected whole
    Services = Any

logger = logging.getLogger(__name__)
TASK_NAME = "storybook.run_job"
SESSION_TASK_NAME = "storybook.process_session"
SWEEP_SECONDS = 10.0
Prepare = Callable[[str, str | None, Waiting], Awaitable[None]]


class EventApplier(Protocol):
    async def apply_recorded(self, payload: dict[str, Any]) -> None: ...


class JobRunner:
    def __init__(
        self,
        store: JobStates,
        services: Services,
        turns: TurnRunner,
        print_news: PrintNewsTeller | None = None,
        *,
        lease_seconds: float = 30.0,
        events: EventApplier | None = None,
    ) -> None:
        self._store = store
        self._services = services
        self._turns = turns
        self._print_news = print_news
        self._renew_every = max(lease_seconds / 3, 0.05)
        self._events = events  # applies recorded provider events (payment webhooks)

    async def run(self, job_id: str, *, recovering: bool = False) -> None:
        job = await self._store.claim(job_id, recovering=recovering)
        if job is None:
            return  # done already, or another worker has it
        session_id = job.session_id
        error: str | None
        work = asyncio.create_task(self._perform(job.kind, job.payload, job_id, session_id))
        if not await self._hold_lease(job, work):
            logger.warning("job lease lost; another worker took it over", extra={"job_id": job_id})
            return
        try:
            subject = work.result()
        except Exception as exc:
            logger.error("job failed", exc_info=exc, extra={"job_id": job_id, "kind": job.kind})
            status, error = "failed", f"{type(exc).__name__}: {exc}"[:2000]
            # A partner's refusal is news for the parent (what to fix); other errors are not.
            told = f"refused: {exc.reason}" if isinstance(exc, PrintRefused) else None
            event: Inbound = JobFinished(job.kind, False, error=told or type(exc).__name__)
        else:
            status, error = "done", None
            event = JobFinished(job.kind, True, subject_id=subject)
        # The event is in the session's inbox before the job counts as finished: at no moment
        # is the work neither pending as a job nor pending as an event.
        if session_id is not None:
            await self._turns.record(session_id, event, key=f"job:{job_id}:finished")
        await self._store.finish(job_id, status, error, attempt=job.attempt)
        if session_id is not None:
            await self._turns.process(session_id)

    async def _hold_lease(self, job: ClaimedJob, work: asyncio.Task[str | None]) -> bool:
        """Renew the job's lease while the work runs, so a live worker keeps it and a dead
        one loses it within one lease. False (the work cancelled) when the claim was lost."""
        try:
            while True:
                done, _ = await asyncio.wait({work}, timeout=self._renew_every)
                if done:
                    return True
                try:
                    kept = await self._store.renew(job.id, job.attempt)
                except Exception as exc:  # the database is away: keep working, try again
                    logger.warning("job lease not renewed", extra={"error": type(exc).__name__})
                    continue
                if not kept:
                    work.cancel()
                    with contextlib.suppress(BaseException):
                        await work
                    return False
        except asyncio.CancelledError:
            work.cancel()
            raise

    async def give_up(self, job: AbandonedJob) -> None:
        """A job whose workers kept dying: its conversation hears that it failed."""
        logger.error("job abandoned", extra={"job_id": job.id, "kind": job.kind})
        if job.kind == "book" and job.book_id is not None:
            await self._services.generator.give_up(job.book_id, "its workers kept dying")
        if job.session_id is not None:
            event = JobFinished(job.kind, False, error="abandoned")
            await self._turns.post(job.session_id, event, key=f"job:{job.id}:finished")

    async def _perform(
        self, kind: str, payload: dict[str, Any], job_id: str, session_id: str | None
    ) -> str | None:
        s = self._services
        if kind == "series":
            options = await s.options.new_series_round(payload["user_id"])
            return str(options[0].round)
        if kind == "storylines":
            await s.options.new_storyline_round(payload["series_id"])
            return payload["series_id"]  # type: ignore[no-any-return]
        if kind == "book":

            async def progress(p: Progress) -> None:
                await self._store.heartbeat(job_id, p.step, p.done)
                if session_id is not None and p.step in ("writing", "illustrating", "assembling"):
                    event = JobProgressed(p.step, p.done, p.total)
                    key = f"job:{job_id}:{p.step}:{p.done}"
                    await self._turns.post(session_id, event, key=key)

            await s.generator.generate(payload["book_id"], progress)
            return payload["book_id"]  # type: ignore[no-any-return]
        if kind == "payment_link":  # made after the turn that kept the payment committed
            await s.payments.create_link(payload["payment_id"])
            return payload["payment_id"]  # type: ignore[no-any-return]
        if kind == "order_details":  # an in-chat payment's order, or the link WhatsApp forced
            offered = await s.in_chat.offer(
                payload["payment_id"], payload["body"], payload["footer"], payload.get("ship_to")
            )
            if offered.code is None:
                return offered.how
            return f"{offered.how}:{offered.code}:{offered.reason}"[:300]  # for the transcript
        if kind == "order_status":  # of a payment, or of the order that bought a book
            if "book_id" in payload:
                await s.in_chat.update_for_book(
                    payload["book_id"], payload["status"], payload["body"]
                )
                return payload["book_id"]  # type: ignore[no-any-return]
            await s.in_chat.update(payload["payment_id"], payload["status"], payload["body"])
            return payload["payment_id"]  # type: ignore[no-any-return]
        if kind == PAYMENT_EVENT:  # a recorded provider event, applied after the ack
            assert self._events is not None, "payment events need the webhooks' applier"
            await self._events.apply_recorded(payload)
            return None
        if kind == "look_sheet":
            looks = [HeroLook(**look) for look in payload["looks"]]
            # The digest tells the conversation which list this picture belongs to.
            return f"{payload['digest']}:{await s.looks.sheet(payload['user_id'], looks)}"
        if kind == "final":
            await s.finalizer.finalize(payload["book_id"])
            await s.photos.book_final(payload["book_id"])  # the photo has done its job
            if self._print_news is not None:  # a printed book is ordered once its files exist
                await order_printed_copy(
                    s.printing, self._print_news, payload["book_id"], payload.get("address_id")
                )
            return payload["book_id"]  # type: ignore[no-any-return]
        if kind == "print_quote":  # the partner's cost check before the parent pays
            await s.printing.quote(payload["address_id"])
            return payload["address_id"]  # type: ignore[no-any-return]
        raise ValueError(f"unknown job kind {kind!r}")


async def run_job(
    job_id: str, recovering: bool = False, runner: JobRunner = TaskiqDepends()
) -> None:
    """The one taskiq task: every broker injects its own runner (no global state)."""
    await runner.run(job_id, recovering=recovering)


class SessionWork:
    """A session's turns run off the request path (after a webhook's ack), by whichever
    process takes the task. A channel may prepare first, e.g. download a photo."""

    def __init__(self, turns: TurnRunner, inbox: Inbox, priority: AckFirst) -> None:
        self._turns = turns
        self._inbox = inbox
        self._priority = priority
        self._preparers: list[Prepare] = []

    def add_preparer(self, prepare: Prepare) -> None:
        self._preparers.append(prepare)

    def remove_preparer(self, prepare: Prepare) -> None:
        self._preparers.remove(prepare)

    async def run(self, session_id: str, reply_to: str | None = None) -> None:
        async with self._priority.turn():  # under a burst of acks in this process, they come first
            # Under a burst a parent's lines arrive in many drained batches, each queueing the
            # session; its first task handles what was there by then. The others end here,
            # with one read instead of a typing indicator, a lock and the turn's reads.
            waiting = await self._inbox.waiting(session_id)
            if not waiting:
                return
            for prepare in list(self._preparers):
                await prepare(session_id, reply_to, waiting)
            await self._turns.process(session_id)


async def process_session(
    session_id: str, reply_to: str | None = None, work: SessionWork = TaskiqDepends()
) -> None:
    await work.run(session_id, reply_to)


class JobKicks:
    """Asks the broker for a task by its name. It needs nothing of the runners those tasks call,
    so the turn runner is given it when it is built (the tasks are registered afterwards)."""

    def __init__(self, broker: AsyncBroker) -> None:
        self.broker = broker

    async def enqueue(self, job_id: str) -> None:
        await self._kicker(TASK_NAME).kiq(job_id)

    async def process_later(self, session_id: str, reply_to: str | None = None) -> None:
        await self._kicker(SESSION_TASK_NAME).kiq(session_id, reply_to)

    def _kicker(self, task_name: str) -> AsyncKicker[Any, Any]:
        return AsyncKicker(task_name, self.broker, {})


class TaskiqJobQueue:
    """JobQueue over a taskiq broker: in-process in the embedded default, Redis streams in
    production (the same task code either way). It carries jobs and session turns."""

    def __init__(self, kicks: JobKicks, runner: JobRunner, work: SessionWork) -> None:
        self.broker = kicks.broker
        self._kicks = kicks
        self._runner = runner
        self.broker.add_dependency_context({JobRunner: runner, SessionWork: work})
        self._task = self.broker.register_task(run_job, TASK_NAME)
        self.broker.register_task(process_session, SESSION_TASK_NAME)

    async def enqueue(self, job_id: str) -> None:
        await self._kicks.enqueue(job_id)

    async def process_later(self, session_id: str, reply_to: str | None = None) -> None:
        """Run the session's pending turns in whichever process takes the task."""
        await self._kicks.process_later(session_id, reply_to)

    async def sweep(self, store: JobStates, waiting_seconds: float = 60.0) -> int:
        """Queue again what a dead worker held (its lease ran out) and what was never picked
        up (the broker was down when it was asked); give up on jobs whose workers kept dying.
        Every process runs it, so nothing waits for new traffic or a restart."""
        for abandoned in await store.abandon_exhausted():
            await self._runner.give_up(abandoned)
        again = await store.expired() + await store.waiting_since(waiting_seconds)
        for job_id in again:
            await self._task.kiq(job_id)
        return len(again)

    async def recover(self, store: JobStates) -> int:
        """At start-up: re-run what a previous process left queued or running."""
        # Alone (in-process broker), every running job is an orphan of the last process. With a
        # shared broker another process may be running it: only stale ones are taken.
        alone = isinstance(self.broker, InMemoryBroker)
        unfinished = await store.unfinished()
        for job_id in unfinished:
            await self._task.kiq(job_id, alone)
        return len(unfinished)


def make_broker(redis_url: str | None, queue_name: str, lease_seconds: float = 30.0) -> AsyncBroker:
    """In-process in the embedded default; a Redis stream (acknowledged, claimed again when a
    worker dies, recreated when Redis restarts) when REDIS_URL is set, shared by every serve
    and worker process."""
    if redis_url is None:
        return InMemoryBroker(await_inplace=False, max_async_tasks=8)
    return ResilientStreamBroker(
        redis_url,
        queue_name,
        claim_idle_seconds=lease_seconds,
        claim_every_seconds=max(lease_seconds / 3, 0.5),
    )


class JobConsumer:
    """Takes jobs off a shared (Redis) broker in this process; the in-process broker needs none.
    The listener is watched: should it ever end, it is started again."""

    def __init__(self, broker: AsyncBroker, concurrency: int = 4, *, enabled: bool = True) -> None:
        self._broker = broker
        self._concurrency = concurrency
        self._enabled = enabled
        self._finish = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def consuming(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        if isinstance(self._broker, InMemoryBroker) or not self._enabled or self.consuming:
            return
        self._task = asyncio.create_task(self._listen(), name="job-consumer")

    async def _listen(self) -> None:
        while not self._finish.is_set():
            receiver = Receiver(self._broker, run_startup=False, max_async_tasks=self._concurrency)
            try:
                await receiver.listen(self._finish)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("job consumer stopped; starting it again")
                await asyncio.sleep(1)

    async def check(self) -> str:
        """Readiness of the queue: its stream and group exist, and this process consumes."""
        if isinstance(self._broker, ResilientStreamBroker):
            state = await self._broker.check()
            if state != "ok":
                return state
        if self._enabled and not isinstance(self._broker, InMemoryBroker) and not self.consuming:
            return "down: not consuming"
        return "ok"

    async def stop(self) -> None:
        self._finish.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._task, 30)

"""The conversation runtime: turn runner, outbox, jobs, web chat and payment webhooks, wired."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.offline_writer import OfflineStoryWriter
from adapters.photos import PhotoCleaner
from bot.app.services import Services
from bot.app.settings import Settings
from bot.channels.webchat.backend import CHANNEL, RuntimeWebChatBackend
from bot.channels.webchat.relay import RedisHubRelay
from bot.channels.webchat.tokens import SessionTokenKeeper
from bot.conversation.ack_first import AckFirst
from bot.conversation.background import BackgroundTasks
from bot.conversation.flood import FloodGuard, FloodLimit
from bot.conversation.jobs import (
    JobConsumer,
    JobKicks,
    JobRunner,
    SessionWork,
    TaskiqJobQueue,
    make_broker,
)
from bot.conversation.outbox import Outbox, WebChatSender
from bot.conversation.reminders import ReminderSweeper
from bot.conversation.rendering import MessageRenderer
from bot.conversation.turns import TurnRunner
from bot.payments.reconcile import PaymentReconciler
from bot.payments.webhooks import PaymentWebhooks
from bot.printing.news import PrintNewsTeller
from bot.printing.tracker import PrintTracker
from domain.conversation import TurnUnit
from domain.ports import Locker, RateLimiter
from flows.context import FlowDeps, FlowOptions
from storage.addresses import SqlAlchemyAddressBook
from storage.chat import ChatStore
from storage.erasure import SqlAlchemyEraser
from storage.jobs import JobStore
from storage.turn_unit import SqlAlchemyTurnUnit
from web_chat.hub import WebChatHub


@dataclass(frozen=True, slots=True)
class Runtime:
    chat: ChatStore
    turns: TurnRunner
    outbox: Outbox
    jobs: JobStore
    queue: TaskiqJobQueue
    work: SessionWork
    priority: AckFirst  # webhook acks before session work, in this process
    consumer: JobConsumer
    hub: WebChatHub
    relay: RedisHubRelay | None
    webchat: RuntimeWebChatBackend
    payment_webhooks: PaymentWebhooks
    reconciler: PaymentReconciler
    background: BackgroundTasks
    reminders: ReminderSweeper
    print_news: PrintNewsTeller
    print_tracker: PrintTracker
    sandbox_secret: bytes
    photos: PhotoCleaner  # every photo decode of the process, within one memory budget


def derived_key(master: bytes, purpose: str) -> bytes:
    """One key per purpose from the service's signing key, so no two uses share a key."""
    return hmac.new(master, purpose.encode(), hashlib.sha256).digest()


def build_runtime(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    services: Services,
    locker: Locker,
    limiter: RateLimiter,
    master_key: bytes,
    redis: Redis | None = None,
) -> Runtime:
    clock, ids = services.clock, services.ids
    chat = ChatStore(sessions, clock, ids)
    deps = FlowDeps(
        profiles=services.profiles,
        options=services.options,
        books=services.books,
        payments=services.payments,
        eraser=SqlAlchemyEraser(sessions, services.blobs, clock),
        addresses=SqlAlchemyAddressBook(sessions, clock, ids),
        moderation=services.moderation,
        settings=FlowOptions(
            regeneration_limit=settings.regeneration_limit,
            series_rounds_max=settings.series_rounds_max,
            print_ship=settings.feature_print_ship,
            ai_selection=settings.feature_ai_assisted_selection,
            photo_portraits=services.ai.portraits is not None,
            writer_reads_feedback=not isinstance(services.writer, OfflineStoryWriter),
        ),
    )

    writers = asyncio.Lock() if settings.database_url.startswith("sqlite") else None

    def turn_unit() -> TurnUnit:
        return SqlAlchemyTurnUnit(sessions, clock, writers)

    flood = FloodGuard(
        limiter, FloodLimit(settings.flood_limit_messages, settings.flood_window_seconds)
    )
    hub = WebChatHub()
    relay = RedisHubRelay(redis, hub) if redis is not None else None
    renderer = MessageRenderer(services.uow_factory, services.links)
    publish = relay.publish if relay is not None else hub.publish
    outbox = Outbox(
        chat,
        {CHANNEL: WebChatSender(publish, renderer, chat)},
        clock,
        give_up=timedelta(hours=settings.outbox_give_up_hours),
        max_backoff_seconds=settings.outbox_max_backoff_seconds,
    )
    lease = settings.job_lease_seconds
    kicks = JobKicks(make_broker(settings.redis_url, settings.job_queue_name, lease))
    turns = TurnRunner(
        chat,
        turn_unit,
        locker,
        deps,
        flood,
        clock,
        ids,
        deliver=outbox.flush,
        enqueue=kicks.enqueue,
    )
    job_store = JobStore(sessions, clock, timedelta(seconds=lease))
    priority = AckFirst(settings.turn_share_under_ack_load)
    work = SessionWork(turns, chat, priority)
    print_news = PrintNewsTeller(chat, turns)
    hooks = PaymentWebhooks(
        services.payments,
        services.settlement,
        chat,
        turns,
        ids,
        enqueue=kicks.enqueue,
        in_chat=services.in_chat,
    )
    runner = JobRunner(job_store, services, turns, print_news, lease_seconds=lease, events=hooks)
    queue = TaskiqJobQueue(kicks, runner, work)
    background = BackgroundTasks()
    identity = settings.webchat_identity_secret
    photos = PhotoCleaner()
    webchat = RuntimeWebChatBackend(
        chat,
        turns,
        hub,
        renderer,
        services.assets,
        ids,
        tokens=SessionTokenKeeper(
            derived_key(master_key, "webchat-token"),
            chat,
            clock,
            idle=timedelta(hours=settings.webchat_token_idle_hours),
        ),
        identity_secret=identity.get_secret_value().encode() if identity else None,
        photos=photos,
        publish=publish,
        flood_limit=settings.flood_limit_messages,
        flood_window_seconds=settings.flood_window_seconds,
    )
    return Runtime(
        chat=chat,
        turns=turns,
        outbox=outbox,
        jobs=job_store,
        queue=queue,
        work=work,
        priority=priority,
        consumer=JobConsumer(queue.broker, settings.job_concurrency, enabled=settings.consume_jobs),
        hub=hub,
        relay=relay,
        webchat=webchat,
        payment_webhooks=hooks,
        reconciler=PaymentReconciler(
            services.payments,
            hooks,
            after_seconds=settings.payment_reconcile_after_seconds,
            every_seconds=settings.payment_reconcile_every_seconds,
        ),
        background=background,
        reminders=ReminderSweeper(
            chat, turns, clock, after=timedelta(hours=settings.reminder_after_hours)
        ),
        print_news=print_news,
        print_tracker=PrintTracker(
            services.printing,
            print_news,
            clock,
            every_seconds=_print_poll_seconds(settings),
        ),
        sandbox_secret=derived_key(master_key, "sandbox-webhook"),
        photos=photos,
    )


def _print_poll_seconds(settings: Settings) -> float:
    """The local partner has no webhooks: it is asked as often as its jobs move."""
    if settings.print_partner == "local":
        return min(settings.print_poll_every_seconds, settings.print_local_step_seconds)
    return settings.print_poll_every_seconds

"""The WhatsApp channel, wired: the Graph client, the sender in the outbox, the webhook's ack
and the drainer behind it.
Only installed when WHATSAPP_ACCESS_TOKEN is set (settings.whatsapp_enabled)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator

from aiohttp import web

from adapters.whatsapp.graph import GraphConfig, open_client
from adapters.whatsapp.in_chat import WhatsAppInChatCheckout
from adapters.whatsapp.payments import WaPayment
from bot.app import keys
from bot.channels.whatsapp import webhook as whatsapp_webhook
from bot.channels.whatsapp.drainer import InboxDrainer
from bot.channels.whatsapp.group_commit import GroupCommit
from bot.channels.whatsapp.inbox import CHANNEL, WhatsAppInbox
from bot.channels.whatsapp.pacing import SendPacer, SendRates
from bot.channels.whatsapp.sender import WhatsAppSender
from bot.channels.whatsapp.signal import DrainSignal
from bot.channels.whatsapp.window import TemplateRef, Templates
from storage.whatsapp import WhatsAppStore
from storage.whatsapp_deliveries import DeliveryInbox


async def resource(app: web.Application) -> AsyncIterator[None]:
    """cleanup_ctx: runs after the runtime's, so the outbox and turn runner exist."""
    settings, runtime, services = app[keys.SETTINGS], app[keys.RUNTIME], app[keys.SERVICES]
    assert settings.whatsapp_access_token is not None
    client, session = open_client(
        GraphConfig(
            graph_url=settings.whatsapp_graph_url,
            api_version=settings.whatsapp_cloud_api_version,
            token=settings.whatsapp_access_token.get_secret_value(),
            phone_number_id=settings.whatsapp_phone_number_id or "",
        )
    )
    store = WhatsAppStore(app[keys.SESSIONS])
    sender = WhatsAppSender(
        client,
        store,
        services.uow_factory,
        services.assets,
        services.links,
        send_links=settings.public_base_url.startswith("https://"),
        clock=services.clock,
        templates=Templates(
            book_ready=TemplateRef.parse(settings.whatsapp_template_book_ready),
            reminder=TemplateRef.parse(settings.whatsapp_template_reminder),
            update=TemplateRef.parse(settings.whatsapp_template_update),
        ),
        pacer=SendPacer(
            app[keys.RATE_LIMITER],
            settings.whatsapp_phone_number_id or "",
            SendRates(
                per_second=settings.whatsapp_send_rate_per_second,
                pair_interval_seconds=settings.whatsapp_pair_interval_seconds,
            ),
        ),
    )
    runtime.outbox.register(CHANNEL, sender)
    configuration = settings.whatsapp_payment_configuration
    if configuration and "razorpay" in settings.payment_providers:  # the fallback is its link
        phone_id = settings.whatsapp_phone_number_id or ""
        services.in_chat.use(WhatsAppInChatCheckout(client, phone_id, configuration))
    hooks = app[keys.PAYMENT_WEBHOOKS]

    async def payment_news(payment: WaPayment) -> None:
        raw = json.dumps(dataclasses.asdict(payment)).encode()
        await hooks.in_chat_status(payment.report(), payment.key, raw)

    inbox = WhatsAppInbox(
        chat=runtime.chat,
        store=store,
        assets=services.assets,
        client=client,
        locker=app[keys.LOCKER],
        clock=services.clock,
        phone_number_id=settings.whatsapp_phone_number_id,
        payments=payment_news,
        undelivered=hooks.in_chat_undeliverable,
        photos=runtime.photos,
    )
    runtime.work.add_preparer(inbox.prepare)
    deliveries = DeliveryInbox(app[keys.ENGINE], services.clock)
    redis = app.get(keys.REDIS)
    signal = DrainSignal(redis, f"{settings.job_queue_name}:whatsapp-inbox")
    acks = DeliveryInbox(app[keys.ACK_ENGINE], services.clock)
    app[whatsapp_webhook.ACK] = GroupCommit(acks.insert, signal.notify)
    app[whatsapp_webhook.PRIORITY] = runtime.priority
    loops: list[asyncio.Task[None]] = []
    if redis is None or settings.consume_jobs:  # the drainer runs where jobs are consumed
        drainer = InboxDrainer(
            deliveries, inbox, runtime.queue, app[keys.LOCKER], signal, runtime.priority
        )
        app[keys.INBOX_DRAINER] = drainer
        loops.append(asyncio.create_task(drainer.run(), name="whatsapp-drainer"))
        if redis is not None:
            loops.append(asyncio.create_task(signal.listen(), name="whatsapp-drain-signal"))
    yield
    # Stop taking work before the client closes: what is left stays kept, queued or pending
    # in the outbox, for this process after a restart or for another one.
    for loop in loops:
        loop.cancel()
    await asyncio.gather(*loops, return_exceptions=True)
    await runtime.consumer.stop()
    await runtime.background.wait_idle()
    runtime.work.remove_preparer(inbox.prepare)
    runtime.outbox.unregister(CHANNEL)
    await sender.close()  # a send under way finishes; the outbox's sweep may still be in one
    services.in_chat.use(None)
    await session.aclose()


def setup(app: web.Application) -> None:
    app.cleanup_ctx.append(resource)
    whatsapp_webhook.setup(app)

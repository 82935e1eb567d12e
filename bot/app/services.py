"""Choose the concrete adapters from settings and wire the domain services (composition)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import boto3
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.local_blob_store import LocalBlobStore
from adapters.local_print_partner import LocalPrintPartner
from adapters.lulu.partner import LuluPrintPartner
from adapters.partitioned_blob_store import PartitionedBlobStore
from adapters.paypal.gateway import API_HOSTS, PayPalPaymentGateway
from adapters.pdf.pages import count_pages
from adapters.pdf.renderer import ReportLabBookRenderer
from adapters.pillow_illustrator.look_sheet import PillowLookPainter
from adapters.provider_http import ProviderHttp
from adapters.razorpay.gateway import RazorpayPaymentGateway
from adapters.s3_blob_store import S3BlobStore
from adapters.sandbox_payments import SandboxPaymentGateway
from adapters.signed_links import HmacFileLinks
from adapters.system import SystemClock, random_id
from bot.app.ai import AIAdapters, build_ai
from bot.app.settings import Settings
from bot.app.signing_key import files_signing_key
from domain.generation import ImageModelPolicy
from domain.money import Money
from domain.payments import PaymentGateway, Prices
from domain.ports import BlobStore, Clock, IdFactory, Illustrator, Locker, StoryWriter
from domain.printing import PrintPartner
from domain.repositories import UnitOfWork, UnitOfWorkFactory
from domain.services.assets import AssetStore
from domain.services.book_finalize import BookFinalizer
from domain.services.book_generation import BookGenerator
from domain.services.books import BookService
from domain.services.in_chat_payments import InChatPayments
from domain.services.look_sheets import LookSheets
from domain.services.moderation import ContentModeration
from domain.services.payment_settlement import PaymentSettlement
from domain.services.payments import PaymentService
from domain.services.photo_retention import PhotoRetention
from domain.services.printing import PrintService, PrintSettings
from domain.services.profiles import ProfileService
from domain.services.story_options import StoryOptionsService
from storage.print_orders import SqlAlchemyPrintOrders
from storage.uow import SqlAlchemyUnitOfWork


@dataclass(frozen=True, slots=True)
class Services:
    clock: Clock
    ids: IdFactory
    blobs: BlobStore
    links: HmacFileLinks
    writer: StoryWriter
    illustrator: Illustrator
    profiles: ProfileService
    options: StoryOptionsService
    books: BookService
    generator: BookGenerator
    finalizer: BookFinalizer
    payments: PaymentService
    settlement: PaymentSettlement
    in_chat: InChatPayments  # off until the WhatsApp channel installs its checkout
    printing: PrintService
    uow_factory: UnitOfWorkFactory
    assets: AssetStore
    moderation: ContentModeration
    ai: AIAdapters
    looks: LookSheets
    photos: PhotoRetention


def build_services(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    *,
    clock: Clock | None = None,
    ids: IdFactory = random_id,
    writer: StoryWriter | None = None,
    illustrator: Illustrator | None = None,
    locker: Locker | None = None,
) -> Services:
    clock = clock or SystemClock()

    def uow_factory() -> UnitOfWork:
        return SqlAlchemyUnitOfWork(sessions, clock)

    blobs = _blob_store(settings)
    links = HmacFileLinks(settings.public_base_url, files_signing_key(settings), clock)
    ai = build_ai(settings)  # OpenAI's adapters with a key, the offline ones without
    writer = writer or ai.writer
    illustrator = illustrator or ai.illustrator
    # Without an OpenAI key the embedded default may use the offline illustrator; with one,
    # only OpenAI's image models may illustrate.
    policy = ImageModelPolicy(allow_offline=settings.openai_api_key is None)
    policy.check(illustrator.model)
    assets = AssetStore(uow_factory, blobs, clock, ids)
    renderer = ReportLabBookRenderer()
    partner = print_partner(settings, clock)
    moderation = ContentModeration(ai.moderator, uow_factory)
    payments = PaymentService(
        uow_factory, payment_gateways(settings, clock, ids), prices(settings), clock, ids
    )
    return Services(
        clock=clock,
        ids=ids,
        blobs=blobs,
        links=links,
        writer=writer,
        illustrator=illustrator,
        profiles=ProfileService(uow_factory, clock, ids),
        options=StoryOptionsService(
            uow_factory, writer, ids, moderation=moderation, ranker=ai.ranker
        ),
        books=BookService(uow_factory, clock, ids, regeneration_limit=settings.regeneration_limit),
        generator=BookGenerator(
            uow_factory,
            writer,
            illustrator,
            renderer,
            assets,
            policy,
            clock,
            watermark=settings.feature_preview_watermark,
            image_px=settings.book_image_px,
            concurrency=settings.illustration_concurrency,
            moderation=moderation,
            portraits=ai.portraits,
        ),
        finalizer=BookFinalizer(
            uow_factory,
            renderer,
            assets,
            clock,
            cover_size=partner.cover_size if settings.feature_print_ship else None,
            # Printed books meet the partner's page minimum with real extra pages.
            print_renderer=ReportLabBookRenderer(min_pages=partner.min_pages),
        ),
        payments=payments,
        settlement=PaymentSettlement(payments, uow_factory, clock),
        in_chat=InChatPayments(payments, uow_factory, clock),
        printing=PrintService(
            SqlAlchemyPrintOrders(sessions, clock, ids),
            partner,
            uow_factory,
            assets,
            links,
            count_pages,
            clock,
            ids,
            PrintSettings(
                contact_email=settings.print_contact_email,
                link_ttl_seconds=settings.print_file_link_ttl_seconds,
                stuck_after=timedelta(hours=settings.print_stuck_after_hours),
            ),
            locker=locker,
        ),
        uow_factory=uow_factory,
        assets=assets,
        moderation=moderation,
        ai=ai,
        # The look pictures are always drawn offline: the same hero painter as the pages.
        looks=LookSheets(PillowLookPainter(), assets),
        photos=PhotoRetention(
            uow_factory, blobs, clock, timedelta(days=settings.photo_retention_days)
        ),
    )


def prices(settings: Settings) -> dict[str, Prices]:
    return {
        "INR": Prices(Money(settings.price_pdf_inr, "INR"), Money(settings.price_print_inr, "INR")),
        "USD": Prices(Money(settings.price_pdf_usd, "USD"), Money(settings.price_print_usd, "USD")),
    }


def payment_gateways(settings: Settings, clock: Clock, ids: IdFactory) -> dict[str, PaymentGateway]:
    """The live providers by currency: Razorpay (INR) and PayPal (USD) when configured, the
    sandbox (INR) of the embedded default when neither is."""
    base = settings.public_base_url
    gateways: dict[str, PaymentGateway] = {}
    if settings.razorpay_key_id and settings.razorpay_key_secret:
        http = ProviderHttp(settings.razorpay_api_url)
        secret = settings.razorpay_key_secret.get_secret_value()
        gateways["INR"] = RazorpayPaymentGateway(
            http, settings.razorpay_key_id, secret, base, clock
        )
    if settings.paypal_client_id and settings.paypal_client_secret:
        http = ProviderHttp(settings.paypal_api_url or API_HOSTS[settings.paypal_environment])
        secret = settings.paypal_client_secret.get_secret_value()
        gateways["USD"] = PayPalPaymentGateway(http, settings.paypal_client_id, secret, base)
    return gateways or {"INR": SandboxPaymentGateway(base, ids)}


def print_partner(settings: Settings, clock: Clock) -> PrintPartner:
    """Lulu when its keys are set; the local stand-in (nothing printed) otherwise."""
    if settings.print_partner == "lulu":
        assert settings.lulu_client_key and settings.lulu_client_secret
        return LuluPrintPartner(
            ProviderHttp(settings.lulu_api_url, timeout_seconds=settings.lulu_timeout_seconds),
            ProviderHttp(
                settings.lulu_api_url, attempts=1, timeout_seconds=settings.lulu_timeout_seconds
            ),
            settings.lulu_client_key,
            settings.lulu_client_secret.get_secret_value(),
            pod_package_id=settings.lulu_pod_package_id,
            shipping_level=settings.lulu_shipping_level,
        )
    return LocalPrintPartner(clock, step_seconds=settings.print_local_step_seconds)


def _blob_store(settings: Settings) -> BlobStore:
    """S3 when the buckets are configured (production), local files otherwise (embedded);
    parents' photos in a store of their own either way."""
    if settings.aws_s3_bucket_assets is None or settings.aws_s3_bucket_private is None:
        var = Path(settings.var_dir)
        return PartitionedBlobStore(LocalBlobStore(var / "blobs"), LocalBlobStore(var / "private"))
    secret = settings.aws_secret_access_key
    client = boto3.client(
        "s3",
        region_name=settings.aws_region,
        endpoint_url=settings.s3_endpoint_url,
        aws_access_key_id=settings.aws_access_key_id,
        aws_secret_access_key=secret.get_secret_value() if secret else None,
    )
    return PartitionedBlobStore(
        S3BlobStore(client, settings.aws_s3_bucket_assets),
        S3BlobStore(client, settings.aws_s3_bucket_private),
    )

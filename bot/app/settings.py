"""One typed settings object, read from the environment (and an optional .env file).

Built once in main() and passed to create_app(settings). Every variable is optional in the
embedded default; `problems()` lists every invalid or incomplete combination at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.http.client_address import parse_networks
from domain.generation import is_openai_image_model

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/storybook.sqlite3"
DATABASE_SCHEMES = ("sqlite+aiosqlite", "postgresql+asyncpg")
TEMPLATE_PATTERN = r"^[a-z0-9_]{1,512}:[A-Za-z_]{2,6}$"  # template name : language code


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    # Runtime
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    var_dir: Path = Path("./var")

    # Infrastructure
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None
    # Where parents' links point (previews, payments, files). Unset: this service's own
    # address from HOST and PORT, so `PORT=9000 make run` needs nothing else.
    public_base_url: str = ""
    files_signing_key: SecretStr | None = None

    # WhatsApp Cloud API
    whatsapp_cloud_api_version: str = "23.0"
    whatsapp_phone_number_id: str | None = None
    whatsapp_access_token: SecretStr | None = None
    whatsapp_app_secret: SecretStr | None = None
    whatsapp_webhook_verify_token: SecretStr | None = None
    whatsapp_graph_url: str = "https://graph.facebook.com"
    # Sends per second from our number (Meta's throughput is 80/s by default)
    whatsapp_send_rate_per_second: int = Field(default=60, ge=1, le=1000)
    # Proactive messages to one parent: at most one per this many seconds (Meta's pair rate)
    whatsapp_pair_interval_seconds: float = Field(default=6.0, gt=0, le=600)
    # Approved templates ("name:language", e.g. "book_ready:en") for proactive messages sent
    # outside the 24-hour customer-service window; unset: such a message fails, unsent.
    whatsapp_template_book_ready: str | None = Field(default=None, pattern=TEMPLATE_PATTERN)
    whatsapp_template_reminder: str | None = Field(default=None, pattern=TEMPLATE_PATTERN)
    whatsapp_template_update: str | None = Field(default=None, pattern=TEMPLATE_PATTERN)

    # OpenAI
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_text_model: str = "gpt-5-mini"
    openai_image_model: str = "gpt-image-2"
    # OpenAI calls: timeouts, the SDK's retries (429, 5xx, connection errors), output limits
    openai_timeout_seconds: float = Field(default=120, gt=0, le=900)
    openai_image_timeout_seconds: float = Field(default=180, gt=0, le=900)
    openai_max_retries: int = Field(default=2, ge=0, le=10)
    openai_max_output_tokens: int = Field(default=16000, ge=1000, le=128000)
    openai_reasoning_effort: Literal["minimal", "low", "medium", "high"] | None = "low"
    openai_temperature: float | None = Field(default=None, ge=0, le=2)  # unset: not sent
    openai_image_size: str = Field(default="1024x1024", pattern=r"^\d{3,4}x\d{3,4}$")
    openai_image_quality: Literal["low", "medium", "high", "auto"] = "medium"
    openai_moderation_model: str = "omni-moderation-latest"
    openai_moderation_timeout_seconds: float = Field(default=8, gt=0, le=60)
    openai_check_models: bool = True  # GET /v1/models at start-up, reported in /readyz
    # Pages illustrated at the same time for one book (any illustrator)
    illustration_concurrency: int = Field(default=4, ge=1, le=16)

    # Payments
    razorpay_key_id: str | None = None
    razorpay_key_secret: SecretStr | None = None
    razorpay_webhook_secret: SecretStr | None = None
    razorpay_api_url: str = "https://api.razorpay.com"
    paypal_client_id: str | None = None
    paypal_client_secret: SecretStr | None = None
    paypal_environment: Literal["sandbox", "live"] = "sandbox"
    paypal_webhook_id: str | None = None
    paypal_api_url: str | None = None
    # The payment configuration's name in WhatsApp Manager (linked to Razorpay): WhatsApp
    # parents paying INR pay inside the chat. Unset: everyone pays through a link.
    whatsapp_payment_configuration: str | None = Field(
        default=None, min_length=1, max_length=60, pattern=r"^[^\x00/?#]+$"
    )

    # Print partner: Lulu's Print API when the key and secret are set, else the local stand-in
    lulu_client_key: str | None = None
    lulu_client_secret: SecretStr | None = None
    lulu_api_url: str = "https://api.sandbox.lulu.com"
    # 8.5 x 8.5 in full-colour premium case-wrap hardcover, matte (Lulu's dotted form).
    lulu_pod_package_id: str = Field(
        default="0850X0850.FC.PRE.CW.080CW444.MXX", pattern=r"^[0-9A-Za-z.]{20,40}$"
    )
    lulu_shipping_level: Literal[
        "MAIL", "PRIORITY_MAIL", "GROUND_HD", "GROUND_BUS", "GROUND", "EXPEDITED", "EXPRESS"
    ] = "MAIL"
    # Lulu calls: the create call is made once per try (its next try looks for the job first).
    lulu_timeout_seconds: float = Field(default=30, gt=0, le=300)
    # Who the partner writes to about a job (the shop, never the parent).
    print_contact_email: str = Field(
        default="print@storybook.invalid", pattern=r"^[^@\s]+@[^@\s]+$", max_length=254
    )
    # Open print jobs are asked about this often (webhooks can be switched off by the partner).
    print_poll_every_seconds: float = Field(default=300, gt=0, le=24 * 3600)
    # A print order in one status longer than this needs support's attention.
    print_stuck_after_hours: float = Field(default=72, gt=0, le=24 * 60)
    # The local print partner moves a job one status on this often.
    print_local_step_seconds: float = Field(default=60, gt=0, le=24 * 3600)
    # Signed links to the print files live this long (the partner fetches them later).
    print_file_link_ttl_seconds: int = Field(default=14 * 24 * 3600, ge=3600, le=60 * 24 * 3600)

    # S3
    aws_region: str = "ap-south-1"
    aws_access_key_id: str | None = None
    aws_secret_access_key: SecretStr | None = None
    aws_s3_bucket_assets: str | None = None
    # Parents' photos: a bucket of their own, never the assets bucket (required with it).
    aws_s3_bucket_private: str | None = None
    # A photo is deleted once its book is final, and in any case after this many days.
    photo_retention_days: int = Field(default=30, ge=1, le=365)
    s3_endpoint_url: str | None = None

    # Features
    feature_print_ship: bool = False
    feature_ai_assisted_selection: bool = True
    feature_preview_watermark: bool = True

    # Limits: requests per minute per client, per route category
    rate_limit_webhooks_per_minute: int = Field(default=600, ge=1)
    rate_limit_webchat_per_minute: int = Field(default=60, ge=1)
    rate_limit_support_per_minute: int = Field(default=120, ge=1)
    rate_limit_files_per_minute: int = Field(default=30, ge=1)
    # Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the
    # client for the limits above; empty: the connection's own address is the client.
    trusted_proxies: str = ""
    # A parent's messages handled per window; more wait (told once, kindly), none are lost.
    flood_limit_messages: int = Field(default=10, ge=1, le=1000)
    flood_window_seconds: float = Field(default=10.0, gt=0, le=3600)
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    regeneration_limit: int = Field(default=3, ge=0, le=20)
    series_rounds_max: int = Field(default=3, ge=1, le=10)
    # The Redis stream that carries jobs: every process of one deployment shares it.
    job_queue_name: str = Field(default="storybook:jobs", min_length=1, max_length=100)
    # With REDIS_URL: whether `serve` also takes jobs and webhook turns off the queue. False
    # leaves them to `worker` processes, so `serve` only answers HTTP. `worker` always does.
    consume_jobs: bool = True
    # Tasks (sessions' turns and jobs) one process runs at once from the Redis queue: turns of
    # different sessions run side by side; one session's turns stay in order (its lock).
    job_concurrency: int = Field(default=16, ge=1, le=256)
    # While webhook acks pile up in a process that also runs turns (a campaign burst on
    # `serve` alone), its turns take at most this share of the time: Meta is acked first, the
    # parents are answered right after the burst. 1 turns this off.
    turn_share_under_ack_load: float = Field(default=0.2, gt=0, le=1)
    # `worker` lowers its CPU priority (Unix nice) so, sharing a machine with `serve`, it
    # yields the CPU to the acks; its work is durable and waits a moment.
    worker_niceness: int = Field(default=10, ge=0, le=19)
    # A running job's lease: renewed while it runs; a job whose lease ran out (its process
    # died) is taken over by a live process. Locks a process holds are renewed the same way.
    job_lease_seconds: float = Field(default=30, ge=0.5, le=600)
    # The outbox retries a failed send with backoff (capped at the maximum) for this long
    # before the message counts as failed (shown to support); a success wakes the waiting ones.
    outbox_give_up_hours: float = Field(default=24, gt=0, le=24 * 14)
    outbox_max_backoff_seconds: float = Field(default=300, gt=0, le=3600)
    reminder_after_hours: float = Field(default=20, gt=0, le=24 * 14)
    # Illustration size in pixels; 2625 is 8.75 in at 300 ppi (print quality).
    book_image_px: int = Field(default=2625, ge=256, le=4096)

    # Prices in minor units (paise, cents)
    price_pdf_inr: int = Field(default=49900, ge=100)
    price_print_inr: int = Field(default=149900, ge=100)
    price_pdf_usd: int = Field(default=599, ge=100)
    price_print_usd: int = Field(default=2499, ge=100)
    # Payments still open this long after creation are asked about (a lost webhook never
    # loses a sale); the sweep runs every PAYMENT_RECONCILE_EVERY_SECONDS.
    payment_reconcile_after_seconds: float = Field(default=600, ge=0, le=7 * 24 * 3600)
    payment_reconcile_every_seconds: float = Field(default=300, gt=0, le=24 * 3600)

    # Web chat: optional SaaS identity (HS256 JWTs signed with this secret)
    webchat_identity_secret: SecretStr | None = None
    # A web chat session token stops working once the parent has neither opened the chat nor
    # written for this long (the widget then starts a fresh chat).
    webchat_token_idle_hours: float = Field(default=720, gt=0, le=24 * 365)

    # Support console (/support/)
    support_session_idle_hours: float = Field(default=8, gt=0, le=24 * 7)
    support_lockout_attempts: int = Field(default=5, ge=1, le=100)
    support_lockout_minutes: float = Field(default=15, gt=0, le=24 * 60)
    # "Stuck": no progress for this long while waiting for the bot, a job or a payment
    support_stuck_after_hours: float = Field(default=2, gt=0, le=24 * 30)

    @model_validator(mode="after")
    def _own_address_by_default(self) -> Settings:
        if not self.public_base_url:
            self.public_base_url = own_address(self.host, self.port)
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def whatsapp_enabled(self) -> bool:
        return self.whatsapp_access_token is not None

    @property
    def payment_providers(self) -> list[str]:
        """The real payment providers configured; none means the sandbox serves."""
        live = []
        if self.razorpay_key_id is not None:
            live.append("razorpay")
        if self.paypal_client_id is not None:
            live.append("paypal")
        return live

    def problems(self) -> list[str]:
        """Every problem with this configuration, each naming its variable."""
        return [
            *_database_problems(self.database_url),
            *_url_problems(self),
            *_partner_problems(self),
            *_model_problems(self),
            *_proxy_problems(self),
        ]

    @property
    def print_partner(self) -> str:
        """Lulu when its key and secret are set; the local stand-in otherwise."""
        return "lulu" if self.lulu_client_key and self.lulu_client_secret else "local"

    def warnings(self) -> list[str]:
        """Settings that work but are probably not what was meant."""
        warnings = []
        parts = urlsplit(self.public_base_url)
        if parts.hostname in LOCAL_HOSTS and (parts.port or 80) != self.port:
            warnings.append(
                f"PUBLIC_BASE_URL: {self.public_base_url} points at this machine but the service "
                f"listens on PORT={self.port}: links sent to parents will not open"
            )
        if self.print_partner == "lulu" and parts.hostname in LOCAL_HOSTS:
            warnings.append(
                f"LULU_CLIENT_KEY: Lulu fetches the print files from {self.public_base_url}, "
                "which it cannot reach: set PUBLIC_BASE_URL to the service's public address"
            )
        return warnings


SECRET_FIELDS = frozenset(
    name for name, f in Settings.model_fields.items() if "SecretStr" in str(f.annotation)
)


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})  # noqa: S104


def own_address(host: str, port: int) -> str:
    """The service's own base URL; a wildcard bind is reached on the loopback address."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def _proxy_problems(s: Settings) -> list[str]:
    try:
        parse_networks(s.trusted_proxies)
    except ValueError as exc:
        return [f"TRUSTED_PROXIES: {exc}"]
    return []


def _database_problems(url: str) -> list[str]:
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in DATABASE_SCHEMES:
        return [
            f"DATABASE_URL: scheme {scheme or '(none)'!r} is not supported; "
            f"use one of {', '.join(DATABASE_SCHEMES)}"
        ]
    if scheme.startswith("postgresql") and not urlsplit(url).hostname:
        return ["DATABASE_URL: a PostgreSQL URL needs a host"]
    return []


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _url_problems(s: Settings) -> list[str]:
    problems = []
    urls = {
        "PUBLIC_BASE_URL": s.public_base_url,
        "WHATSAPP_GRAPH_URL": s.whatsapp_graph_url,
        "RAZORPAY_API_URL": s.razorpay_api_url,
        "OPENAI_BASE_URL": s.openai_base_url,
        "PAYPAL_API_URL": s.paypal_api_url,
        "LULU_API_URL": s.lulu_api_url,
        "S3_ENDPOINT_URL": s.s3_endpoint_url,
    }
    for name, value in urls.items():
        if value is not None and not _is_http_url(value):
            problems.append(f"{name}: {value!r} is not an http(s) URL")
    if s.redis_url is not None and urlsplit(s.redis_url).scheme not in ("redis", "rediss", "unix"):
        problems.append("REDIS_URL: must start with redis://, rediss:// or unix://")
    return problems


# (variable that turns a feature on, [variables it needs])
_PARTNERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "whatsapp_access_token",
        ("whatsapp_app_secret", "whatsapp_phone_number_id", "whatsapp_webhook_verify_token"),
    ),
    ("razorpay_key_id", ("razorpay_key_secret", "razorpay_webhook_secret")),
    ("razorpay_key_secret", ("razorpay_key_id",)),
    ("paypal_client_id", ("paypal_client_secret", "paypal_webhook_id")),
    ("paypal_client_secret", ("paypal_client_id",)),
    ("aws_access_key_id", ("aws_secret_access_key",)),
    ("aws_s3_bucket_assets", ("aws_s3_bucket_private",)),
    ("aws_s3_bucket_private", ("aws_s3_bucket_assets",)),
    # In-chat payment is sent by the WhatsApp channel and falls back to a Razorpay link.
    ("whatsapp_payment_configuration", ("whatsapp_access_token", "razorpay_key_id")),
    ("lulu_client_key", ("lulu_client_secret",)),
    ("lulu_client_secret", ("lulu_client_key",)),
)


def _partner_problems(s: Settings) -> list[str]:
    problems = []
    for trigger, needed in _PARTNERS:
        if getattr(s, trigger) is None:
            continue
        for name in needed:
            if getattr(s, name) is None:
                problems.append(f"{name.upper()}: required when {trigger.upper()} is set")
    return problems


def _model_problems(s: Settings) -> list[str]:
    problems = []
    if not is_openai_image_model(s.openai_image_model):
        problems.append(
            f"OPENAI_IMAGE_MODEL: {s.openai_image_model!r} is not an OpenAI image generation "
            "model (dall-e-* or gpt-image-*)"
        )
    key = s.files_signing_key
    if key is not None and len(key.get_secret_value().encode()) < 32:
        problems.append("FILES_SIGNING_KEY: must be at least 32 bytes")
    return problems


def load_settings() -> tuple[Settings | None, list[str]]:
    """Build Settings from the environment; on failure, return every problem, each named."""
    try:
        settings = Settings()
    except ValidationError as exc:
        return None, [_describe(err) for err in exc.errors()]
    return settings, settings.problems()


def _describe(err: Mapping[str, Any]) -> str:
    field = ".".join(str(p) for p in err.get("loc", ()))
    shown = "********" if field in SECRET_FIELDS else repr(err.get("input"))
    return f"{field.upper() or 'SETTINGS'}: {err.get('msg', 'invalid')} (got {shown})"


def masked(settings: Settings) -> dict[str, str]:
    """The effective configuration as text, secrets masked."""
    out = {}
    for name in Settings.model_fields:
        value = getattr(settings, name)
        if value is None:
            text = "(unset)"
        elif name in SECRET_FIELDS:
            text = "********"
        elif name == "database_url" or name == "redis_url":
            text = _mask_url_password(str(value))
        else:
            text = str(value)
        out[name.upper()] = text
    return out


def _mask_url_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":********@", 1)
    return url

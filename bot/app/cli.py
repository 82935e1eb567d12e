"""`python -m bot serve | worker | migrate | check-config`.

Each command imports what it needs when it runs: the whole app takes seconds to import, which
check-config and migrate (run before every deploy and in every test of them) do not need.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import Sequence

from bot.app.logs import configure_logging
from bot.app.memory import return_large_blocks
from bot.app.settings import Settings, load_settings, masked, own_address

logger = logging.getLogger("bot")


def _settings_or_exit() -> Settings:
    settings, problems = load_settings()
    if problems or settings is None:
        print(f"Configuration has {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        raise SystemExit(2)
    return settings


def check_config() -> int:
    settings, problems = load_settings()
    if settings is not None:
        for name, value in masked(settings).items():
            print(f"{name}={value}")
    if settings is not None:
        live = ", ".join(settings.payment_providers) or "none (the sandbox serves)"
        print(f"\npayment providers live: {live}", file=sys.stderr)
        if settings.whatsapp_payment_configuration:
            how = f"configuration {settings.whatsapp_payment_configuration!r}"
            print(f"in-chat payment on WhatsApp (India): {how}", file=sys.stderr)
        print(f"print partner: {settings.print_partner}", file=sys.stderr)
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    assert settings is not None
    for warning in settings.warnings():
        print(f"\nwarning: {warning}", file=sys.stderr)
    print("\nconfiguration OK", file=sys.stderr)
    return 0


def migrate() -> int:
    settings = _settings_or_exit()
    configure_logging(settings.log_level)
    from storage.migrate import upgrade

    asyncio.run(upgrade(settings.database_url))
    logger.info("database migrated to head")
    return 0


def serve() -> int:
    settings = _settings_or_exit()
    configure_logging(settings.log_level)
    return_large_blocks()
    logger.info("serving", extra={"host": settings.host, "port": settings.port})
    for warning in settings.warnings():
        logger.warning(warning)
    from aiohttp import web

    from bot.app import gc_freeze
    from bot.app.composition import create_app

    app = create_app(settings)
    app.on_startup.append(gc_freeze.on_startup)
    web.run_app(
        app,
        host=settings.host,
        port=settings.port,
        access_log=None,
        print=lambda _: print(where_to_go(settings), file=sys.stderr, flush=True),
        shutdown_timeout=10,
    )
    return 0


def where_to_go(settings: Settings) -> str:
    """Printed once the service listens: the addresses a person opens next."""
    base = settings.public_base_url.rstrip("/")
    return (
        f"\nStorybook bot is ready on {own_address(settings.host, settings.port)}\n"
        f"  Chat with the bot:  {base}/\n"
        f"  Embed example:      {base}/embed-example\n"
        f"  Support console:    {base}/support/\n"
        "  First support user: make support-user EMAIL=you@example.com ROLE=admin\n"
        "                      (or .venv/bin/python -m bot support-user add EMAIL --role admin)\n"
    )


def worker() -> int:
    """Jobs, outbox retries and reminders without HTTP: more hands for a Redis-backed queue."""
    settings = _settings_or_exit()
    if settings.redis_url is None:
        print("worker needs REDIS_URL: without it, jobs run inside `serve`", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    return_large_blocks()
    if settings.worker_niceness and hasattr(os, "nice"):
        os.nice(settings.worker_niceness)
    asyncio.run(_work(settings))
    return 0


async def _work(settings: Settings) -> None:
    from aiohttp import web

    from bot.app import gc_freeze
    from bot.app.composition import create_app

    # The same composition root as `serve`; the app is started but never listens.
    settings = settings.model_copy(update={"consume_jobs": True})
    runner = web.AppRunner(create_app(settings), handle_signals=False)
    await runner.setup()
    gc_freeze.freeze_startup_objects()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    logger.info("worker started")
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        logger.info("worker stopped")


COMMANDS = {"serve": serve, "worker": worker, "migrate": migrate, "check-config": check_config}


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    if given[:1] == ["support-user"]:  # support console accounts: add | disable | enable | list
        from bot.support.cli import support_user

        return support_user(given[1:], _settings_or_exit())
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Storybook bot service",
        epilog="Support console accounts: python -m bot support-user --help",
    )
    parser.add_argument("command", choices=sorted(COMMANDS))
    args = parser.parse_args(argv)
    return COMMANDS[args.command]()

"""`python -m bot support-user add EMAIL --role viewer|agent|admin | disable EMAIL | enable EMAIL
| role EMAIL ROLE | list`: support accounts from the command line (audited as "cli:<user>")."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Sequence

from adapters.system import SystemClock, random_id
from bot.app.settings import Settings
from bot.support.accounts import SupportAuth
from bot.support.roles import ROLES
from domain.errors import Conflict, ValidationFailed
from storage.db import create_engine, create_session_factory
from storage.support_accounts import SqlAlchemySupportAccounts


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot support-user", description="Manage support console accounts"
    )
    sub = parser.add_subparsers(dest="action", required=True)
    add = sub.add_parser("add", help="create an account (asks for the password, or reads stdin)")
    add.add_argument("email")
    add.add_argument("--role", choices=ROLES, required=True)
    for name in ("disable", "enable"):
        sub.add_parser(name, help=f"{name} an account").add_argument("email")
    role = sub.add_parser("role", help="change an account's role")
    role.add_argument("email")
    role.add_argument("role", choices=ROLES)
    sub.add_parser("list", help="list accounts")
    return parser


def _read_password() -> str:
    """From the terminal (asked twice), or the first line of stdin when it is not a terminal."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise ValidationFailed("the passwords differ")
    return first


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return f"cli:uid{os.getuid()}"


async def _run(settings: Settings, args: argparse.Namespace, password: str | None) -> int:
    engine = create_engine(settings.database_url)
    try:
        accounts = SqlAlchemySupportAccounts(create_session_factory(engine), random_id)
        auth = SupportAuth(accounts, SystemClock())
        if args.action == "add":
            assert password is not None
            user = await auth.add_user(args.email, password, args.role, actor=_actor())
            print(f"added {user.email} ({user.role})")
        elif args.action in ("disable", "enable"):
            if not await auth.set_disabled(args.email, args.action == "disable", actor=_actor()):
                print(f"no support user {args.email}", file=sys.stderr)
                return 1
            print(f"{args.action}d {args.email}")
        elif args.action == "role":
            if not await auth.set_role(args.email, args.role, actor=_actor()):
                print(f"no support user {args.email}", file=sys.stderr)
                return 1
            print(f"{args.email} is now {args.role}")
        else:
            for u in await accounts.all():
                state = "disabled" if u.disabled else "active"
                last = u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "never"
                print(f"{u.email}\t{u.role}\t{state}\tlast sign-in {last}")
        return 0
    finally:
        await engine.dispose()


def support_user(argv: Sequence[str], settings: Settings) -> int:
    args = _parser().parse_args(list(argv))
    try:
        password = _read_password() if args.action == "add" else None
        return asyncio.run(_run(settings, args, password))
    except (ValidationFailed, Conflict) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

"""`python -m bot support-user ...` as an operator runs it: the password comes on stdin and is
never printed; accounts can be listed and disabled; every change is audited."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from bot.support.passwords import verify_password
from storage.db import create_engine, create_session_factory
from storage.tables import AuditLogRow, SupportUserRow

REPO = Path(__file__).resolve().parents[2]
SECRET = "a very private phrase"


def _cli(tmp_path: Path, db_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if not k.upper().startswith(("DATABASE_", "SUPPORT_"))
    }
    env.update(DATABASE_URL=db_url, VAR_DIR=str(tmp_path / "var"), PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "bot", "support-user", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )


async def _rows(db_url: str, model):
    engine = create_engine(db_url)
    try:
        async with create_session_factory(engine)() as s:
            return list(await s.scalars(select(model)))
    finally:
        await engine.dispose()


def test_add_list_disable_from_the_command_line(tmp_path, sqlite_db_url):
    added = _cli(
        tmp_path, sqlite_db_url, "add", "Maya@Example.test", "--role", "agent", stdin=SECRET + "\n"
    )
    assert added.returncode == 0, added.stderr
    assert "added maya@example.test (agent)" in added.stdout
    assert SECRET not in added.stdout + added.stderr

    again = _cli(
        tmp_path, sqlite_db_url, "add", "maya@example.test", "--role", "viewer", stdin=SECRET + "\n"
    )
    assert again.returncode == 2 and "already exists" in again.stderr
    weak = _cli(
        tmp_path, sqlite_db_url, "add", "weak@example.test", "--role", "viewer", stdin="short\n"
    )
    assert weak.returncode == 2 and "at least 10 characters" in weak.stderr
    bad_role = _cli(
        tmp_path, sqlite_db_url, "add", "x@example.test", "--role", "boss", stdin=SECRET
    )
    assert bad_role.returncode == 2

    listed = _cli(tmp_path, sqlite_db_url, "list")
    assert listed.returncode == 0 and "maya@example.test\tagent\tactive" in listed.stdout
    assert _cli(tmp_path, sqlite_db_url, "disable", "maya@example.test").returncode == 0
    assert "maya@example.test\tagent\tdisabled" in _cli(tmp_path, sqlite_db_url, "list").stdout
    assert _cli(tmp_path, sqlite_db_url, "disable", "nobody@example.test").returncode == 1

    (user,) = asyncio.run(_rows(sqlite_db_url, SupportUserRow))
    assert user.disabled and verify_password(SECRET, user.password_hash)
    audits = asyncio.run(_rows(sqlite_db_url, AuditLogRow))
    assert [a.action for a in audits] == ["support.user_created", "support.user_disabled"]
    assert all(a.actor_id.startswith("cli:") for a in audits)

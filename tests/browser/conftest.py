"""Fixtures for the real-browser tests: the service as a subprocess, and Debian's Chromium.

The server runs exactly as an operator would start it (`python -m bot migrate`, then
`python -m bot serve`) with its own VAR_DIR and SQLite database under the test's tmp_path.
Its stderr goes to a file, printed when the test fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from bot.app.settings import Settings

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
STARTUP_SECONDS = 30
STOP_SECONDS = 15


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Keep each phase's report on the test item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    return any(
        getattr(getattr(request.node, f"report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )


def _read(log: Path) -> str:
    return log.read_text(errors="replace") if log.exists() else ""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(tmp_path: Path, port: int) -> dict[str, str]:
    """The test's environment minus any of the service's own variables, plus ours."""
    ours = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in ours}
    env.update(
        HOST="127.0.0.1",
        PORT=str(port),
        VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'storybook.sqlite3'}",
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        BOOK_IMAGE_PX="512",  # small pictures keep the journey quick
        FLOOD_LIMIT_MESSAGES="1000",  # a scripted parent is faster than people
        LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p),
        PYTHONUNBUFFERED="1",
    )
    return env


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{_read(log)}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not answer /healthz within {STARTUP_SECONDS}s:\n{_read(log)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_SECONDS)


@pytest.fixture
def server_url(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The service's base URL on a free port: migrated, serving, healthy; stopped afterwards."""
    port = _free_port()
    env = _server_env(tmp_path, port)
    env.update(getattr(request.module, "SERVER_ENV", {}))  # a test module's own settings
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.stderr.log"
    # cwd=tmp_path: the server must not pick up a developer's .env file from the repository.
    migrate = subprocess.run(
        [sys.executable, "-m", "bot", "migrate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, f"migrate failed:\n{migrate.stderr}"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        _wait_healthy(url, process, log)
        yield url
    finally:
        _stop(process)
        if _failed(request):
            print(f"\n----- server stderr ({log}) -----\n{_read(log) or '(empty)'}")


@pytest.fixture
def chromium_path() -> str:
    """Debian's Chromium (Playwright's own browser download does not work here)."""
    if not CHROMIUM.exists():
        message = f"chromium is not installed ({CHROMIUM} is missing)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI=true requires it", pytrace=False)
        pytest.skip(message)
    return str(CHROMIUM)


@pytest.fixture
def browser(chromium_path: str) -> Iterator[Browser]:
    """A headless Chromium (sync API: plain `def` tests, no asyncio loop involved)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()

"""Drive the support console the way a browser does: sign-in form, cookies, CSRF tokens."""

from __future__ import annotations

import re
from typing import Any

from aiohttp.test_utils import TestClient

from adapters.system import random_id
from bot.app import keys
from bot.support.accounts import SupportAuth
from storage.support_accounts import SqlAlchemySupportAccounts

PASSWORD = "correct horse battery"


def auth_of(app: Any) -> SupportAuth:
    return SupportAuth(
        SqlAlchemySupportAccounts(app[keys.SESSIONS], random_id), app[keys.SERVICES].clock
    )


async def add_user(app: Any, email: str, role: str, password: str = PASSWORD) -> None:
    await auth_of(app).add_user(email, password, role, actor="test")


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


class Staff:
    """One support person in their own browser (own cookie jar)."""

    def __init__(self, client: TestClient, email: str) -> None:
        self.client = TestClient(client.server)  # a separate cookie jar on the same server
        self.email = email
        self.csrf = ""

    async def start(self) -> Staff:
        await self.client.start_server()
        return self

    async def close(self) -> None:
        await self.client.session.close()  # not client.close(): the server is shared

    async def try_login(self, password: str = PASSWORD, email: str | None = None) -> Any:
        form = await self.client.get("/support/login")
        token = re.search(r'name="login_csrf" value="([^"]+)"', await form.text())
        assert token
        return await self.client.post(
            "/support/login",
            data={"email": email or self.email, "password": password, "login_csrf": token.group(1)},
            allow_redirects=False,
        )

    async def login(self) -> Staff:
        response = await self.try_login()
        assert response.status == 303, await response.text()
        page = await self.client.get("/support/conversations")
        assert page.status == 200
        self.csrf = csrf_of(await page.text())
        return self

    async def get(self, path: str) -> tuple[int, str]:
        response = await self.client.get(path, allow_redirects=False)
        return response.status, await response.text()

    async def post(self, path: str, with_csrf: bool = True, **data: str) -> tuple[int, str, str]:
        if with_csrf:
            data.setdefault("csrf", self.csrf)
        response = await self.client.post(path, data=data, allow_redirects=False)
        return response.status, await response.text(), response.headers.get("Location", "")

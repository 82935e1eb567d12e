"""Sign in and sign out."""

from __future__ import annotations

import secrets

from aiohttp import web

from bot.support.accounts import Outcome, login_id_of, support_entry
from bot.support.web import (
    CONSOLE,
    COOKIE,
    COOKIE_PATH,
    LOGIN_CSRF_COOKIE,
    render,
    same_token,
    see_other,
    set_login_cookie,
    set_login_csrf,
    signed_in,
)

HOME = "/support/conversations"
REASONS = {"expired": "You were signed out after a while without activity. Please sign in again."}


def _safe_next(value: object) -> str:
    """Only a page of the console: never another site (open redirects)."""
    if (
        isinstance(value, str)
        and value.startswith("/support/")
        and not any(bad in value for bad in ("//", "\\", "\r", "\n"))
        and not value.startswith("/support/login")
    ):
        return value
    return HOME


def _form(
    request: web.Request, *, status: int = 200, error: str = "", email: str = ""
) -> web.Response:
    console = request.app[CONSOLE]
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "login.html",
        status=status,
        error=error,
        notice=REASONS.get(request.query.get("reason", ""), ""),
        email=email,
        next=_safe_next(request.query.get("next")),
        login_csrf=token,
    )
    set_login_csrf(response, console, token)
    return response


async def login_form(request: web.Request) -> web.Response:
    return _form(request)


async def login(request: web.Request) -> web.StreamResponse:
    console = request.app[CONSOLE]
    form = await request.post()
    email = str(form.get("email", ""))[:254]
    if not same_token(form.get("login_csrf"), request.cookies.get(LOGIN_CSRF_COOKIE)):
        await console.auth.store.audit(
            support_entry(None, "csrf_refused", console.clock.now(), route="login")
        )
        return _form(request, status=403, error="The form expired. Please try again.", email=email)
    result = await console.auth.sign_in(email, str(form.get("password", ""))[:1024])
    if result.outcome is Outcome.LOCKED:
        left = (result.locked_until or console.clock.now()) - console.clock.now()
        minutes = max(1, round(left.total_seconds() / 60))
        error = f"Too many failed attempts. This account is locked for {minutes} more minutes."
        return _form(request, status=429, error=error, email=email)
    if result.outcome is Outcome.WRONG or result.token is None:
        return _form(request, status=401, error="Email or password is not right.", email=email)
    response = see_other(_safe_next(form.get("next")))
    set_login_cookie(response, console, result.token)
    response.del_cookie(LOGIN_CSRF_COOKIE, path=COOKIE_PATH)
    return response


async def logout(request: web.Request) -> web.StreamResponse:
    console = request.app[CONSOLE]
    signed = signed_in(request)
    now = console.clock.now()
    token = request.cookies.get(COOKIE, "")
    await console.auth.store.end_login(
        login_id_of(token), now, support_entry(signed.user.email, "logout", now)
    )
    response = see_other("/support/login")
    response.del_cookie(COOKIE, path=COOKIE_PATH)
    return response

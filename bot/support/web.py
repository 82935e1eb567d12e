"""The console's plumbing: its services, page rendering, and the guard every request passes
(signed in, not idle too long, role allowed, CSRF token on every form that changes something)."""

from __future__ import annotations

import hmac
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from bot.app.settings import Settings
from bot.http.errors import ApiError
from bot.support.accounts import SupportAuth, login_id_of, support_entry
from bot.support.desk import SupportDesk
from bot.support.labels import ago, money, state_label
from bot.support.roles import allows
from domain.ports import Clock
from domain.support import SignedIn
from domain.support_ports import ConversationQueries

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
COOKIE = "storybook_support"
LOGIN_CSRF_COOKIE = "storybook_support_login"
COOKIE_PATH = "/support/"
TOUCH_EVERY = timedelta(seconds=60)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Route name -> the least role that may use it. A route missing here is refused to everyone
# but admins, so a new page is never open by accident.
PUBLIC = frozenset({"login", "login_form", "static"})
ROUTE_ROLES = {
    "home": "viewer",
    "logout": "viewer",
    "conversations": "viewer",
    "transcript": "viewer",
    "status": "viewer",
    "take_over": "agent",
    "hand_back": "agent",
    "reply": "agent",
    "note": "agent",
    "resend": "agent",
    "refund": "agent",
    "end_web_access": "agent",
    "file": "agent",
    "picture": "agent",
    "grant_regeneration": "agent",
    "regenerate": "agent",
    "profile": "agent",
    "print_queue": "viewer",
    "print_order": "viewer",
    "print_resubmit": "agent",
    "print_cancel": "agent",
    "print_refresh": "agent",
    "rejected": "viewer",  # the sender's number masked for viewers
    "users": "admin",
    "user_add": "admin",
    "user_change": "admin",
    "audit": "admin",
}


@dataclass(frozen=True, slots=True)
class Console:
    settings: Settings
    auth: SupportAuth
    queries: ConversationQueries
    desk: SupportDesk
    clock: Clock
    pages: Environment

    @property
    def secure_cookies(self) -> bool:
        return self.settings.public_base_url.startswith("https://")

    @property
    def idle(self) -> timedelta:
        return timedelta(hours=self.settings.support_session_idle_hours)


CONSOLE = web.AppKey("support_console", Console)
SIGNED_IN = web.RequestKey("support_signed_in", SignedIn)
WAITING = web.RequestKey("support_waiting", int)  # parents waiting for a person (top bar)


def make_pages() -> Environment:
    pages = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    pages.filters.update(state_label=state_label, money=money, chat_format=chat_format)
    return pages


_BOLD = re.compile(r"\*([^*\n]+)\*")
_ITALIC = re.compile(r"(?<![\w])_([^_\n]+)_(?![\w])")


def chat_format(text: str) -> Markup:
    """WhatsApp's *bold* and _italic_, as the parent saw them; everything else escaped."""
    safe = str(escape(text))
    marked = _ITALIC.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", safe))
    return Markup(marked)  # noqa: S704  (built from escaped text only)


def render(
    request: web.Request, template: str, *, status: int = 200, **values: Any
) -> web.Response:
    console = request.app[CONSOLE]
    signed = request.get(SIGNED_IN)
    now = console.clock.now()
    page = console.pages.get_template(template).render(
        me=signed.user if signed else None,
        csrf=signed.csrf_token if signed else "",
        now=now,
        ago=lambda when: ago(when, now),
        can=lambda needed: signed is not None and allows(signed.user.role, needed),
        waiting_count=request.get(WAITING, 0),
        static=lambda name: str(request.app.router["static"].url_for(filename=name)),
        **values,
    )
    return web.Response(
        text=page,
        status=status,
        content_type="text/html",
        headers={
            "Cache-Control": "no-store",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "same-origin",
            "Content-Security-Policy": (
                "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                "script-src 'self'; frame-ancestors 'none'; form-action 'self'"
            ),
        },
    )


def error_page(request: web.Request, status: int, message: str) -> web.Response:
    return render(request, "error.html", status=status, status_code=status, message=message)


def signed_in(request: web.Request) -> SignedIn:
    return request[SIGNED_IN]


def set_login_cookie(response: web.StreamResponse, console: Console, token: str) -> None:
    response.set_cookie(
        COOKIE,
        token,
        path=COOKIE_PATH,
        httponly=True,
        samesite="Lax",
        secure=console.secure_cookies,
    )


def set_login_csrf(response: web.StreamResponse, console: Console, token: str) -> None:
    """Double-submit token for the sign-in form (there is no login yet to keep it in)."""
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        path=COOKIE_PATH,
        httponly=True,
        samesite="Strict",
        secure=console.secure_cookies,
    )


def same_token(given: object, expected: str | None) -> bool:
    return (
        isinstance(given, str)
        and bool(expected)
        and hmac.compare_digest(given.encode(), (expected or "").encode())
    )


def _is_api(request: web.Request) -> bool:
    return request.path.startswith("/support/api/")


def _to_login(request: web.Request, reason: str | None = None) -> web.StreamResponse:
    if _is_api(request):
        raise ApiError(401, "Sign in to the support console first")
    target = request.path_qs if request.method == "GET" else "/support/conversations"
    query = {"next": target, **({"reason": reason} if reason else {})}
    location = request.app.router["login_form"].url_for().with_query(query)
    response = see_other(str(location))
    response.del_cookie(COOKIE, path=COOKIE_PATH)
    return response


def see_other(location: str) -> web.Response:
    """A redirect after a form (303: the browser follows it with GET)."""
    return web.Response(status=303, headers={"Location": location})


async def _current(request: web.Request, console: Console) -> SignedIn | str | None:
    """The live login, "expired" when it idled out, None when there is none."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    signed = await console.auth.store.signed_in(login_id_of(token))
    if signed is None:
        return None
    now = console.clock.now()
    if now - signed.last_seen_at > console.idle:
        audit = support_entry(signed.user.email, "session_expired", now)
        await console.auth.store.end_login(signed.login_id, now, audit)
        return "expired"
    if now - signed.last_seen_at > TOUCH_EVERY:
        await console.auth.store.touch(signed.login_id, now)
    return signed


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    console = request.app[CONSOLE]
    route = request.match_info.route
    name = route.name if request.match_info.http_exception is None else None
    if name in PUBLIC:
        return await handler(request)
    current = await _current(request, console)
    if not isinstance(current, SignedIn):
        return _to_login(request, current)
    request[SIGNED_IN] = current
    if request.match_info.http_exception is not None:
        return error_page(request, request.match_info.http_exception.status, "Nothing here.")
    refused = await _refusal(request, console, current, name)
    if refused is not None:
        return refused
    request[WAITING] = await console.queries.count_waiting()
    return await handler(request)


async def _refusal(
    request: web.Request, console: Console, signed: SignedIn, name: str | None
) -> web.StreamResponse | None:
    needed = ROUTE_ROLES.get(name or "", "admin")
    session_id = request.match_info.get("session_id")
    now = console.clock.now()
    if not allows(signed.user.role, needed):
        await console.auth.store.audit(
            support_entry(signed.user.email, "refused", now, session_id, route=name, role=needed)
        )
        if _is_api(request):
            raise ApiError(403, f"This needs the {needed} role")
        message = f"Your role ({signed.user.role}) cannot do this: it needs {needed}."
        return error_page(request, 403, message)
    if request.method == "POST":
        form = await request.post()
        if not same_token(form.get("csrf"), signed.csrf_token):
            await console.auth.store.audit(
                support_entry(signed.user.email, "csrf_refused", now, session_id, route=name)
            )
            return error_page(
                request, 403, "This form has expired. Go back, reload the page and try again."
            )
    return None

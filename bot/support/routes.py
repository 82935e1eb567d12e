"""The console's routes, mounted under /support/ as a sub-application with its own guard."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from bot.app import keys
from bot.channels.whatsapp.window import TemplateRef
from bot.support import (
    views,
    views_access,
    views_admin,
    views_auth,
    views_child,
    views_print,
    views_rejected,
)
from bot.support.accounts import SupportAuth
from bot.support.desk import SupportDesk
from bot.support.web import CONSOLE, HERE, Console, guard, make_pages
from storage.support_accounts import SqlAlchemySupportAccounts
from storage.support_notes import SqlAlchemySupportNotes
from storage.support_queries import SqlAlchemyConversationQueries

PREFIX = "/support/"


def _routes(console: web.Application) -> None:
    r = console.router
    r.add_get("/", views.home, name="home")
    r.add_get("/login", views_auth.login_form, name="login_form")
    r.add_post("/login", views_auth.login, name="login")
    r.add_post("/logout", views_auth.logout, name="logout")
    r.add_get("/conversations", views.conversations, name="conversations")
    r.add_get("/conversations/{session_id}", views.show, name="transcript")
    r.add_post("/conversations/{session_id}/take-over", views.take_over, name="take_over")
    r.add_post("/conversations/{session_id}/hand-back", views.hand_back, name="hand_back")
    r.add_post("/conversations/{session_id}/reply", views.reply, name="reply")
    r.add_post("/conversations/{session_id}/notes", views.note, name="note")
    r.add_post("/conversations/{session_id}/resend", views.resend, name="resend")
    r.add_post("/conversations/{session_id}/refund", views.refund, name="refund")
    r.add_post(
        "/conversations/{session_id}/end-web-access",
        views_access.end_web_access,
        name="end_web_access",
    )
    r.add_get("/conversations/{session_id}/files/{asset_id}", views.open_file, name="file")
    r.add_get(
        "/conversations/{session_id}/pictures/{asset_id}", views_child.picture, name="picture"
    )
    r.add_post(
        "/conversations/{session_id}/grant-regeneration",
        views_child.grant_regeneration,
        name="grant_regeneration",
    )
    r.add_post("/conversations/{session_id}/regenerate", views_child.regenerate, name="regenerate")
    r.add_post("/conversations/{session_id}/profile", views_child.edit_profile, name="profile")
    r.add_get("/api/conversations/{session_id}/status", views.status, name="status")
    views_print.add_routes(r)
    r.add_get("/rejected", views_rejected.rejected, name="rejected")
    r.add_get("/users", views_admin.users, name="users")
    r.add_post("/users", views_admin.user_add, name="user_add")
    r.add_post("/users/{email}", views_admin.user_change, name="user_change")
    r.add_get("/audit", views_admin.audit, name="audit")
    r.add_static("/static", HERE / "static", append_version=True, name="static")


def setup(app: web.Application) -> None:
    """Mount the console. Its services are built at start-up, after the runtime exists."""
    console = web.Application(middlewares=[guard])
    _routes(console)

    async def start(_: web.Application) -> None:
        settings = app[keys.SETTINGS]
        services, runtime = app[keys.SERVICES], app[keys.RUNTIME]
        accounts = SqlAlchemySupportAccounts(app[keys.SESSIONS], services.ids)
        queries = SqlAlchemyConversationQueries(app[keys.SESSIONS])
        console[CONSOLE] = Console(
            settings=settings,
            auth=SupportAuth(
                accounts,
                services.clock,
                max_attempts=settings.support_lockout_attempts,
                lockout=timedelta(minutes=settings.support_lockout_minutes),
            ),
            queries=queries,
            desk=SupportDesk(
                runtime.turns,
                queries,
                SqlAlchemySupportNotes(app[keys.SESSIONS]),
                services.clock,
                TemplateRef.parse(settings.whatsapp_template_update),
                runtime.payment_webhooks,
                services.books,
                services.profiles,
            ),
            clock=services.clock,
            pages=make_pages(),
        )

    console.on_startup.append(start)
    app.add_subapp(PREFIX, console)
    app.router.add_get("/support", _to_console)


async def _to_console(_: web.Request) -> web.StreamResponse:
    raise web.HTTPPermanentRedirect(PREFIX)

"""Admins: support people (add, change role, disable) and the audit log."""

from __future__ import annotations

from aiohttp import web

from bot.support.roles import ROLES
from bot.support.web import CONSOLE, render, see_other, signed_in
from domain.errors import Conflict, ValidationFailed

AUDIT_PAGE_SIZE = 50
NOTICES = {"added": "Support user added.", "changed": "Support user changed."}


async def _users_page(
    request: web.Request, *, status: int = 200, error: str = "", email: str = ""
) -> web.Response:
    console = request.app[CONSOLE]
    return render(
        request,
        "users.html",
        status=status,
        users=await console.auth.store.all(),
        roles=ROLES,
        error=error,
        email=email,
        notice=NOTICES.get(request.query.get("done", ""), ""),
    )


async def users(request: web.Request) -> web.Response:
    return await _users_page(request)


async def user_add(request: web.Request) -> web.Response:
    form = await request.post()
    email = str(form.get("email", ""))
    try:
        await request.app[CONSOLE].auth.add_user(
            email,
            str(form.get("password", "")),
            str(form.get("role", "")),
            actor=signed_in(request).user.email,
        )
    except (ValidationFailed, Conflict) as exc:
        return await _users_page(request, status=422, error=str(exc), email=email)
    return see_other("/support/users?done=added")


async def user_change(request: web.Request) -> web.Response:
    console = request.app[CONSOLE]
    me = signed_in(request).user
    email = request.match_info["email"]
    form = await request.post()
    change = str(form.get("change", ""))
    if email.lower() == me.email.lower():
        return await _users_page(request, status=409, error="You cannot change your own account.")
    try:
        if change in ("disable", "enable"):
            found = await console.auth.set_disabled(email, change == "disable", me.email)
        else:
            found = await console.auth.set_role(email, str(form.get("role", "")), me.email)
    except ValidationFailed as exc:
        return await _users_page(request, status=422, error=str(exc))
    if not found:
        return await _users_page(request, status=404, error="There is no such support user.")
    return see_other("/support/users?done=changed")


async def audit(request: web.Request) -> web.Response:
    console = request.app[CONSOLE]
    q = request.query
    raw_page = q.get("page", "1")
    page = int(raw_page) if raw_page.isdigit() and int(raw_page) > 0 else 1
    actor, action, subject = (
        q.get("actor") or None,
        q.get("action") or None,
        q.get("subject") or None,
    )
    rows, more = await console.auth.store.audit_page(
        actor=actor, action=action, subject=subject, page=page, size=AUDIT_PAGE_SIZE
    )
    params = {k: v for k, v in q.items() if k != "page" and v}
    return render(
        request,
        "audit.html",
        rows=rows,
        page=page,
        more=more,
        params=params,
    )

"""What an agent changes in the child panel on the parent's behalf (one more regeneration, a
regeneration with the parent's words, the profile) and the panel's pictures. The rules live in
the domain services; these only parse forms."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.app import keys
from bot.support.accounts import support_entry
from bot.support.desk import SupportDesk
from bot.support.panels import LOOK_CHOICES, LOOK_FLAGS
from bot.support.views import run_action, session_or_404
from bot.support.web import CONSOLE, error_page, signed_in
from domain.looks import HeroLook
from domain.support import ChatSessionView


async def grant_regeneration(request: web.Request) -> web.Response:
    async def do(desk: SupportDesk, chat: ChatSessionView, agent: str, form: Any) -> None:
        await desk.grant_regeneration(chat, agent, str(form.get("book_id", "")))

    return await run_action(request, do, "granted")


async def regenerate(request: web.Request) -> web.Response:
    async def do(desk: SupportDesk, chat: ChatSessionView, agent: str, form: Any) -> None:
        book_id, words = str(form.get("book_id", "")), str(form.get("feedback", ""))
        await desk.regenerate(chat, agent, book_id, words)

    return await run_action(request, do, "regenerating")


async def edit_profile(request: web.Request) -> web.Response:
    async def do(desk: SupportDesk, chat: ChatSessionView, agent: str, form: Any) -> None:
        look: dict[str, object] = {k: str(form.get(k, "")) for k in LOOK_CHOICES}
        look.update({k: form.get(k) == "1" for k in LOOK_FLAGS})
        if not form.get("had_look") and look == HeroLook().to_json():
            look = {}  # no look chosen yet, and the agent did not pick one
        name, interests = str(form.get("name", "")), str(form.get("interests", ""))
        await desk.edit_profile(chat, agent, name, interests, look)

    return await run_action(request, do, "profile_edited")


async def picture(request: web.Request) -> web.StreamResponse:
    """A picture of this conversation's parent (the child's photo, a painted look), served
    here (never a public link) to signed-in agents, each view audited."""
    console = request.app[CONSOLE]
    chat = await session_or_404(request)
    services = request.config_dict[keys.SERVICES]
    asset_id = request.match_info["asset_id"]
    async with services.uow_factory() as uow:
        asset = await uow.assets.get(asset_id)
    if (
        chat is None
        or asset is None
        or asset.owner_user_id != chat.user_id
        or not asset.mime.startswith("image/")
    ):
        return error_page(request, 404, "This picture is not part of this conversation.")
    data = await services.assets.read(asset)
    await console.auth.store.audit(
        support_entry(
            signed_in(request).user.email,
            "picture_viewed",
            console.clock.now(),
            chat.id,
            asset_id=asset_id,
            kind=asset.kind,
        )
    )
    return web.Response(
        body=data,
        content_type=asset.mime,
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )

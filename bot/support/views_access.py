"""An agent ends a web chat's access: every token of the session stops working (the parent's
browser, and anyone who copied its link), its open chats close, and the parent's next visit
starts a fresh chat. For a parent who lost a device or shared a link by mistake."""

from __future__ import annotations

from aiohttp import web

from bot.app import keys
from bot.support.accounts import support_entry
from bot.support.web import CONSOLE, error_page, see_other, signed_in


async def end_web_access(request: web.Request) -> web.Response:
    console = request.app[CONSOLE]
    chat = await console.queries.session(request.match_info["session_id"])
    if chat is None:
        return error_page(request, 404, "There is no conversation with this id.")
    if chat.channel != "webchat":
        return error_page(request, 409, "Only a web chat has a browser to sign out.")
    agent = signed_in(request).user.email
    audit = support_entry(agent, "webchat_access_ended", console.clock.now(), chat.id)
    await request.config_dict[keys.RUNTIME].webchat.end_access(chat.id, audit)
    return see_other(f"/support/conversations/{chat.id}?done=access_ended")

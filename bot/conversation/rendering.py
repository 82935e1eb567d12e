"""Stored channel-neutral messages -> what a channel shows, with signed links for files."""

from __future__ import annotations

from typing import Any

from domain.conversation import HistoryItem
from domain.ports import FileLinks
from domain.repositories import UnitOfWorkFactory
from flows.messages import PROGRESS_TOPIC

LINK_TTL_SECONDS = 24 * 3600


def is_progress(body: dict[str, Any]) -> bool:
    return body.get("kind") == "text" and body.get("topic") == PROGRESS_TOPIC


def replaced_progress(previous_out: HistoryItem | None, body: dict[str, Any]) -> int | None:
    """A progress tick takes the place of the one before it, when nothing else came from the
    bot in between (the parent's own messages do not break the run): its message id."""
    if previous_out is not None and is_progress(body) and is_progress(previous_out.body):
        return previous_out.id
    return None


class MessageRenderer:
    def __init__(self, uow_factory: UnitOfWorkFactory, links: FileLinks) -> None:
        self._uow_factory = uow_factory
        self._links = links

    async def file_url(self, asset_id: str) -> str | None:
        async with self._uow_factory() as uow:
            asset = await uow.assets.get(asset_id)
        return None if asset is None else self._links.url_for(asset, LINK_TTL_SECONDS)

    async def render(self, body: dict[str, Any]) -> dict[str, Any]:
        """The web chat's wire form of an outbound message (DESIGN §4)."""
        kind = body["kind"]
        if kind not in ("document", "image"):
            return dict(body)
        url = await self.file_url(body["asset_id"])
        if url is None:  # erased or lost: say so rather than send a dead link
            return {"kind": "text", "text": "(This file is no longer available.)"}
        rendered = {k: v for k, v in body.items() if k != "asset_id"}
        rendered["url"] = url
        return rendered

    async def render_inbound(
        self, kind: str, body: dict[str, Any], titles: dict[str, str]
    ) -> dict[str, Any]:
        if kind == "choice":
            return {"kind": "choice", "id": body["id"], "title": titles.get(body["id"], "")}
        if kind == "image":
            return {"kind": "image", "url": await self.file_url(body["asset_id"]), "caption": ""}
        if kind == "text":
            return {"kind": "text", "text": body["text"]}
        return {"kind": "text", "text": f"({body.get('what', 'message')})"}

"""Stored channel-neutral messages -> what a channel shows, with signed links for files."""

from __future__ import annotations

from typing import Any

from domain.ports import FileLinks
from domain.repositories import UnitOfWorkFactory

LINK_TTL_SECONDS = 24 * 3600


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

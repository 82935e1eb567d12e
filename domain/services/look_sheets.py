"""The pictures of looks a parent picks from: painted in a job, kept as an image asset that
both channels can send (WhatsApp: an image, then a list)."""

from __future__ import annotations

from collections.abc import Sequence

from domain.looks import HeroLook
from domain.ports import LookPainter
from domain.services.assets import AssetStore


class LookSheets:
    def __init__(self, painter: LookPainter, assets: AssetStore) -> None:
        self._painter = painter
        self._assets = assets

    async def sheet(self, user_id: str, looks: Sequence[HeroLook]) -> str:
        jpeg = await self._painter.paint_looks(looks)
        asset = await self._assets.keep(
            jpeg, kind="illustration", mime="image/jpeg", owner_user_id=user_id
        )
        return asset.id

"""Gather a version's text and stored illustrations into what the PDF renderer needs."""

from __future__ import annotations

from domain.repositories import UnitOfWorkFactory
from domain.services.assets import AssetStore
from domain.story import BookLayout, BookText, IllustratedPage


async def load_layout(
    uow_factory: UnitOfWorkFactory,
    assets: AssetStore,
    text: BookText,
    image_ids: dict[str, str],
    *,
    child_name: str,
    author: str,
) -> BookLayout:
    async with uow_factory() as uow:
        stored = {key: await uow.assets.get(asset_id) for key, asset_id in image_ids.items()}

    async def jpeg(key: str) -> bytes:
        asset = stored.get(key)
        if asset is None:
            raise LookupError(f"illustration {key!r} is missing")
        return await assets.read(asset)

    pages = [
        IllustratedPage(page=p, image_jpeg=await jpeg(f"page-{p.number:02d}")) for p in text.pages
    ]
    return BookLayout(
        title=text.title,
        child_name=child_name,
        author=author,
        dedication=text.dedication,
        cover_image_jpeg=await jpeg("cover"),
        pages=tuple(pages),
        ending=text.ending,
    )

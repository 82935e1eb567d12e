"""Domain services wired to the OpenAI adapters and a fake OpenAI server, on SQLite."""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PIL import Image
from sqlalchemy import select

from adapters.local_blob_store import LocalBlobStore
from adapters.openai.client import OpenAIOptions, make_client
from adapters.openai.illustrator import OpenAIIllustrator
from adapters.openai.moderator import OpenAIModerator
from adapters.openai.writer import OpenAIStoryWriter
from adapters.pdf.renderer import ReportLabBookRenderer
from domain.generation import ImageModelPolicy
from domain.parents import Parent
from domain.profiles import ChildProfile, Pronouns
from domain.services.assets import AssetStore
from domain.services.book_generation import BookGenerator
from domain.services.books import BookService
from domain.services.moderation import ContentModeration
from domain.services.profiles import ProfileService
from domain.services.story_options import StoryOptionsService
from storage.db import create_engine, create_session_factory
from storage.tables import AIGenerationLogRow
from storage.uow import SqlAlchemyUnitOfWork
from support.fake_openai import API_KEY, FakeOpenAI

CHILD = ChildProfile(
    name="Ilsa", age=5, pronouns=Pronouns.SHE, interests=("space", "cats", "baking")
)


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def jpeg(size=(96, 128), colour=(90, 160, 220)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


@dataclass
class World:
    fake: FakeOpenAI
    sessions: Any
    uow: Any
    ids: Any
    client: Any
    writer: OpenAIStoryWriter
    illustrator: OpenAIIllustrator
    moderation: ContentModeration
    options: StoryOptionsService
    books: BookService
    generator: BookGenerator
    profiles: ProfileService
    assets: AssetStore

    async def logs(self) -> list[AIGenerationLogRow]:
        async with self.sessions() as s:
            return list(
                (
                    await s.execute(select(AIGenerationLogRow).order_by(AIGenerationLogRow.id))
                ).scalars()
            )

    async def save_child(self, child: ChildProfile = CHILD, photo: bytes | None = None) -> None:
        if photo is not None:
            asset = await self.assets.keep(
                photo, kind="photo", mime="image/jpeg", owner_user_id="p1"
            )
            child = ChildProfile(
                name=child.name, age=child.age, pronouns=child.pronouns,
                interests=child.interests, photo_asset_id=asset.id,
            )  # fmt: skip
        await self.profiles.save("p1", child)

    async def draft(self, dedication: str | None = "For Ilsa, with love") -> str:
        series = await self.options.new_series_round("p1")
        lines = await self.options.new_storyline_round(series[0].id)
        book = await self.books.create_draft("p1", lines[0].id, dedication)
        await self.books.start_generation(book.id)
        return book.id


async def build_world(
    fake: FakeOpenAI, base_url: str, db_url: str, tmp_path, **client_options: Any
) -> tuple[World, Any]:
    engine = create_engine(db_url)
    sessions = create_session_factory(engine)
    counter = itertools.count(1)
    clock = Clock()

    def ids() -> str:
        return f"{next(counter):032x}"

    def uow():
        return SqlAlchemyUnitOfWork(sessions, clock)

    async with uow() as u:
        await u.parents.add(Parent(id="p1", created_at=clock.now(), updated_at=clock.now()))
        await u.commit()
    options = {"timeout_seconds": 10.0, "max_retries": 2, **client_options}
    client = make_client(OpenAIOptions(api_key=API_KEY, base_url=base_url, **options))
    writer = OpenAIStoryWriter(client, "gpt-5-mini")
    illustrator = OpenAIIllustrator(client, "gpt-image-2", size="1024x1024", quality="low")
    moderation = ContentModeration(OpenAIModerator(client), uow)
    assets = AssetStore(uow, LocalBlobStore(tmp_path / "blobs"), clock, ids)
    generator = BookGenerator(
        uow, writer, illustrator, ReportLabBookRenderer(), assets,
        ImageModelPolicy(allow_offline=False), clock,
        image_px=320, moderation=moderation, portraits=illustrator,
    )  # fmt: skip
    world = World(
        fake=fake, sessions=sessions, uow=uow, ids=ids, client=client, writer=writer,
        illustrator=illustrator, moderation=moderation,
        options=StoryOptionsService(uow, writer, ids, moderation=moderation, ranker=writer),
        books=BookService(uow, clock, ids), generator=generator,
        profiles=ProfileService(uow, clock, ids), assets=assets,
    )  # fmt: skip
    return world, engine

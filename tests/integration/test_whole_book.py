"""A whole book for a sample child, offline writer and illustrator, at print resolution:
the domain services from profile to PAID to the final files, written out for people to open."""

from __future__ import annotations

import io
import itertools
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from adapters.local_blob_store import LocalBlobStore
from adapters.offline_writer import OfflineStoryWriter
from adapters.pdf.renderer import ReportLabBookRenderer
from adapters.pillow_illustrator import PillowIllustrator
from domain.books import BookStatus
from domain.generation import ImageModelPolicy
from domain.parents import Parent
from domain.profiles import ChildProfile, Pronouns
from domain.services.assets import AssetStore
from domain.services.book_finalize import BookFinalizer
from domain.services.book_generation import BookGenerator
from domain.services.books import BookService
from domain.services.profiles import ProfileService
from domain.services.story_options import StoryOptionsService
from storage.db import create_engine, create_session_factory
from storage.uow import SqlAlchemyUnitOfWork

OUT = Path(__file__).resolve().parents[1] / "out" / "books"


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@pytest.fixture
async def world(sqlite_db_url, tmp_path):
    engine = create_engine(sqlite_db_url)
    sessions = create_session_factory(engine)
    counter = itertools.count(1)

    def ids() -> str:
        return f"{next(counter):032x}"

    def uow():
        return SqlAlchemyUnitOfWork(sessions, Clock())

    async with uow() as u:
        await u.parents.add(Parent(id="p1", created_at=Clock().now(), updated_at=Clock().now()))
        await u.commit()
    yield uow, ids, tmp_path
    await engine.dispose()


async def test_a_whole_book_for_a_sample_child(world):
    uow, ids, tmp = world
    clock, writer, renderer = Clock(), OfflineStoryWriter(), ReportLabBookRenderer()
    assets = AssetStore(uow, LocalBlobStore(tmp / "blobs"), clock, ids)
    child = ChildProfile(
        name="Meera", age=5, pronouns=Pronouns.SHE, interests=("dinosaurs", "painting", "the sea")
    )
    await ProfileService(uow, clock, ids).save("p1", child)
    options = StoryOptionsService(uow, writer, ids)
    series = await options.new_series_round("p1")
    lines = await options.new_storyline_round(series[0].id)
    books = BookService(uow, clock, ids)
    book = await books.create_draft("p1", lines[2].id, "For Meera, our little explorer. Love, Papa")
    await books.start_generation(book.id)
    generator = BookGenerator(
        uow,
        writer,
        PillowIllustrator(),
        renderer,
        assets,
        ImageModelPolicy(allow_offline=True),
        clock,
    )
    progress = []

    async def note(p):
        progress.append((p.step, p.done, p.total))

    await generator.generate(book.id, note)
    assert ("illustrating", 12, 12) in progress
    await books.request_payment(book.id)
    await books.mark_paid(book.id)
    files = await BookFinalizer(uow, renderer, assets, clock).finalize(book.id)

    book = await books.get(book.id)
    assert book.status is BookStatus.FINAL_READY
    async with uow() as u:
        preview_asset = await u.assets.get(book.preview_pdf_id)
        final_asset = await u.assets.get(files.final_pdf_id)
        cover_asset = await u.assets.get(files.cover_pdf_id)
        logs = await u.generation_logs.for_book(book.id)
    assert sorted({log.kind for log in logs}) == ["book_text", "image"]
    assert sum(log.kind == "image" for log in logs) == 13  # cover + 12 pages
    OUT.mkdir(parents=True, exist_ok=True)
    written = {}
    for asset in (preview_asset, final_asset, cover_asset):
        data = await assets.read(asset)
        path = OUT / asset.filename
        path.write_bytes(data)
        written[asset.kind] = path

    final = PdfReader(io.BytesIO(written["final"].read_bytes()))
    assert len(final.pages) % 4 == 0
    assert final.metadata.title and "Meera" in (final.metadata.author or "") + final.metadata.title
    text = "".join(page.extract_text() for page in final.pages)
    assert text.count("Meera") >= 8 and "Love, Papa" in text
    preview = PdfReader(io.BytesIO(written["preview"].read_bytes()))
    assert len(preview.pages) == len(final.pages)
    if shutil.which("qpdf"):
        for path in written.values():
            subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)

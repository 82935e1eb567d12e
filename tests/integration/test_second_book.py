"""A second book for the same child, even from the very same series and storyline, is not the
first one again: the generator hands the writer the child's earlier books."""

from __future__ import annotations

from test_whole_book import Clock, world  # noqa: F401  (the fixture)

from adapters.local_blob_store import LocalBlobStore
from adapters.offline_writer import OfflineStoryWriter
from adapters.offline_writer.plot import find_plot, theme_for_series
from adapters.offline_writer.text import LONG_SENTENCE, sentences_of
from adapters.pdf.renderer import ReportLabBookRenderer
from adapters.pillow_illustrator import PillowIllustrator
from domain.generation import ImageModelPolicy
from domain.looks import HeroLook
from domain.profiles import ChildProfile, Pronouns
from domain.services.assets import AssetStore
from domain.services.book_generation import BookGenerator
from domain.services.books import BookService
from domain.services.profiles import ProfileService
from domain.services.story_options import StoryOptionsService
from domain.story_codec import book_text_from_dict


async def test_the_second_book_shares_no_long_sentence_with_the_first(world):  # noqa: F811
    uow, ids, tmp = world
    clock, writer = Clock(), OfflineStoryWriter()
    look = HeroLook(skin="brown", hair_style="long", hair_colour="black")
    child = ChildProfile(
        name="Zoya",
        age=5,
        pronouns=Pronouns.SHE,
        interests=("elephants", "baking", "her little brother Arjun"),
        look=look,
    )
    await ProfileService(uow, clock, ids).save("p1", child)
    options = StoryOptionsService(uow, writer, ids)
    series = await options.new_series_round("p1")
    lines = await options.new_storyline_round(series[0].id)
    books = BookService(uow, clock, ids)
    generator = BookGenerator(
        uow,
        writer,
        PillowIllustrator(),
        ReportLabBookRenderer(),
        AssetStore(uow, LocalBlobStore(tmp / "blobs"), clock, ids),
        ImageModelPolicy(allow_offline=True),
        clock,
        image_px=96,
    )
    texts = []
    for _ in range(2):  # the same storyline twice: the worst case for repetition
        book = await books.create_draft("p1", lines[0].id, None)
        await books.start_generation(book.id)
        version = await generator.generate(book.id)
        texts.append(book_text_from_dict(version.text))
    first, second = (
        {s for p in t.pages for s in sentences_of(p.text) if len(s.split()) >= LONG_SENTENCE}
        for t in texts
    )
    assert first and second and not first & second
    # Both drew the look the parent chose.
    assert all(t.character.hair_style == "long" for t in texts)
    assert all("long straight black hair" in t.character.description for t in texts)


async def test_a_new_book_is_offered_other_plot_shapes(world):  # noqa: F811
    """After a book, the storylines offered for the next one start with plots it did not use."""
    uow, ids, _ = world
    clock, writer = Clock(), OfflineStoryWriter()
    child = ChildProfile(name="Ivo", age=6, pronouns=Pronouns.HE, interests=("trains",))
    await ProfileService(uow, clock, ids).save("p1", child)
    options = StoryOptionsService(uow, writer, ids)
    series = await options.new_series_round("p1")
    lines = await options.new_storyline_round(series[0].id)
    await BookService(uow, clock, ids).create_draft("p1", lines[0].id, None)
    theme = theme_for_series(series[0].idea)
    first = find_plot(child, theme, lines[0].idea).quest.key
    again = await options.new_storyline_round(series[0].id)  # the same series, a new book
    quests = [find_plot(child, theme, line.idea).quest.key for line in again]
    assert first not in quests and len(set(quests)) == 5

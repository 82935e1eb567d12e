"""A regeneration follows the parent's words where the offline writer can: shorter or longer
pages, a calmer or funnier tone, another ending, a person or an animal added."""

from __future__ import annotations

from adapters.offline_writer import OfflineStoryWriter
from domain.feedback import Wishes, read_wishes
from domain.profiles import ChildProfile, Pronouns
from domain.story import BookText

CHILD = ChildProfile(name="Zoya", age=6, pronouns=Pronouns.SHE, interests=("space", "baking"))


def test_the_wishes_a_parent_can_ask_for_are_read():
    assert read_wishes("Can it be shorter and a bit funnier?") == Wishes(shorter=True, funnier=True)
    assert read_wishes("a calmer story with a different ending") == Wishes(
        calmer=True, new_ending=True
    )
    wishes = read_wishes("Please add her cousin Maya and a puppy")
    assert wishes.people == ("her cousin Maya",) and wishes.animals == ("puppy",)
    assert read_wishes("more dragons!").animals == ("dragon",)
    assert read_wishes("make it better please").empty
    assert read_wishes("longer please").described() == ["longer pages"]


async def version(feedback: str | None, number: int = 2) -> BookText:
    writer = OfflineStoryWriter()
    series = (await writer.write_series(CHILD, 1, []))[0]
    storyline = (await writer.write_storylines(CHILD, series, 1))[0]
    return await writer.write_book(
        CHILD, series, storyline, None, version=number, feedback=feedback
    )


def words(book: BookText) -> int:
    return sum(len(p.text.split()) for p in book.pages)


async def test_shorter_and_longer_change_the_length():
    plain = await version(None)
    assert words(await version("shorter please")) < words(plain) * 0.8
    assert words(await version("longer, with more detail")) > words(plain) * 1.1


async def test_a_funnier_or_calmer_tone_is_in_the_words():
    funny = " ".join(p.text for p in (await version("make it funnier")).pages)
    calm = " ".join(p.text for p in (await version("calmer for bedtime")).pages)
    assert "laughing" in funny and "giggled" in funny
    assert "lullaby" in calm and "gentle" in calm


async def test_another_ending_is_another_ending():
    first = await version(None, 1)
    other = await version("a different ending", 2)
    assert other.ending != first.ending and other.pages[-1].text != first.pages[-1].text


async def test_a_person_and_an_animal_join_the_story_and_the_pictures():
    book = await version("add her cousin Maya, and a puppy")
    story = " ".join(p.text for p in book.pages)
    assert "Maya" in story and "puppy" in story
    companions = {c for p in book.pages for c in p.scene.companions}
    assert {"child:Maya", "puppy"} <= companions

"""The offline story writer: five good options every time, and books that fit the child."""

from __future__ import annotations

import hashlib
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.offline_writer import OfflineStoryWriter
from domain.ports import StoryWriter
from domain.profiles import ChildProfile, Pronouns
from domain.story import STORY_PAGES, BookText, SeriesIdea, StorylineIdea

ROOT = Path(__file__).resolve().parents[2]
# Invented names only, in several scripts; the last is exactly 40 code points.
NAMES = (
    "Mia",
    "आरव",
    "Mia 🦄",
    "小明",
    "Zoë",
    "Olu",
    "Ananya",
    "Sam",
    "Ева",
    "محمد",
    "🦖 Rex",
    "Isabella-Rose",
    "Jo",
    "Maria José Fernanda de los Santos",
    "Aleksandra Wiśniewska-Kowalczyk Nowakowa",
)
INTERESTS = (
    "rockets",
    "dinosaurs",
    "Dancing",
    "football",
    "Peppa Pig",
    "drawing horses",
    "Lego",
    "baking cakes",
    "trains",
    "the colour purple",
    "swimming",
    "unicorns",
    "cats",
    "music",
    "Spider-Man",
    "volcanoes and lava",
    "ice cream",
    "knights",
    "pirates",
    "snow",
    "reading",
    "collecting shiny pebbles in the park",
)
WRONG_PRONOUNS = {
    Pronouns.SHE: r"\b(he|him|his|himself)\b",
    Pronouns.HE: r"\b(she|her|hers|herself)\b",
    Pronouns.THEY: r"\b(he|him|his|himself|she|her|hers|herself)\b",
}
BAD_AGREEMENT = r"\b(they|They) (is|was|has|does)\b"


def word_band(age: int) -> tuple[int, int]:
    if age <= 4:
        return 20, 40
    if age <= 8:
        return 40, 80
    return 80, 120


def _profiles(count: int, seed: int) -> list[ChildProfile]:
    rng = random.Random(seed)
    pronouns = list(Pronouns)
    return [
        ChildProfile(
            name=rng.choice(NAMES),
            age=rng.randint(1, 12),
            pronouns=pronouns[i % 3],
            interests=tuple(rng.sample(INTERESTS, rng.randint(1, 5))),
        )
        for i in range(count)
    ]


PROFILES = _profiles(50, seed=20240611)


@pytest.fixture
def writer() -> OfflineStoryWriter:
    return OfflineStoryWriter()


def _check_series(ideas: list[SeriesIdea]) -> None:
    assert len(ideas) == 5
    assert len({s.title for s in ideas}) == 5
    assert len({s.theme for s in ideas}) == 5
    for idea in ideas:
        assert 1 <= len(idea.title) <= 24, idea.title
        assert 1 <= len(idea.hook) <= 72, idea.hook


def _check_storylines(ideas: list[StorylineIdea]) -> None:
    assert len(ideas) == 5
    assert len({s.title for s in ideas}) == 5
    for idea in ideas:
        assert 1 <= len(idea.title) <= 24, idea.title
        assert 1 <= len(idea.hook) <= 72, idea.hook


HOME_ROOMS = ("kitchen", "living room", "garden")  # page 1: the room itself is the picture


def _check_book(book: BookText, child: ChildProfile) -> None:
    assert len(book.pages) == STORY_PAGES
    assert [p.number for p in book.pages] == list(range(1, 13))
    low, high = word_band(child.age)
    named = 0
    for page in book.pages:
        words = len(page.text.split())
        assert low <= words <= high, (child.age, words, page.text)
        named += child.name in page.text
        assert not re.search(WRONG_PRONOUNS[child.pronouns], page.text, re.IGNORECASE), page.text
        assert not re.search(BAD_AGREEMENT, page.text), page.text
        assert "{" not in page.text and "}" not in page.text
        # Every page says where it is and what the hero does; things are drawn only when
        # the words name them, so a page may have companions and no objects.
        assert page.scene.setting and page.scene.mood and page.scene.place and page.scene.action
        assert page.scene.objects or page.scene.companions or page.scene.place in HOME_ROOMS
        assert child.name not in page.illustration_prompt  # the AI illustrator needs no name
    assert named >= 8
    text = " ".join(p.text for p in book.pages)
    own = {Pronouns.SHE: "she|her", Pronouns.HE: "he|him|his", Pronouns.THEY: "they|them|their"}
    assert re.search(rf"\b({own[child.pronouns]})\b", text, re.IGNORECASE)
    assert book.ending.strip()
    assert book.title.strip()


@pytest.mark.parametrize("child", PROFILES, ids=lambda c: f"{c.age}-{c.pronouns.value}")
async def test_random_profiles_get_five_options_and_a_fitting_book(
    writer: OfflineStoryWriter, child: ChildProfile
) -> None:
    series = await writer.write_series(child, 1, [])
    _check_series(series)
    hooks = " ".join(s.hook for s in series).lower()
    for interest in child.interests:
        assert interest.lower() in hooks, (interest, [s.hook for s in series])

    chosen = series[len(child.name) % 5]
    storylines = await writer.write_storylines(child, chosen, 1)
    _check_storylines(storylines)

    book = await writer.write_book(child, chosen, storylines[child.age % 5], "For you, with love")
    _check_book(book, child)
    assert book.dedication == "For you, with love"


async def test_same_inputs_give_the_same_words(writer: OfflineStoryWriter) -> None:
    child = ChildProfile(name="आरव", age=6, pronouns=Pronouns.HE, interests=("rockets", "cats"))
    other = OfflineStoryWriter()
    series = await writer.write_series(child, 1, [])
    assert series == await other.write_series(child, 1, [])
    lines = await writer.write_storylines(child, series[2], 1)
    assert lines == await other.write_storylines(child, series[2], 1)
    book = await writer.write_book(child, series[2], lines[3], None)
    assert book == await other.write_book(child, series[2], lines[3], None)


def test_output_does_not_depend_on_the_process_hash_seed() -> None:
    script = (
        "import asyncio, hashlib\n"
        "from adapters.offline_writer import OfflineStoryWriter\n"
        "from domain.profiles import ChildProfile, Pronouns\n"
        "async def main():\n"
        "    w = OfflineStoryWriter()\n"
        "    c = ChildProfile(name='Mia', age=7, pronouns=Pronouns.THEY, interests=('snow',))\n"
        "    s = await w.write_series(c, 1, [])\n"
        "    b = await w.write_book(c, s[0], (await w.write_storylines(c, s[0], 1))[0], None)\n"
        "    print(hashlib.sha256(repr((s, b)).encode()).hexdigest())\n"
        "asyncio.run(main())\n"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        digests.add(out.stdout.strip())
    assert len(digests) == 1


async def test_next_round_honours_avoid_themes(writer: OfflineStoryWriter) -> None:
    for child in PROFILES[:10]:
        first = await writer.write_series(child, 1, [])
        second = await writer.write_series(child, 2, [s.theme for s in first])
        _check_series(second)
        assert not {s.theme for s in first} & {s.theme for s in second}
        third = await writer.write_series(child, 3, [s.theme for s in first + second])
        _check_series(third)
        assert not {s.theme for s in first + second} & {s.theme for s in third}


async def test_a_later_round_moves_on_even_without_avoid_themes(writer: OfflineStoryWriter) -> None:
    child = PROFILES[0]
    first = {s.theme for s in await writer.write_series(child, 1, [])}
    second = {s.theme for s in await writer.write_series(child, 2, [])}
    assert first != second


async def test_when_every_theme_was_offered_there_are_still_five(
    writer: OfflineStoryWriter,
) -> None:
    child = PROFILES[1]
    offered: list[str] = []
    for round_no in range(1, 6):
        ideas = await writer.write_series(child, round_no, offered)
        _check_series(ideas)
        offered += [s.theme for s in ideas]


async def test_interests_lead_to_matching_themes(writer: OfflineStoryWriter) -> None:
    child = ChildProfile(
        name="Kai", age=5, pronouns=Pronouns.THEY, interests=("rockets", "T-rex", "baking")
    )
    themes = {s.theme for s in await writer.write_series(child, 1, [])}
    assert {"space", "dinosaurs", "baking"} <= themes


async def test_storylines_of_a_new_round_differ(writer: OfflineStoryWriter) -> None:
    child = PROFILES[2]
    series = (await writer.write_series(child, 1, []))[0]
    first = await writer.write_storylines(child, series, 1)
    second = await writer.write_storylines(child, series, 2)
    _check_storylines(second)
    assert {s.title for s in first} != {s.title for s in second}


async def test_the_hero_looks_the_same_in_every_book(writer: OfflineStoryWriter) -> None:
    child = ChildProfile(name="Mia 🦄", age=3, pronouns=Pronouns.SHE, interests=("unicorns",))
    series = await writer.write_series(child, 1, [])
    looks = set()
    for idea in series[:3]:
        line = (await writer.write_storylines(child, idea, 1))[0]
        looks.add((await writer.write_book(child, idea, line, None)).character)
    assert len(looks) == 1
    look = looks.pop()
    for colour in (look.skin_tone, look.hair_colour, look.outfit_colour, look.accent_colour):
        assert re.fullmatch(r"#[0-9a-f]{6}", colour)


async def test_book_for_a_series_from_another_writer(writer: OfflineStoryWriter) -> None:
    child = ChildProfile(name="Leo", age=10, pronouns=Pronouns.HE, interests=("volcanoes",))
    series = SeriesIdea(title="Lava Land", hook="Leo explores bubbling volcanoes.", theme="lava")
    line = StorylineIdea(title="The Hot Spring", hook="Leo finds a secret spring.")
    book = await writer.write_book(child, series, line, None)
    _check_book(book, child)
    assert book.title == "Leo and the Hot Spring"


@pytest.mark.parametrize(
    ("pronouns", "phrase"),
    [(Pronouns.SHE, "she"), (Pronouns.HE, "he"), (Pronouns.THEY, "they")],
)
async def test_each_pronoun_reads_right(
    writer: OfflineStoryWriter, pronouns: Pronouns, phrase: str
) -> None:
    child = ChildProfile(name="Ari", age=7, pronouns=pronouns, interests=("trains",))
    series = await writer.write_series(child, 1, [])
    for idea in series:
        for line in await writer.write_storylines(child, idea, 1):
            book = await writer.write_book(child, idea, line, None)
            _check_book(book, child)
            text = " ".join(p.text for p in book.pages)
            assert re.search(rf"\b{phrase}\b", text, re.IGNORECASE)


def test_it_is_a_story_writer() -> None:
    writer: StoryWriter = OfflineStoryWriter()
    assert writer.model == "offline-writer-1"
    assert writer.prompt_version == "offline-v1"


async def test_books_are_not_one_template(writer: OfflineStoryWriter) -> None:
    """Two themes share few sentences: the words come from the world, not a fill-in form."""
    child = ChildProfile(name="Ada", age=9, pronouns=Pronouns.SHE, interests=("snow", "robots"))
    series = await writer.write_series(child, 1, [])
    books = []
    for idea in series[:2]:
        line = (await writer.write_storylines(child, idea, 1))[0]
        books.append(await writer.write_book(child, idea, line, None))
    sentences = [{s for p in b.pages for s in re.split(r"(?<=[.!?”])\s+", p.text)} for b in books]
    shared = sentences[0] & sentences[1]
    assert len(shared) <= len(sentences[0]) // 5, shared
    assert (
        hashlib.sha256(repr(books[0]).encode()).digest()
        != hashlib.sha256(repr(books[1]).encode()).digest()
    )

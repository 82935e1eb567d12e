"""A child's books never repeat each other: ten successive books share no sentence of eight
words or more (the writer is handed the earlier books' pages, as the generator does)."""

from __future__ import annotations

import pytest
from support.shared_sentences import longest_shared

from adapters.offline_writer import OfflineStoryWriter
from adapters.offline_writer.text import LONG_SENTENCE, band_for_age, words
from domain.book_rules import book_problems
from domain.profiles import ChildProfile, Pronouns
from domain.story import BookText


async def ten_books(child: ChildProfile) -> list[BookText]:
    """A parent making ten books in a row: a new series round each time (earlier themes
    avoided, as the service does), varied picks, the earlier books handed to the writer."""
    writer, offered, books = OfflineStoryWriter(), [], []
    for k in range(1, 11):
        series_round = await writer.write_series(child, k, offered)
        offered += [s.theme for s in series_round]
        series = series_round[k % 5]
        storyline = (await writer.write_storylines(child, series, 1))[(3 * k) % 5]
        earlier = [p.text for b in books for p in b.pages] + [b.ending for b in books]
        books.append(await writer.write_book(child, series, storyline, None, earlier=earlier))
    return books


@pytest.mark.parametrize(
    ("age", "pronouns", "interests"),
    [
        (3, Pronouns.HE, ("trains", "dogs")),
        (5, Pronouns.SHE, ("elephants", "baking", "her little brother Arjun")),
        (8, Pronouns.THEY, ("space", "football", "drawing")),
        (11, Pronouns.SHE, ("dinosaurs",)),
    ],
)
async def test_ten_books_of_one_child_share_no_long_sentence(age, pronouns, interests):
    child = ChildProfile(name="Zoya", age=age, pronouns=pronouns, interests=interests)
    books = await ten_books(child)
    shared, sentence = longest_shared(books)
    assert shared < LONG_SENTENCE, sentence
    for book in books:  # every book still keeps the rules (word bands, the hero named...)
        assert book_problems(book, child) == []
    # and the tenth is as full as the first: no page thins out as the child's books add up
    band = band_for_age(age)
    for k, book in enumerate(books, start=1):
        counts = [words(p.text) for p in book.pages]
        assert min(counts) >= band.low, (k, counts)
        assert sum(counts) >= 0.85 * sum(words(p.text) for p in books[0].pages), (k, counts)


async def test_without_earlier_books_the_same_book_comes_back():
    """The avoidance is what makes them differ: the same inputs still give the same book."""
    child = ChildProfile(name="Ivo", age=6, pronouns=Pronouns.HE, interests=("pirates",))
    writer = OfflineStoryWriter()
    series = (await writer.write_series(child, 1, []))[0]
    storyline = (await writer.write_storylines(child, series, 1))[0]
    first = await writer.write_book(child, series, storyline, None)
    again = await writer.write_book(child, series, storyline, None)
    assert first == again
    anew = await writer.write_book(
        child, series, storyline, None, earlier=[*(p.text for p in first.pages), first.ending]
    )
    assert longest_shared([first, anew])[0] < LONG_SENTENCE


async def test_a_storyline_told_again_has_another_friend_and_another_shape():
    """The same storyline picked again by the same child: another friend comes calling, the
    adventure's events come in another order, and no long sentence is shared."""
    child = ChildProfile(
        name="Zoya", age=5, pronouns=Pronouns.SHE, interests=("elephants", "baking", "Arjun")
    )
    writer = OfflineStoryWriter()
    series = (await writer.write_series(child, 1, []))[0]
    storyline = (await writer.write_storylines(child, series, 1))[0]
    books: list[BookText] = []
    for _ in range(3):
        earlier = [t for b in books for t in (*(p.text for p in b.pages), b.ending)]
        books.append(await writer.write_book(child, series, storyline, None, earlier=earlier))
    guides = [next(c for c in b.pages[2].scene.companions if c.startswith("guide:")) for b in books]
    assert len(set(guides)) == 3, guides
    shapes = [tuple((p.scene.mood, p.scene.action) for p in b.pages[3:7]) for b in books]
    assert len(set(shapes)) == 3, shapes
    assert longest_shared(books)[0] < LONG_SENTENCE
    for book in books:
        assert book_problems(book, child) == []

"""The longest sentence two books of one child have in common (the no-repeat rule's measure)."""

from __future__ import annotations

import itertools

from adapters.offline_writer.text import sentences_of
from domain.story import BookText


def longest_shared(books: list[BookText]) -> tuple[int, str]:
    best = (0, "")
    for a, b in itertools.combinations(books, 2):
        said_a = {s for p in a.pages for s in sentences_of(p.text)} | set(sentences_of(a.ending))
        said_b = {s for p in b.pages for s in sentences_of(p.text)} | set(sentences_of(b.ending))
        for sentence in said_a & said_b:
            best = max(best, (len(sentence.split()), sentence))
    return best

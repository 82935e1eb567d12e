"""What a written book must be before it is illustrated: 12 numbered pages, the hero named,
and no more words than a child of that age is read in one sitting."""

from __future__ import annotations

from domain.profiles import ChildProfile, clean_text
from domain.story import STORY_PAGES, BookText

# Whole-book word budgets by age (picture-book norms: ~200-400 words for toddlers, up to
# ~1500 for confident readers), for the 12 story pages together.
_BUDGETS = ((3, 450), (5, 850), (7, 1200), (9, 1600), (12, 2000))
NAME_PAGES_MIN = 3  # the hero is named on page 1 and on at least this many pages
# A writer may set D'Arcy as D’Arcy (typography) or Anne-Marie with a true hyphen: still named.
_SAME_MARK = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"}
)


def word_budget(age: int) -> int:
    return next(limit for top, limit in _BUDGETS if age <= top)


def page_word_limit(age: int) -> int:
    return word_budget(age) // 6  # no page carries more than about twice its share


def count_words(text: str) -> int:
    return len(clean_text(text).split())


def book_problems(text: BookText, child: ChildProfile) -> list[str]:
    """Why a written book cannot be used; empty when it can."""
    problems: list[str] = []
    numbers = [p.number for p in text.pages]
    if numbers != list(range(1, STORY_PAGES + 1)):
        problems.append(f"expected pages 1..{STORY_PAGES} in order, got {len(numbers)} pages")
    if not clean_text(text.title):
        problems.append("the book has no title")
    if not clean_text(text.character.description):
        problems.append("the character sheet is empty")
    budget, page_limit = word_budget(child.age), page_word_limit(child.age)
    total = sum(count_words(p.text) for p in text.pages)
    if total > budget:
        problems.append(f"{total} words, over the budget of {budget} for age {child.age}")
    for page in text.pages:
        words = count_words(page.text)
        if words == 0 or not clean_text(page.illustration_prompt):
            problems.append(f"page {page.number} has no text or no illustration prompt")
        elif words > page_limit:
            problems.append(f"page {page.number} has {words} words, over {page_limit}")
    name = _folded(child.name)
    named = [p.number for p in text.pages if name in _folded(p.text)]
    if 1 not in named or len(named) < NAME_PAGES_MIN:
        problems.append(
            f"the hero is named on pages {named or 'none'}; needs page 1 and "
            f"{NAME_PAGES_MIN} pages at least"
        )
    return problems


def _folded(text: str) -> str:
    return clean_text(text).casefold().translate(_SAME_MARK)

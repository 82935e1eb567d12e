"""'Surprise me': pick the option that best fits the child's interests, and say why in one line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from domain.options import SeriesOption
from domain.profiles import ChildProfile


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 2}


def surprise_pick(child: ChildProfile, options: Sequence[SeriesOption]) -> tuple[SeriesOption, str]:
    def score(option: SeriesOption) -> tuple[int, int]:
        text = _words(f"{option.idea.title} {option.idea.hook} {option.idea.theme}")
        hits = sum(1 for interest in child.interests if _words(interest) & text)
        return hits, -option.position

    best = max(options, key=score)
    text = _words(f"{best.idea.title} {best.idea.hook} {best.idea.theme}")
    matched = [i for i in child.interests if _words(i) & text]
    if matched:
        reason = f"It's full of {matched[0]}, and {child.name} loves {matched[0]}."
    else:
        reason = f"It's a fresh adventure with a hero just like {child.name}."
    return best, reason

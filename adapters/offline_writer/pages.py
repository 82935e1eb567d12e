"""Plans for the 12 story pages: beginning (1-3), problem (4-8), resolution (9-12).

A plan is a list of (template, level) sentences plus what the picture shows; book.py renders
it for the hero and fits it to the age's word band.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from adapters.offline_writer import beats, beats_end
from adapters.offline_writer.plot import Plot
from adapters.offline_writer.quests import Beat
from adapters.offline_writer.themes import Line, Theme
from adapters.offline_writer.themes_detail import DETAILS

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PagePlan:
    sentences: tuple[tuple[str, int], ...]
    mood: str
    setting: str
    time_of_day: str
    action: str
    objects: tuple[str, ...]
    keep_last: bool = False  # the last sentence closes the page ("Goodnight, Mia.")
    # Filled in by cast.py: where the page happens, the hero's pose, who else is there.
    place: str = ""
    pose: str = ""
    companions: tuple[str, ...] = ()


@dataclass(slots=True)
class Planner:
    theme: Theme
    plot: Plot
    rng: random.Random
    young: bool  # ages 1-4 hear the short register
    interest_icon: str
    two_interests: bool
    # The order of the adventure's events (SHAPES); a retold storyline takes another one.
    shape: int = 0
    # True for a template whose words an earlier book of this child already used.
    stale: Callable[[str], bool] = field(default=lambda _template: False)
    _used: set[str] = field(default_factory=set)
    # long register -> short register, a plainer way to say it when the long one was used
    shorter: dict[str, str] = field(default_factory=dict)

    def core(self, one: Line) -> str:
        if not self.young and one.short != one.long:
            self.shorter[one.long] = one.short
        return one.short if self.young else one.long

    def pick(self, options: Sequence[T]) -> T:
        """A choice not yet used in this book (so no line repeats) nor in an earlier one."""
        unused = [o for o in options if repr(o) not in self._used]
        fresh = [o for o in unused if not self.stale(self._text(o))] or unused or list(options)
        chosen = self.rng.choice(fresh)
        self._used.add(repr(chosen))
        return chosen

    def _text(self, option: object) -> str:
        return self.core(option) if isinstance(option, Line) else str(option)

    def noun(self, token: str) -> str:
        return {
            "item": self.plot.item[1],
            "place": self.plot.place.noun,
            "place2": self.plot.place2.noun,
            "little": self.theme.little[1],
            "guide": self.theme.guide_noun,
        }.get(token, token)

    def world_page(
        self,
        sentences: list[tuple[str, int]],
        mood: str,
        action: str,
        nouns: Sequence[str],
        time_of_day: str = "",
    ) -> PagePlan:
        # The story's own nouns first, then the world's scenery so no picture is bare.
        scenery = [self.plot.place.noun, self.theme.icon, *(p.noun for p in self.theme.places)]
        scenery += [one.noun for one in (*self.theme.sights, *self.theme.obstacles)]
        self.rng.shuffle(scenery)
        return _plan(
            sentences,
            mood,
            self.theme.setting,
            time_of_day or self.theme.time_of_day,
            action,
            [self.noun(n) for n in nouns] + scenery,
        )

    def quest_page(self, part: Beat, mood: str, extra: Sequence[tuple[str, int]] = ()) -> PagePlan:
        mood = part.mood or mood
        sentences = [(self.core(part.core), 0)]
        sentences += [(d, 1) for d in part.details]
        sentences += list(extra)
        sentences += [(r, 2) for r in part.rich]
        if mood in beats_end.RICH_FILLERS:
            sentences.append((self.pick(beats_end.RICH_FILLERS[mood]), 2))
        return self.world_page(sentences, mood, part.action, part.nouns, part.time_of_day)


def _time_in(text: str) -> str:
    for word in ("night", "evening", "morning"):
        if word in text.lower():
            return word
    return "day"


def _plan(
    sentences: Sequence[tuple[str, int]],
    mood: str,
    setting: str,
    time_of_day: str,
    action: str,
    nouns: Sequence[str],
    keep_last: bool = False,
) -> PagePlan:
    objects = tuple(dict.fromkeys(n for n in nouns if n))[:4]
    return PagePlan(tuple(sentences), mood, setting, time_of_day, action, objects, keep_last)


def plan_pages(p: Planner) -> list[PagePlan]:
    theme, quest = p.theme, p.plot.quest
    obstacle, other = p.rng.sample(theme.obstacles, 2)
    second_loves = p.pick(beats.ALSO_LOVES) if p.two_interests else p.pick(beats.HOME_RICH)
    home = _plan(
        [
            (p.core(p.pick(beats.OPENINGS)), 0),
            (p.core(p.pick(beats.LOVES)), 0),
            (p.core(theme.home), 0),
            (second_loves, 0 if p.two_interests else 1),
            (p.pick(beats.HOME_RICH), 2),
        ],
        "calm",
        "indoor",
        "morning",
        "at home on a sunny morning, playing and thinking about {interest}",
        (theme.home.noun, p.interest_icon, "book"),
    )
    call = _plan(
        [
            (p.core(theme.call), 0),
            (p.pick(beats.GREETINGS), 0),
            (p.pick(beats.WONDER), 2),
            (p.pick(beats.WONDER), 2),
            (p.pick(beats.WONDER), 2),
        ],
        "excited",
        "outdoor",
        _time_in(theme.call.short),
        "in the garden, meeting {guide_desc} for the first time",
        (theme.guide_noun, theme.call.noun, "flower"),
    )
    journey = p.world_page(
        [
            (p.core(theme.journey), 0),
            (p.core(theme.sights[0]), 0),
            (p.pick(beats.ON_THE_WAY), 1),
            (p.pick(DETAILS[theme.key]), 2),
            (p.pick(beats.AMAZED), 2),
            (p.pick(DETAILS[theme.key]), 2),
        ],
        "excited",
        "travelling into {world} with {guide_desc}",
        (theme.journey.noun, theme.sights[0].noun, "guide"),
    )
    two_troubles = p.shape % len(SHAPES) != 0
    trouble = p.world_page(
        [
            (p.core(obstacle), 0),
            (p.pick(beats.TROUBLE), 1),
            (p.pick(beats.BRAVE), 2),
            *([] if two_troubles else [(f"And that was not all. {other.long}", 2)]),
            (p.pick(beats.ONWARD), 2),
        ],
        "excited",
        "bravely facing a surprise on the way, with {guide_desc}",
        (obstacle.noun, "guide"),
    )
    trouble2 = None
    if two_troubles:
        trouble2 = p.world_page(
            [
                (p.core(other), 0),
                (p.pick(beats.TROUBLE), 1),
                (p.pick(beats.BRAVE), 2),
                (p.pick(beats.ONWARD), 2),
            ],
            "worried",
            "finding a way past another surprise, with {guide_desc}",
            (other.noun, "guide"),
        )
    idea = p.quest_page(quest.idea, "hopeful")
    idea = _plan(
        [
            (p.core(p.pick(beats.COURAGE)), 0),
            *idea.sentences[:1],
            (p.pick(beats.CHEER_ON), 1),
            (p.pick(beats.NEVER_GIVE_UP), 2),
            *idea.sentences[1:],
        ],
        idea.mood,
        idea.setting,
        idea.time_of_day,
        idea.action,
        (*idea.objects, p.interest_icon),
    )
    farewell = _plan(
        [
            (p.core(theme.keepsake), 0),
            (p.pick(beats_end.FAREWELL), 1),
            (p.pick(beats_end.HOMEWARD), 2),
            (p.pick(beats_end.HOMEWARD), 2),
            (p.pick(beats_end.HOMEWARD), 2),
            (p.core(p.pick(beats.BACK_HOME)), 0),
        ],
        "calm",
        "outdoor",
        "evening",
        "waving goodbye to {guide_desc} at sunset, holding a keepsake",
        (theme.guide_noun, theme.keepsake.noun, "house"),
    )
    bedtime = _plan(
        [
            (p.core(p.pick(beats_end.BEDTIME)), 0),
            (p.core(theme.dream), 0),
            (p.pick(beats_end.BEDTIME_DETAILS), 1),
            (p.pick(beats_end.BEDTIME_RICH), 2),
            (p.pick(beats_end.BEDTIME_RICH), 2),
            (p.pick(beats_end.BEDTIME_RICH), 2),
            (p.core(p.pick(beats_end.GOODNIGHT)), 0),
        ],
        "sleepy",
        "indoor",
        "night",
        "tucked up in bed at night, smiling sleepily",
        ("bed", "moon", theme.dream.noun),
        keep_last=True,
    )
    middle = {
        "problem": p.quest_page(quest.problem, "worried"),
        "search": p.quest_page(
            quest.search,
            "curious",
            [(p.core(theme.sights[1]), 1), (p.pick(DETAILS[theme.key]), 2)],
        ),
        "trouble": trouble,
        "setback": p.quest_page(quest.setback, "worried"),
    }
    if trouble2 is not None:
        middle["trouble2"] = trouble2
    return [
        home,
        call,
        journey,
        *(replace(middle[k], pose=BEAT_POSES[k]) for k in SHAPES[p.shape % len(SHAPES)]),
        idea,
        p.quest_page(quest.solution, "excited"),
        p.quest_page(quest.celebrate, "triumphant", [(p.core(theme.cheer), 1)]),
        farewell,
        bedtime,
    ]


# Pages 4-7, the adventure's middle, in three orders: the first telling of a storyline finds
# the problem, searches, meets trouble and a setback; a retelling meets trouble on the way
# before the problem, or faces two obstacles instead of the setback.
BEAT_POSES = {
    "problem": "stand",
    "search": "point",
    "trouble": "run",
    "trouble2": "jump",
    "setback": "sit",
}
SHAPES = (
    ("problem", "search", "trouble", "setback"),
    ("trouble", "problem", "search", "trouble2"),
    ("problem", "trouble", "search", "trouble2"),
)

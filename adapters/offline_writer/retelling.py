"""A storyline told again for the same child: another friend comes calling and the adventure
takes another shape, so a second book of a storyline is a new story, not the first one reworded.

A theme's own guide is tied into its lines ("a monkey swung in through the window"), so a
stand-in friend brings its own calling, keepsake and dream lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from adapters.offline_writer.themes import Theme, line

# (name, description, drawable noun): friends any world can have.
STAND_INS = (
    ("Pip", "a chirpy little robin with a red scarf", "bird"),
    ("Biscuit", "a fluffy puppy with one floppy ear", "dog"),
    ("Clementine", "a clever little fox with a bushy tail", "fox"),
    ("Nibbles", "a quick little bunny with a twitchy nose", "bunny"),
    ("Bramble", "a cuddly bear cub who was always hungry", "bear"),
    ("Whiskers", "a curious kitten with a stripy tail", "cat"),
    ("Ribbit", "a bouncy green frog with a very big smile", "frog"),
    ("Hoot", "a wise young owl with round spectacles", "owl"),
)
CALLS = (
    line(
        "One morning, there was a knock at the door. It was {guide}, {guide_desc}.",
        "One morning, there was a knock at the door, and there on the step stood {guide}, "
        "{guide_desc}, with news from {world}.",
    ),
    line(
        "A small voice called from the garden. It was {guide}, {guide_desc}.",
        "That afternoon, a small voice called {name_s} name from the bottom of the garden. "
        "It was {guide}, {guide_desc}, all the way from {world}.",
    ),
    line(
        "A note slid under the door. Then in came {guide}, {guide_desc}.",
        "A folded note slid under the door, and right behind it came the one who wrote it: "
        "{guide}, {guide_desc}, with a message from {world}.",
    ),
)
KEEPSAKES = (
    line(
        "{guide} gave {name} a shiny pebble to keep.",
        'Before they parted, {guide} pressed a shiny pebble into {name_s} hand. "So you never '
        'forget {world}," said {guide}.',
        "gem",
    ),
    line(
        "{guide} gave {name} a little silver bell.",
        'At the gate, {guide} gave {name} a little silver bell. "Ring it if you ever need a '
        'friend," said {guide}, "and I will hear it."',
        "bell",
    ),
)
DREAMS = (
    line(
        "{name} dreamed of {world} and of {guide}.",
        "That night, {name} dreamed of {world}, and of {guide}, {guide_desc}, waving from far "
        "away.",
        "star",
    ),
    line(
        "{name} dreamed of a new friend.",
        "In {their} dreams, {name} was back in {world} again, and this time {guide} was "
        "showing {them} all the secret places.",
        "star",
    ),
)


def retold(theme: Theme, earlier: Sequence[str], avoid_nouns: set[str]) -> tuple[Theme, int]:
    """The theme as this telling has it, and the shape of its adventure (0 = the first
    telling). A child who has met this world's guide meets a stand-in friend not met yet."""
    said = " ".join(earlier)
    if not earlier or theme.guide not in said:
        return theme, 0
    met = [s for s in STAND_INS if s[0] in said]
    fresh = [s for s in STAND_INS if s not in met and s[2] not in avoid_nouns]
    name, desc, noun = (fresh or [s for s in STAND_INS if s not in met] or list(STAND_INS))[0]
    telling = len(met) + 1
    friend = replace(
        theme,
        guide=name,
        guide_desc=desc,
        guide_noun=noun,
        call=replace(CALLS[(telling - 1) % len(CALLS)], noun=noun),
        keepsake=KEEPSAKES[(telling - 1) % len(KEEPSAKES)],
        dream=DREAMS[(telling - 1) % len(DREAMS)],
    )
    return friend, 1 + (telling - 1) % 2

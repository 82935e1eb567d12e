"""Story-wide sentences for the end of a book: going home, bedtime, mood lines that pad a
page to its word band, and the closing line."""

from __future__ import annotations

from adapters.offline_writer.themes import line

HOMEWARD = (
    "The path home seemed to glow a little, as if it remembered the way.",
    "Behind them, the last of the light glowed softly, like a wave goodbye.",
    "{name} held the keepsake tight all the way home, just to be sure it was real.",
    "{name} looked back one last time, and there was {guide}, still waving.",
    "The sky turned pink, then gold, then the soft blue of almost-night, and the first star "
    "came out to see them home.",
    "The journey home felt shorter than the journey there, the way journeys home always do.",
    "On the way home, {name} went over every moment of the day, so as not to forget a single one.",
)

FAREWELL = (
    '"Promise you\'ll come back?" asked {guide}. "Promise," said {name}.',
    '"Goodbye, {guide}," said {name}. "Not goodbye," said {guide}. "See you soon."',
    '"Will I see you again?" asked {name}. "Of course," said {guide}. "Friends always find '
    'each other."',
    '"Thank you for being my friend," said {guide}. "Thank you for being mine," said {name}.',
)

BEDTIME = (
    line(
        "Soon {name} was snug in bed.",
        "Soon {name} was snug in bed, with the covers pulled right up to {their} chin.",
    ),
    line(
        "That night, {name} was tucked up in bed.",
        "At last, {name} snuggled down under the covers, tired and happy.",
    ),
    line(
        "At bedtime, {name} was sleepy and happy.",
        "At bedtime, {name} yawned an enormous yawn and climbed into bed, full of stories.",
    ),
)

GOODNIGHT = (
    line("Night night, {name}.", "Night night, {name}. Dream big."),
    line("Goodnight, {name}.", "Goodnight, {name}. Sweet dreams."),
    line("Sleep tight, {name}.", "Sleep tight, {name}, brave and kind."),
)

BEDTIME_DETAILS = (
    "{name} whispered goodnight to the moon, and the moon seemed to wink back.",
    "{name} thought about {guide} and smiled a sleepy smile.",
    "{Their} keepsake sat on the bedside table, glowing just a little.",
)

BEDTIME_RICH = (
    "Tomorrow there might be another adventure, or there might be porridge. Either way, {name} "
    "was ready.",
    "The house creaked softly, the way houses do when they are settling down for the night too.",
    "Outside, the moon rose over the rooftops, round and bright, as if it too had heard about "
    "the adventure.",
    "Somewhere far away in {world}, a friend was thinking about {name} too.",
    "And {name} knew something new: adventures can begin anywhere, on any ordinary day, as "
    "long as you are brave enough to say yes.",
)

# Padding lines by mood, short enough for the little ones' pages.
FILLERS: dict[str, tuple[str, ...]] = {
    "calm": ("{name} smiled.", "Everything was peaceful.", "What a lovely day.", "{name} waved."),
    "excited": (
        "Wow!",
        "What an adventure!",
        "{name} could hardly believe it.",
        "{name} laughed out loud.",
        "How exciting!",
    ),
    "curious": (
        "Where could it be?",
        "{name} looked carefully.",
        "Hmm, what next?",
        "{name} listened hard.",
    ),
    "worried": (
        "Oh dear.",
        "{name} bit {their} lip.",
        "What would they do now?",
        "{name} took a deep breath.",
    ),
    "hopeful": ("{name} stood up tall.", "It was worth a try!", "{name} smiled a brave smile."),
    "triumphant": (
        "Hooray!",
        "{name} grinned from ear to ear.",
        "What a day!",
        "Everyone clapped.",
    ),
    "sleepy": ("Shhh.", "The stars twinkled softly.", "Yawn!", "The house was quiet."),
}

# Longer mood lines for older readers' pages.
RICH_FILLERS: dict[str, tuple[str, ...]] = {
    "curious": (
        "Every corner seemed to hide a secret, and {name} wanted to find them all.",
        "{name} noticed little things that other people might have missed: a bent twig, a "
        "scuff in the dust, a shadow where no shadow should be.",
        "{name} remembered that the best explorers always look twice, so {they} did.",
    ),
    "worried": (
        "Even the wind seemed to go quiet, as if it was waiting to see what {name} would do.",
        "For a moment the whole world seemed to hold its breath, and {name} could hear {their} "
        "own heart going thump, thump, thump.",
        "{name} wished, just for a second, to be back at home on the sofa. Then {they} "
        "remembered that heroes in stories feel like that too.",
    ),
    "hopeful": (
        "A small smile crept across {name_s} face, the kind of smile that arrives just before a "
        "very good plan.",
        "Something in {name_s} chest went from heavy to light, like a balloon being let go.",
        "{name} felt the first bright flicker of a plan, like a match being struck in the dark.",
    ),
    "excited": (
        "Everything happened so fast that afterwards {name} could only remember it in bright, "
        "tumbling pieces, like a dream told at breakfast.",
        "{name} could feel {their} heart racing, but {their} hands were steady and {their} eyes "
        "were shining.",
        "It was the most exciting thing that had happened all week, and possibly all year.",
    ),
    "triumphant": (
        "It was the kind of moment {name} knew {they} would remember for ever: the noise, the "
        "colours, the warm feeling of having done something good.",
        "Somebody started clapping, then everybody did, and the sound rolled on like thunder.",
    ),
}

ENDINGS = (
    "The End. But between you and me, {guide} has already sent another invitation.",
    "The End. Somewhere in {world}, {guide} is already planning the next adventure.",
    "The End. Sweet dreams, {name}, until the next adventure!",
    "The End. And if you listen very carefully tonight, you might hear {guide} saying goodnight.",
)

AGE_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)

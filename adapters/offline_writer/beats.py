"""Story-wide sentences that are neither theme- nor quest-specific: openings, courage,
going home, bedtime, and short mood lines that pad a page to its word band.

Several variants of each so two books with the same theme do not read alike.
"""

from __future__ import annotations

from adapters.offline_writer.themes import line

OPENINGS = (
    line(
        "Once upon a time, there was a {kid} called {name}.",
        "Once upon a time, in a house with a bright red door, there lived a {kid} called {name}.",
    ),
    line(
        "{name} was {age_years} old and full of giggles.",
        "{name} was {age_years} old, with a very big imagination and a laugh that could be "
        "heard from the bottom of the garden.",
    ),
    line(
        "{name} woke up early, with the sun peeking through the curtains.",
        "{name} woke up early, with the sun peeking through the curtains. It felt like the "
        "kind of day when something wonderful might happen.",
    ),
    line(
        "Meet {name}, who was curious about everything.",
        "Meet {name}, who was curious about everything: why the sky is blue, where the wind "
        "goes, and what is at the very bottom of a puddle.",
    ),
)

LOVES = (
    line(
        "{They} adored {interest}.",
        "{name} adored {interest}, more than ice cream and almost as much as bedtime stories.",
    ),
    line(
        "{They} could talk about {interest} all day.",
        "{name} could talk about {interest} all day long, and quite often did, to anyone who "
        "would listen.",
    ),
    line(
        "{Their} favourite thing was {interest}.",
        "{Their} favourite thing in the whole world was {interest}, and {they} could talk "
        "about it for hours.",
    ),
)

ALSO_LOVES = (
    "{They} also loved {interest2}, which {they} said was the second-best thing in the world.",
    "When {they_were} not thinking about {interest}, {name} was usually thinking about "
    "{interest2}.",
)

HOME_RICH = (
    "{Their} room was full of drawings, books and a slightly squashed teddy bear called Mr "
    "Buttons.",
    "On the windowsill sat a jar of treasures: a blue marble, a feather, a button and a "
    "pebble shaped like a heart.",
    "Every evening, {name} asked for one more story, and then, very politely, one more after that.",
)

GREETINGS = (
    '"Hello, {name}!" said {guide}. "Will you come with me to {world}?"',
    '"At last, I\'ve found you, {name}!" said {guide}. "Come with me to {world}!"',
    '"{name}, we need your help," said {guide}. "Please come with me to {world}!"',
)

WONDER = (
    "{name} looked at {guide}, and {guide} looked back, and somehow they both knew that this "
    "was the start of something wonderful.",
    "It is not every day that an adventure comes calling, and {name} was not going to miss "
    "this one.",
    "{name} blinked, and then blinked again, just to be sure {they_were} not dreaming.",
    "{name} said yes before {guide} had even finished asking, and grabbed {their} coat.",
    "{name} felt a fizz of excitement all the way from {their} toes to the tip of {their} nose.",
)

ON_THE_WAY = (
    '"Hold on tight!" laughed {guide}.',
    '"Isn\'t it wonderful?" called {guide} over the noise.',
    '"Nearly there!" said {guide}.',
)

AMAZED = (
    "Everything was bigger, brighter and stranger than anything in {their} picture books, and "
    "{name} loved it at once.",
    "The air smelled new and exciting, and every sound was one {name} had never heard before.",
    "If only {their} friends could see this, {name} thought. They would never believe it.",
    "{name} had never seen anything so wonderful in all {their} life, and {they} wanted to "
    "remember every single bit of it.",
    "{name} looked left, then right, then up, then down, and still could not see everything "
    "at once.",
)

TROUBLE = (
    '"What do we do now?" asked {guide}.',
    '"Oh dear, oh dear," said {guide}.',
    '"Be careful, {name}!" called {guide}.',
)

BRAVE = (
    "{name} took a deep breath. {They_were} a little bit scared, but {they} did not let that "
    "stop {them}.",
    "{name} remembered what {their} family always said: brave is not the same as not scared. "
    "Brave is being scared and trying anyway.",
)

ONWARD = (
    "Step by step, they made it through, and {name} felt a little taller on the other side.",
    "It was not easy, and it was not quick, but together they found a way.",
    "Afterwards, {guide} said it was the bravest thing ever, and {name} tried very hard not to "
    "look pleased.",
)

COURAGE = (
    line(
        "{name} thought about {interest} and felt brave.",
        "{name} took a deep breath and thought about {interest}, {their} favourite thing, and "
        "a warm, brave feeling spread right through {them}.",
    ),
    line(
        "{name} thought of {interest}, and {their} worry got smaller.",
        "Thinking about {interest} always made {name} feel better, and today was no "
        "different. The worry shrank until it was small enough to fit in a pocket.",
    ),
)

CHEER_ON = (
    '"You can do it," said {guide}. "I know you can."',
    '"I knew you\'d think of something," said {guide}.',
)

NEVER_GIVE_UP = (
    "Whenever things got tricky with {interest}, {name} never gave up, and {they_were} not "
    "going to give up now.",
    "{name} knew that big problems are just small problems stacked on top of each other, and "
    "small problems can be solved one at a time.",
)

BACK_HOME = (
    line(
        "{name} waved goodbye all the way home.",
        "{name} waved and waved all the way home, until {guide} was just a tiny dot.",
    ),
    line(
        "Back home, everything was just as {name} had left it.",
        "Back home, everything was just as {name} had left it, except that {they} felt a "
        "little taller, and a lot braver.",
    ),
)

HOMEWARD = (
    "{name} looked back one last time, and there was {guide}, still waving and waving.",
    "The sky turned pink, then gold, then the soft blue of almost-night, and the first star "
    "came out to see them home.",
    "The journey home felt shorter than the journey there, the way journeys home always do.",
    "On the way home, {name} went over every moment of the day, so as not to forget a single one.",
)

FAREWELL = (
    '"Will I see you again?" asked {name}. "Of course," said {guide}. "Friends always find '
    'each other."',
    '"Thank you for being my friend," said {guide}. "Thank you for being mine," said {name}.',
)

BEDTIME = (
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
    line("Goodnight, {name}.", "Goodnight, {name}. Sweet dreams."),
    line("Sleep tight, {name}.", "Sleep tight, {name}, brave and kind."),
)

BEDTIME_DETAILS = (
    "{name} thought about {guide} and smiled a sleepy smile.",
    "{Their} keepsake sat on the bedside table, glowing just a little.",
)

BEDTIME_RICH = (
    "The house creaked softly, the way houses do when they are settling down for the night too.",
    "Outside, the moon rose over the rooftops, round and bright, as if it too had heard about "
    "the adventure.",
    "Somewhere far away in {world}, a friend was thinking about {name} too.",
    "And {name} knew something new: adventures can begin anywhere, on any ordinary day, as "
    "long as you are brave enough to say yes.",
)

# Padding lines by mood, short enough for the little ones' pages.
FILLERS: dict[str, tuple[str, ...]] = {
    "calm": (
        "It was a lovely, ordinary day.",
        "{name} smiled.",
        "Everything was peaceful.",
        "The birds sang outside.",
    ),
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
        "{name} noticed little things that other people might have missed: a bent "
        "twig, a scuff in the dust, a shadow where no shadow should be.",
    ),
    "worried": (
        "For a moment the whole world seemed to hold its breath, and {name} could hear "
        "{their} own heart going thump, thump, thump.",
        "{name} wished, just for a second, to be back at home on the sofa. Then {they} "
        "remembered that heroes in stories feel like that too.",
    ),
    "hopeful": (
        "A small smile crept across {name_s} face, the kind of smile that arrives just "
        "before a very good plan.",
    ),
    "excited": (
        "Everything happened so fast that afterwards {name} could only remember it in "
        "bright, tumbling pieces, like a dream told at breakfast.",
        "{name_s} heart was racing, but {their} hands were steady, and {their} eyes were shining.",
    ),
    "triumphant": (
        "It was the kind of moment {name} knew {they} would remember for ever: the "
        "noise, the colours, the warm feeling of having done something good.",
    ),
}

ENDINGS = (
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

"""Quests about finding things: a lost treasure and a mystery."""

from __future__ import annotations

from adapters.offline_writer.quests import Quest, beat
from adapters.offline_writer.themes import options

LOST = Quest(
    key="lost",
    titles=options(
        "{name} and the Lost {Item_t} | The Lost {Item_t} | Where Is the {Item_t}? | The "
        "Missing {Item_t} | Lost and Found"
    ),
    hooks=(
        "{name} must find the lost {item} before {event} begins.",
        "The {item} has vanished! Can {name} find it in time?",
        "The {item} has vanished, and {event} is in danger!",
    ),
    problem=beat(
        'But {guide} looked worried. "The {item} is lost!" {guide} said. "We need it for {event}!"',
        'But when they arrived, {guide} looked very worried. "The {item} has gone missing,"'
        ' {guide} said, "and {event} cannot start without it."',
        (
            "{name} thought of all the friends who were waiting for {event}, and {their} "
            "tummy did a little flip.",
        ),
        (
            "The {item} had been kept safe for years and years, and it had never once gone "
            "missing. Somebody had to find it, and {name} had a feeling that somebody might"
            " be {them}.",
        ),
        action=("hearing that the {item} has gone missing, next to {guide_desc} who looks worried"),
        nouns=("guide", "place"),
    ),
    search=beat(
        "{name} looked {at_place}. {They} looked high and low.",
        "{name} and {guide} searched {at_place}. They looked high and low, under things and"
        " behind things, and even inside a few things.",
        ('"It must be somewhere," said {name}. "Things don\'t just disappear."',),
        (
            "{name} made a careful plan: start at one edge, work towards the middle, and "
            "check every hiding place twice. It was exactly the sort of plan a real "
            "detective would make.",
        ),
        action="searching high and low {at_place}",
        nouns=("place", "guide"),
    ),
    setback=beat(
        "Something shiny! {name} ran to see. But it was only an old spoon.",
        "At last, something glinted in the distance. {name} ran over with {their} heart "
        "pounding, but it was only an old spoon. {Their} shoulders drooped.",
        ('"We will never find it," sighed {guide}.',),
        (
            "The light was beginning to fade, and for a moment even {name} wondered whether"
            " the {item} was gone for good. But giving up was not something {name} was very"
            " good at.",
        ),
        action="holding up an old spoon that glinted like treasure, looking disappointed",
        nouns=("spoon", "guide"),
    ),
    idea=beat(
        'Then {name} had an idea. "Let\'s look where nobody has looked yet!"',
        'Then {name} had an idea. "Everyone has been looking in the big, obvious places," '
        '{they} said. "Let\'s look in the small, forgotten ones."',
        (),
        (),
        action="having a bright idea",
        nouns=("guide",),
    ),
    solution=beat(
        "And there it was! The {item} was hiding {at_place2}.",
        "They searched all the small, forgotten places {at_place2}, and there, tucked "
        "behind a pebble, was a gentle glimmer. It was the {item}, safe and sound!",
        ("{name} lifted it out very gently, as if it might break.",),
        (
            "It turned out the {item} had simply rolled away and hidden itself, as lost "
            "things sometimes do, waiting for someone patient enough to look properly.",
        ),
        action="finding the {item} hidden {at_place2}",
        nouns=("item", "place2"),
    ),
    celebrate=beat(
        "Hooray! Now {event} could begin, and everyone cheered for {name}.",
        "With the {item} back where it belonged, {event} could begin at last, and everyone "
        "cheered for {name}.",
        ('"You found it!" shouted {guide}. "You really found it!"',),
        (
            "{name} tried to say that anybody could have done it. Nobody believed {them}, "
            "and {guide} insisted that {name} carry the {item} at the very front.",
        ),
        action="celebrating at {event}, holding the {item} high",
        nouns=("item", "guide"),
    ),
)


MYSTERY = Quest(
    key="mystery",
    titles=options(
        "The {Item_t} Mystery | Detective {name} | Who Took the {Item_t}? | The Great "
        "Mystery | The Midnight Mystery"
    ),
    hooks=(
        "Who keeps taking the {item}? Detective {name} is on the case!",
        "Clues, footprints and a missing {item}: {name} solves a mystery.",
        "Clues, footprints and a missing {item}: a mystery to solve!",
    ),
    problem=beat(
        "Something strange was happening. Every night, the {item} disappeared! {name} gasped.",
        '"Something strange is going on," {guide} whispered. "Every night the {item} '
        "disappears, and every morning it's back, covered in crumbs. Nobody knows why.\"",
        ("{name} narrowed {their} eyes. This sounded like a job for a detective.",),
        (
            "{name} borrowed a magnifying glass, a notebook and a very serious expression, "
            "because every good detective needs all three. Then {they} asked {guide} to "
            "tell the whole story again, slowly.",
        ),
        action="hearing about a mystery from {guide_desc}",
        nouns=("guide", "item"),
    ),
    search=beat(
        "{name} looked for clues {at_place}. Look! Tiny footprints!",
        "{name} went looking for clues {at_place}. There, in the dust, was a trail of tiny "
        "footprints and a sprinkling of crumbs.",
        ('"Aha," said {name}. "Whoever it is, they are small, and they like biscuits."',),
        (
            "{name} followed the footprints {at_place}, round and round, until they suddenly "
            "stopped. That was strange, because footprints do not usually stop in the middle "
            "of nowhere.",
        ),
        action="finding a trail of tiny footprints and crumbs {at_place}",
        nouns=("place", "guide"),
    ),
    setback=beat(
        "That night, {name} hid and waited. But {name} fell asleep, and the {item} vanished again!",
        "That night, {name} and {guide} hid behind a rock to watch. They waited and waited "
        "until their eyes grew heavy. When they woke up, the {item} was gone again!",
        ('"Oh, crumbs," said {guide}, which was exactly the right word for it.',),
        (
            "{name} felt cross with {themselves} for a moment. Then {they} noticed "
            "something new: a single fluffy thread, caught on a twig.",
        ),
        action="waking up, hidden behind a rock, to find that something has vanished again",
        nouns=("guide", "moon"),
        time_of_day="night",
    ),
    idea=beat(
        'Then {name} had an idea. "Let\'s leave a biscuit out and take turns to watch!"',
        'Then {name} had an idea. "Whoever it is likes biscuits," {they} said. "Let\'s leave'
        ' one out, take turns keeping watch, and be very, very quiet."',
        (),
        (),
        action="having a clever idea, holding up a biscuit",
        nouns=("guide", "cookie"),
    ),
    solution=beat(
        "Tiptoe, tiptoe! It was the {little}, hugging the {item}! {name} smiled.",
        "Just after midnight, tiptoe, tiptoe, a small shape crept out. It was the {little}!"
        " It picked up the {item}, hugged it tight and curled up beside it.",
        (
            '"I\'m scared of the dark," said the {little} in a tiny voice. "The {item} makes'
            ' me feel brave."',
        ),
        (
            "{name} understood completely. Everybody needs something that helps them feel "
            "brave, and there is no shame in that at all.",
        ),
        action="discovering {a_little} hugging the {item} in the moonlight",
        nouns=("little", "item"),
        time_of_day="night",
    ),
    celebrate=beat(
        "{name} had a kind plan. Now the {little} could borrow the {item} every night!",
        "{name} made a plan that pleased everyone. The {little} would look after the {item}"
        " every night and bring it back each morning, and everybody would help the {little}"
        " feel braver.",
        ("At {event}, the {little} carried the {item} at the very front, proud as anything.",),
        (
            '"Case closed," said {name}, snapping {their} notebook shut, and {guide} '
            "laughed and laughed.",
        ),
        action="at {event}, with the {little} proudly carrying the {item}",
        nouns=("little", "item"),
    ),
)


FIND_QUESTS = (LOST, MYSTERY)

"""Quests about making things right: a mend and a birthday surprise."""

from __future__ import annotations

from adapters.offline_writer.quests import Quest, beat
from adapters.offline_writer.themes import options

REPAIR = Quest(
    key="repair",
    titles=options(
        "{name} Fixes It | The Broken {Item_t} | Mending the {Item_t} | {name} the Fixer | "
        "Good as New"
    ),
    hooks=(
        "The {item} is broken! Can {name} fix it before {event}?",
        "{name} must mend the {item} so that {event} can go ahead.",
        "The {item} is broken, and {event} is in danger!",
    ),
    problem=beat(
        "But oh no! The {item} was broken, and {event} was tonight! {name} gasped.",
        "But there was a problem. The {item} lay in pieces, and without it {event} could "
        "not go ahead. {guide} looked as if the whole world had gone grey.",
        ('"It broke this morning," said {guide} sadly. "Nobody knows how to fix it."',),
        (
            "{name} picked up one of the pieces and turned it over in {their} hands. It was"
            " broken, yes, but broken things can often be mended, if someone is patient and"
            " kind enough to try.",
        ),
        action="looking at the broken {item} beside {guide_desc}",
        nouns=("item", "guide"),
    ),
    search=beat(
        "{name} needed something sticky, something strong and something sparkly. Off {they}"
        " went, {at_place}.",
        "To fix the {item}, {name} needed three things: something sticky, something strong "
        "and something sparkly. {They} set off with {guide} to find them {at_place}.",
        (
            "They soon found something sticky and something strong, and {name} put them "
            "carefully in {their} pocket.",
        ),
        (
            "The sparkly thing was harder to find. {name} checked under leaves and behind "
            "rocks and in all the places where sparkly things like to hide.",
        ),
        action="gathering something sticky, something strong and something sparkly {at_place}",
        nouns=("place", "gem"),
    ),
    setback=beat(
        "{name} tried to fix it. Wobble, wobble... crash! It fell apart again.",
        "Back with the pieces, {name} tried to fix the {item}. It wobbled, it tottered, and"
        " then, crash, it fell apart all over again.",
        ('"Maybe it can\'t be fixed," whispered {guide}.',),
        (
            "{name} sat down and stared at the pieces. It is hard when something does not "
            "work the first time. It is even harder when everyone is watching.",
        ),
        action="watching the {item} fall apart again",
        nouns=("item", "guide"),
    ),
    idea=beat(
        'Then {name} had an idea. "Let\'s go slowly, one piece at a time."',
        'Then {name} had an idea. "Last time I rushed," {they} said. "This time, let\'s go '
        'slowly and do it one piece at a time."',
        (),
        (),
        action="having a bright idea",
        nouns=("guide",),
    ),
    solution=beat(
        "Slowly and carefully, {name} fitted the pieces together. The {item} was whole again!",
        "Slowly and carefully, {name} fitted each piece back where it belonged, with "
        "something sticky, something strong and, right on top, something sparkly. The "
        "{item} was whole again, and it looked even better than before.",
        (
            "{guide} held everything steady, and nobody said a word until the very last "
            "piece clicked into place.",
        ),
        (
            "It was not perfect. There was a tiny crack on one side. But {name} decided "
            "that the crack made it special, because now it had a story to tell.",
        ),
        action="carefully fixing the {item}, piece by piece",
        nouns=("item", "guide"),
    ),
    celebrate=beat(
        "Hooray! {Event} could go ahead, and {name} cheered loudest of all!",
        "{Event} went ahead after all, and the mended {item} sparkled brighter than "
        "anything else. Everyone wanted to shake {name_s} hand.",
        ('"You fixed it!" cheered {guide}.',),
        (
            'Everyone wanted to know how {name} had done it. "It was easy," said {name}, '
            'and then, because it was true, added, "well, the second time."',
        ),
        action="celebrating {event}, with the mended {item} sparkling",
        nouns=("item", "guide"),
    ),
)


GIFT = Quest(
    key="gift",
    titles=options(
        "A Gift for {Guide} | {name} and the Surprise | The Secret Surprise | The Best "
        "Present | Surprise!"
    ),
    hooks=(
        "{name} plans a secret birthday surprise for {guide}.",
        "It's {guide}'s birthday, and {name} has a secret plan.",
        "A forgotten birthday, a secret plan and a big surprise.",
    ),
    problem=beat(
        '{guide} sighed. "It\'s my birthday, {name}, but everyone is too busy to remember."',
        '{guide} gave a small sigh. "It\'s my birthday today," {guide} said, "but everyone '
        'is so busy getting ready for {event} that nobody has remembered."',
        ("{name} gave {guide} a big hug, and then had a secret thought.",),
        (
            "While {guide} was looking the other way, {name} whispered to all the "
            'neighbours. "A surprise," {they} said. "Let\'s make it the best birthday ever."',
        ),
        action="hugging {guide_desc} whose birthday everyone has forgotten",
        nouns=("guide", "gift"),
    ),
    search=beat(
        "{name} looked for the perfect present {at_place}.",
        "{name} slipped away to look for the perfect present {at_place}. {They} wanted something"
        " special, something that would make {guide} smile all day long.",
        ("Everyone {name} met wanted to help, and soon {they} had found a beautiful present.",),
        (
            "It took a long time to choose, because {name} wanted it to be just right. "
            "Then, at last, {they} found it, and wrapped it in a big leaf with a bow.",
        ),
        action="searching for a perfect birthday present {at_place}",
        nouns=("place", "gift"),
    ),
    setback=beat(
        "Oh no! {name} tripped, and the present broke into pieces!",
        "But on the way back, {name} tripped over a root. The present flew into the air, "
        "and crash! It broke into a hundred pieces.",
        ('"Now I have nothing to give," {name} said sadly.',),
        (
            "{name} sat on the ground, looking at the pieces. Sometimes things go wrong "
            "even when you are trying your very best, and that is the hardest kind of "
            "wrong.",
        ),
        action="sitting sadly beside a broken present",
        nouns=("gift", "guide"),
    ),
    idea=beat(
        "Then {name} had an idea. \"The best presents aren't found. They're made!\"",
        'Then {name} had an idea. "The best presents aren\'t found," {they} said. "They\'re '
        'made, with lots of love and a little bit of glue."',
        (),
        (),
        action="having a bright idea",
        nouns=("gift",),
    ),
    solution=beat(
        "{name} made a card and a crown of flowers. Then everyone hid, ready to shout!",
        "{name} made a card covered in drawings, a crown of flowers and a cake that was "
        "only a little bit lopsided. Then everyone hid, and waited, and tried very hard not"
        " to giggle.",
        ('When {guide} came round the corner, everybody jumped out. "Surprise!"',),
        (
            "Even the {little} joined in, popping up from behind the cake with a squeak "
            "that was meant to be a cheer.",
        ),
        action="jumping out to shout surprise, holding a home-made card and a flower crown",
        nouns=("cake", "flower"),
    ),
    celebrate=beat(
        '{guide} laughed and cried at once. "Thank you, {name}! It\'s the best birthday ever!"',
        '{guide} laughed and cried at the same time. "This is the best birthday ever," '
        "{guide} said, and wore the flower crown at {event} all night long.",
        ('"Happy birthday!" sang {name}, louder than anybody.',),
        (
            "Later, {guide} whispered to {name}, \"The broken present didn't matter. The "
            'best part was knowing you cared."',
        ),
        action="celebrating a birthday surprise at {event}",
        nouns=("guide", "cake"),
    ),
)


MAKE_QUESTS = (REPAIR, GIFT)

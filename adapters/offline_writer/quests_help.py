"""Quests about helping someone small: a rescue and the way home."""

from __future__ import annotations

from adapters.offline_writer.quests import Quest, beat
from adapters.offline_writer.themes import options

RESCUE = Quest(
    key="rescue",
    titles=options(
        "{name} to the Rescue | Saving the {Little_t} | The Big Rescue | Help for the "
        "{Little_t} | A Daring Rescue"
    ),
    hooks=(
        "{A_little} is stuck {at_place}. Only {name} can help!",
        "{name} races to rescue {a_little} stuck {at_place}.",
        "{A_little} is stuck, and help is on the way!",
    ),
    problem=beat(
        'Then they heard a tiny voice. "Help! Help!" {A_little} was stuck {at_place}!',
        'Then, from far away, they heard a tiny voice calling, "Help! Help!" {guide} '
        'gasped. "That\'s the {little}! It must be stuck {at_place}!"',
        ('{name} did not wait a moment longer. "Come on," {they} said. "Let\'s go!"',),
        (
            "The little voice sounded frightened and far away, and {name} knew exactly how "
            "it felt to be small and stuck. {They} pulled up {their} socks, which was what "
            "{they} always did before something important.",
        ),
        action="hearing a cry for help from {a_little} stuck {at_place}",
        nouns=("little", "place"),
    ),
    search=beat(
        "{name} and {guide} hurried towards the sound.",
        "{name} and {guide} hurried towards the sound as fast as they could, following the "
        "little cries as they grew louder and louder.",
        ('"Hold on, we\'re coming!" called {name}.',),
        (
            "They went over and under, round and through, and every time {name} called out,"
            " the little voice called back, a tiny bit braver than before.",
        ),
        action="hurrying towards a faraway cry for help",
        nouns=("guide", "place"),
        mood="excited",
    ),
    setback=beat(
        "There was the {little}! {name} stretched and stretched, but it was too far to reach.",
        "At last they found the {little}, stuck fast {at_place}. {name} stretched and "
        "stretched, on tiptoe and then on the very tips of {their} tiptoes, but it was just"
        " too far away.",
        ('"It\'s no use," said {guide}. "We\'re not big enough."',),
        (
            "The {little} gave a small, wobbly sniff. {name} felt a lump in {their} throat,"
            " but {they} smiled and said, \"Don't worry. We won't leave you.\"",
        ),
        action="reaching towards a frightened {little} that is just out of reach {at_place}",
        nouns=("little", "place"),
    ),
    idea=beat(
        'Then {name} had an idea. "One of us can\'t reach, but all of us together can!"',
        'Then {name} had an idea. "One of us can\'t reach," {they} said slowly, "but maybe '
        'all of us together can."',
        (),
        (),
        action="having a bright idea to work together",
        nouns=("guide",),
    ),
    solution=beat(
        "Everyone held hands and made a long, long chain. Gently, {name} pulled the {little} free!",
        "{name} called everyone who was nearby, and they all held hands to make a long, "
        "wobbly chain. {name} went at the very front, stretched one last time, and gently "
        "pulled the {little} free.",
        ("The {little} tumbled into {name_s} arms, safe at last.",),
        (
            "For a moment nobody said anything at all. Then the {little} gave the biggest, "
            "happiest smile, and everybody let out the breath they had been holding.",
        ),
        action="gently pulling the {little} free, helped by a long chain of friends",
        nouns=("little", "guide"),
    ),
    celebrate=beat(
        "The {little} was safe! Everyone cheered for {name}.",
        "The {little} was safe, and everyone gathered round to cheer for {name}, the friend"
        " who had refused to give up.",
        ('"You\'re a real hero," said {guide}.',),
        (
            "That evening, {event} was held in {name_s} honour, and the {little} had the "
            "best seat of all, right next to {name}.",
        ),
        action="being cheered by everyone, with the rescued {little} close by",
        nouns=("little", "guide"),
    ),
)


HOMECOMING = Quest(
    key="homecoming",
    titles=options(
        "Home Before Dark | {name} Shows the Way | The Way Home | The Long Way Home | "
        "Finding the Way Home"
    ),
    hooks=(
        "{A_little} is lost, far from home. {name} helps it find the way.",
        "A lost {little}, a long road, and {name} leading the way home.",
        "A lost {little}, a long road, and a friend to lead the way home.",
    ),
    problem=beat(
        '{name} found {a_little}, crying. "I\'m lost," it sniffed. "I can\'t find my way home."',
        'Sitting alone on a rock was {a_little}, crying big, round tears. "I went '
        'exploring," it sniffed, "and now I\'m lost, and it will be dark soon."',
        ("{name} knelt down and said, \"Don't worry. We'll help you get home.\"",),
        (
            "{name} remembered losing sight of {their} family in a busy shop once, and how "
            "big and loud everything had suddenly seemed. Nobody should feel like that for "
            "long.",
        ),
        action="comforting {a_little} who is lost and crying",
        nouns=("little", "guide"),
    ),
    search=beat(
        '"My home is {at_place2}," said the {little}. So off went {name} to help, one step '
        "at a time.",
        '"What do you remember about home?" asked {name}. The {little} thought hard. "It\'s '
        '{at_place2}. You can see it from somewhere high." So off they went together, '
        "the little one holding on tight.",
        ("{name} walked slowly, so the {little} could keep up.",),
        (
            "Along the way, {name} pointed out things to remember, a funny-shaped rock here"
            " and a crooked tree there, so that nobody would get lost the same way twice.",
        ),
        action="leading a lost {little} {at_place}",
        nouns=("little", "place"),
    ),
    setback=beat(
        "But the sun was going down, and every path looked the same! {name} stopped.",
        "But the sun was sinking lower and lower, the shadows grew long, and every path "
        "began to look exactly the same as the others. The {little} began to tremble.",
        ('"Which way now?" whispered {guide}.',),
        (
            "{name} felt {their} own tummy wobble a little. But the {little} was looking up"
            ' at {them}, so {name} stood up tall and said, "We\'ll work it out."',
        ),
        action="standing where the paths split as the sun goes down, unsure which way to go",
        nouns=("little", "guide"),
        time_of_day="evening",
    ),
    idea=beat(
        'Then {name} had an idea. "Let\'s climb up high and look!"',
        'Then {name} had an idea. "You said you can see your home from somewhere high," '
        '{they} said. "So let\'s find the highest place there is and look."',
        (),
        (),
        action="pointing up to a high place with a bright idea",
        nouns=("little", "mountain"),
        time_of_day="evening",
    ),
    solution=beat(
        "From the top, {name} saw it! The {little}'s home was there, {at_place2}!",
        "They climbed to the highest point they could find, and there, glowing in the last "
        "of the light, was home, {at_place2}! The {little} squeaked with joy.",
        ("They hurried down, and waiting at the door was the {little}'s whole family.",),
        (
            "There were hugs, happy tears and a great deal of everybody talking at once. "
            "The {little} told the story three times, and each time {name} got a little "
            "braver in it.",
        ),
        action="bringing the {little} home to its family {at_place2}",
        nouns=("little", "place2"),
        time_of_day="evening",
    ),
    celebrate=beat(
        "The {little}'s family said thank you with a party for {name} at {event}!",
        "To say thank you, the {little}'s family invited {name} to be the guest of honour "
        "at {event}, and they saved the very best seat for {them}.",
        ('"You showed the way," said {guide} proudly.',),
        (
            "The {little} would not leave {name_s} side all evening, and told everyone who "
            "would listen about the brave friend who had climbed up high to find the way "
            "home.",
        ),
        action="as guest of honour at {event}, beside the {little} and its family",
        nouns=("little", "guide"),
        time_of_day="evening",
    ),
)


HELP_QUESTS = (RESCUE, HOMECOMING)

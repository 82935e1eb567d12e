"""Quests about kindness and courage: a race and a shy new friend."""

from __future__ import annotations

from adapters.offline_writer.quests import Quest, beat
from adapters.offline_writer.themes import options

RACE = Quest(
    key="race",
    titles=options(
        "{name} and the Big Race | The Great {Label_t} Race | Ready, Steady, {name}! | The "
        "Big Race | The Kindest Racer"
    ),
    hooks=(
        "{name} enters the great race, but a friend in trouble changes everything.",
        "Ready, steady, go! {name} races for the {item}, with a kind heart.",
        "A great race, a friend in trouble and a very kind choice.",
    ),
    problem=beat(
        'There was a great race today, and the prize was the {item}! "Race with me," said '
        "{guide}. {name} said yes.",
        '"There\'s a great race today," said {guide}, "and the prize is the {item}. Will you'
        ' race with me?" {name} had never been in a real race before, and {their} knees '
        "felt wobbly.",
        ('"Yes," said {name}, in a voice that was only a little bit squeaky.',),
        (
            "All the other racers looked fast and serious. Some were stretching, some were "
            "jumping, and one was eating a banana very quickly. {name} took a deep breath "
            "and lined up at the start.",
        ),
        action="lining up at the start of a great race beside {guide_desc}",
        nouns=("guide", "flag"),
    ),
    search=beat(
        "Ready, steady, go! Off raced {name}, as fast as the wind.",
        "Ready, steady, go! Off they raced, and to {name_s} surprise, they were right near "
        "the front.",
        ('"Faster, faster!" laughed {guide}.',),
        (
            "The wind rushed past, the crowd cheered, and for a moment {name} felt as if "
            "{they} could run forever.",
            "Round the first bend they went, then the second, and {name} could hear {their} "
            "own feet going pitter-pat, pitter-pat, as fast as a drum roll.",
        ),
        action="racing fast near the front of a great race {at_place}",
        nouns=("place", "guide"),
        mood="excited",
    ),
    setback=beat(
        "Then {name} saw the {little}. It had tripped and could not get up!",
        "Then {name} spotted the {little} by the side of the track. It had tripped and hurt"
        " its foot, and all the other racers were rushing past without stopping.",
        ("{name} stopped running. Winning suddenly did not seem so important.",),
        (
            '"If we stop, we\'ll lose," said {guide}. {name} looked at the finish line, then'
            " at the {little}, and knew exactly what to do.",
        ),
        action="stopping in the middle of a race to help {a_little} who has tripped",
        nouns=("little", "guide"),
    ),
    idea=beat(
        '"We can still finish," said {name}. "All of us, together!"',
        '"We don\'t have to choose," said {name}. "We can help, and we can still finish. All'
        ' of us, together!"',
        (),
        (),
        action="deciding to help instead of winning",
        nouns=("guide", "little"),
    ),
    solution=beat(
        "{name} helped the {little} up, and they went on together, step by step.",
        "{name} helped the {little} up, {guide} took the other side, and together they went"
        " on, step by careful step, all the way to the finish line. They were the very last"
        " to cross it.",
        ("The {little} was smiling from ear to ear.",),
        (
            "As they crossed the line, something surprising happened. The crowd, which had "
            "gone quiet, began to clap, then cheer, then roar.",
        ),
        action="crossing the finish line last, helping the {little} along",
        nouns=("little", "flag"),
    ),
    celebrate=beat(
        "Everyone cheered! The {item} went to the kindest racer of all: {name}!",
        "The judges had seen everything, and they all agreed. The {item} was not for the "
        "fastest racer this year. It was for the kindest one, and that was {name}.",
        ('"Three cheers for {name}!" shouted {guide}.',),
        (
            "{name} held the {item} up high, and then gave the {little} a turn, because it "
            "had been the bravest racer of all.",
        ),
        action="holding up the {item}, the prize for the kindest racer",
        nouns=("item", "little"),
    ),
)


SHY = Quest(
    key="shy",
    titles=options(
        "The Shy {Little_t} | {name} Makes a Friend | A Brand-New Friend | The Strange "
        "Noise | Not a Monster"
    ),
    hooks=(
        "Strange noises {at_place}... and {name} finds a shy new friend.",
        "Everyone is scared of the noise {at_place}, except {name}.",
        "A strange noise, a brave heart and a shy new friend.",
    ),
    problem=beat(
        "Everyone was scared. A strange noise was coming from {place}! But {name} listened.",
        'Everyone was talking in whispers. "There\'s a strange noise coming from {place}," '
        'said {guide}. "A wailing, sniffling sort of noise. Nobody dares go near."',
        ("{name} listened carefully. It did not sound scary. It sounded sad.",),
        (
            "Some said it was a monster with seven teeth. Some said it was a ghost with a "
            "cold. But {name} noticed that nobody had actually gone to look.",
        ),
        action="listening to a strange noise coming from {place}",
        nouns=("guide", "place"),
    ),
    search=beat(
        "{name} went to see. {They_were} a little bit scared, but {they} went anyway.",
        "So {name} went to see, with {guide} close behind. {They_were} a little bit scared,"
        " but being brave does not mean not being scared. It means going anyway.",
        ("The noise grew louder as they came near {place}.",),
        (
            "Sniff. Wail. Sniff. {name} tiptoed round one last corner, held {their} breath "
            "and peeked.",
        ),
        action="tiptoeing bravely towards {place}",
        nouns=("place", "guide"),
    ),
    setback=beat(
        "It was the {little}! But it hid from {name} and would not come out.",
        "There, all alone, was the {little}. As soon as it saw {name}, it squeaked and hid,"
        " and it would not come out, however nicely they asked.",
        ('"Go away," came a small voice. "Everyone always runs away from me."',),
        (
            "{name} sat down a little way off, not too close and not too far, and waited. "
            "Sometimes friends take a while to be ready.",
        ),
        action="finding a shy {little} hiding all alone {at_place}",
        nouns=("little", "place"),
    ),
    idea=beat(
        "Then {name} had an idea. {They} would share something {they} loved.",
        "Then {name} had an idea. The best way to make a friend, {they} thought, is to "
        "share something you love.",
        (),
        (),
        action="having a kind idea",
        nouns=("little",),
    ),
    solution=beat(
        "{name} talked about {interest}. Slowly, the {little} peeked out and smiled.",
        "{name} started to talk about {interest}, quietly at first and then with great "
        "excitement. Slowly, slowly, the {little} peeked out, and then, at last, it smiled.",
        ('"I like that too," said the {little}.',),
        (
            "They talked until the sky changed colour. The {little} had only been making "
            "that noise because it was lonely, and lonely is a sound that can be mended.",
        ),
        action="sitting and chatting with the shy {little}, who is starting to smile",
        nouns=("little", "guide"),
    ),
    celebrate=beat(
        "{name} took the {little} to {event}, and everyone said hello.",
        "{name} brought the {little} to {event}, and everyone who had been scared said "
        "hello and felt rather silly. The {little} was not a monster at all. It was a "
        "friend.",
        ("The {little} danced all night, right next to {name}.",),
        (
            '"How did you know?" asked {guide}. "I listened," said {name}. "It didn\'t sound'
            ' scary. It sounded sad."',
        ),
        action="bringing the shy {little} to {event}, where everyone says hello",
        nouns=("little", "guide"),
    ),
)


HEART_QUESTS = (RACE, SHY)

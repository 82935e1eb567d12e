"""Story-wide sentences that are neither theme- nor quest-specific: openings, courage,
going home, bedtime, and short mood lines that pad a page to its word band.

Several variants of each so two books with the same theme do not read alike.
"""

from __future__ import annotations

from adapters.offline_writer.themes import line

OPENINGS = (
    line(
        "High on a hill, in a house full of laughter, lived {name}.",
        "High on a hill, in a house full of noise, laughter and at least one lost sock, lived a "
        "{kid} called {name}.",
    ),
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
    line(
        "At the end of a winding lane lived {name}.",
        "At the end of a winding lane, past the postbox and the crooked apple tree, lived a "
        "{kid} called {name}.",
    ),
    line(
        "This is {name}. Say hello!",
        "This is {name}, who could whistle with two fingers, hop on one foot for a very long "
        "time and make a grown-up laugh without even trying.",
    ),
    line(
        "{name} had the bounciest feet in the whole street.",
        "Nobody on the whole street had bouncier feet or a bigger smile than {name}, who was "
        "{age_years} old and counting.",
    ),
    line(
        "Every morning, {name} said good morning to the birds.",
        "Every morning, before breakfast, {name} opened the window and said good morning to "
        "the birds, and most mornings the birds said it back.",
    ),
    line(
        "{name} lived in a house with a blue gate.",
        "In a house with a creaky blue gate and a garden full of dandelions lived {name}, who "
        "was never, ever bored.",
    ),
    line(
        "{name} was the best hugger in the family.",
        "Everybody in the family agreed that {name} gave the best hugs, told the silliest "
        "jokes and asked the most questions at dinner.",
    ),
    line(
        "{name} liked to be up before the sun.",
        "{name} liked to be up before the sun, sitting at the window in pyjamas, waiting to "
        "see what the new day would bring.",
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
    line(
        "{name} loved {interest} best of all.",
        "Of all the things in the world, {name} loved {interest} best, and {they} did not care "
        "who knew it.",
    ),
    line(
        "{They} knew a lot about {interest}.",
        "Ask {name} anything about {interest} and you would get an answer, a long one, with "
        "actions.",
    ),
    line(
        "{name} dreamed about {interest}.",
        "Most nights {name} dreamed about {interest}, and most mornings {they} woke up still "
        "smiling about it.",
    ),
    line(
        "{name} lit up at the very mention of {interest}.",
        "If you said the word {interest} anywhere near {name}, {their} eyes went wide and "
        "{their} smile went wider.",
    ),
    line(
        "{name} had a big, big love for {interest}.",
        "{name} had a love for {interest} so big that it filled the house, the garden and "
        "most of the car journeys too.",
    ),
    line(
        "Nothing could beat {interest}, said {name}.",
        "{name} had decided long ago that nothing in the world could beat {interest}, and "
        "nothing had changed {their} mind since.",
    ),
)

ALSO_LOVES = (
    "{They} also loved {interest2}, which {they} said was the second-best thing in the world.",
    "When {they_were} not thinking about {interest}, {name} was usually thinking about "
    "{interest2}.",
    "Then there was {interest2}, which came a very close second, and some days even first.",
    "{name} had room in {their} heart for {interest2} as well, because hearts are like that.",
    "On the days that were not about {interest}, they were usually about {interest2}.",
    "{name} also had a soft spot for {interest2}, and {they} were not shy about saying so.",
    "And nobody who knew {name} could forget {their} other great love: {interest2}.",
    "Second on {name_s} list of wonderful things, and only by a whisker, was {interest2}.",
)

HOME_RICH = (
    "{name} had a blanket fort in the corner of the room, strictly for friends and teddies only.",
    "On rainy days, {name} liked to press {their} nose to the window and make up stories about "
    "the people passing by.",
    "{Their} room was full of drawings, books and a slightly squashed teddy bear called Mr "
    "Buttons.",
    "On the windowsill sat a jar of treasures: a blue marble, a feather, a button and a "
    "pebble shaped like a heart.",
    "Every evening, {name} asked for one more story, and then, very politely, one more after that.",
    "{They} kept a secret notebook full of plans, maps and drawings of things that might "
    "exist somewhere.",
    "Under {their} bed lived a box of odd socks, lost crayons and at least three very old "
    "biscuits.",
    "On Saturdays, {they} built towers of cushions taller than the sofa and then knocked them "
    "down with a roar.",
    "{They} could spend a whole afternoon watching ants march across the garden path in a "
    "tidy line.",
    "In the bath, {they} made beards out of bubbles and told long stories to a rubber duck.",
    "{Their} favourite spot was the big armchair by the window, where the sun made a warm "
    "square on the cushion.",
    "On every walk, {they} collected shiny stones and gave each one a name and a story.",
    "At breakfast, {they} liked to make faces in {their} porridge with raisins and a spoon.",
)

GREETINGS = (
    '"There you are, {name}!" said {guide}. "Everyone in {world} has heard about you."',
    '"Psst, {name}!" whispered {guide}. "Fancy an adventure in {world}?"',
    '"Hello, {name}!" said {guide}. "Will you come with me to {world}?"',
    '"At last, I\'ve found you, {name}!" said {guide}. "Come with me to {world}!"',
    '"{name}, we need your help," said {guide}. "Please come with me to {world}!"',
)

WONDER = (
    "{name} pulled on a pair of shoes so fast that both ended up on the wrong feet, and {they} "
    "did not even mind.",
    'Somewhere inside, a small voice said, "This is it." {name} had been waiting for this day '
    "without even knowing it.",
    "{name} looked at {guide}, and {guide} looked back, and somehow they both knew that this "
    "was the start of something wonderful.",
    "It is not every day that an adventure comes calling, and {name} was not going to miss "
    "this one.",
    "{name} blinked, and then blinked again, just to be sure {they_were} not dreaming.",
    "{name} said yes before {guide} had even finished asking, and grabbed {their} coat.",
    "{name} felt a fizz of excitement all the way from {their} toes to the tip of {their} nose.",
    "{name} stuffed a torch, a snack and a very important pebble into {their} pocket, just "
    "in case.",
    "The garden suddenly seemed very small, and the world seemed very big and very inviting.",
    "{name} called goodbye over {their} shoulder and was out of the gate before the echo "
    "came back.",
    "{Their} heart did a little skip, the kind it only did on birthdays and the first day "
    "of the holidays.",
)

ON_THE_WAY = (
    '"Look down there!" cried {guide}, pointing.',
    '"Keep your eyes open," said {guide}. "There\'s so much to see!"',
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
    '"Hold on!" cried {guide}.',
    '"Quick, {name}, this way!" shouted {guide}.',
    '"What do we do now?" asked {guide}.',
    '"Oh dear, oh dear," said {guide}.',
    '"Be careful, {name}!" called {guide}.',
)

BRAVE = (
    "{name} counted to three, the way {they} always did before something difficult, and then "
    "{they} went for it.",
    "{name} felt {their} knees wobble, but {their} heart was steady, and a steady heart is the "
    "one that counts.",
    "{name} took a deep breath. {They_were} a little bit scared, but {they} did not let that "
    "stop {them}.",
    "{name} remembered what {their} family always said: brave is not the same as not scared. "
    "Brave is being scared and trying anyway.",
)

ONWARD = (
    'When it was over, {guide} let out a long breath. "Well," said {guide}, "that was exciting."',
    "Step by step, they made it through, and {name} felt a little taller on the other side.",
    "It was not easy, and it was not quick, but together they found a way.",
    "Afterwards, {guide} said it was the bravest thing ever, and {name} tried very hard not to "
    "look pleased.",
)

COURAGE = (
    line(
        "{name} thought about {interest} and smiled.",
        "{name} thought about {interest} for a moment, and the thought was so cheerful that the "
        "worry simply had to make room.",
    ),
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
    '"That\'s brilliant!" cried {guide}.',
    '"Let\'s try it," said {guide}, eyes shining.',
    '"You can do it," said {guide}. "I know you can."',
    '"I knew you\'d think of something," said {guide}.',
)

NEVER_GIVE_UP = (
    "Grown-ups say the best ideas arrive just when you need them, and it turned out they were "
    "right.",
    "{name} felt the idea grow and grow until there was no room left for worrying.",
    "Whenever things got tricky with {interest}, {name} never gave up, and {they_were} not "
    "going to give up now.",
    "{name} knew that big problems are just small problems stacked on top of each other, and "
    "small problems can be solved one at a time.",
)

BACK_HOME = (
    line(
        "Home at last! {name} ran inside.",
        "Home at last! {name} ran inside, bursting to tell everyone, but kept the best bits "
        "secret, just for now.",
    ),
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

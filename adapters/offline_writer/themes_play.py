"""Themes about playing: sport, music and the farm."""

from __future__ import annotations

from adapters.offline_writer.themes import Theme, kw, line, options, pairs, spots

SPORTS = Theme(
    key="sports",
    label="sports",
    keywords=kw(
        "football, soccer, cricket, sport, basketball, tennis, running, gymnastics, "
        "cycling, bike, rugby, ball, goal, hockey, karate, athletics, sports"
    ),
    icon="ball",
    world="the Rainbow Stadium",
    setting="stadium",
    time_of_day="day",
    guide="Bounce",
    guide_desc="a talking football with a big grin",
    guide_noun="ball",
    items=pairs("Rainbow Cup:trophy, golden whistle:whistle, team flag:flag, lucky ball:ball"),
    places=spots("on the Big Pitch:goal; on the Stadium Steps:house; on Windy Hill:mountain"),
    little=("team puppy", "dog"),
    event="the Big Match",
    home=line(
        "{name} loved running, jumping and kicking a ball.",
        "{name} loved running, jumping and kicking a ball against the garden wall, counting"
        " every kick out loud.",
        "ball",
    ),
    call=line(
        "Boing! A football bounced over the fence. It had a face! It was {guide}.",
        "Boing, boing! A football bounced over the fence, rolled to a stop and grinned. It "
        "was {guide}, {guide_desc}, and the team needed a new player.",
        "ball",
    ),
    journey=line(
        "They raced through a gate in the fence and into a huge stadium.",
        "They raced through a gate in the fence that {name} had never noticed before, and "
        "came out in a huge stadium full of cheering fans.",
        "flag",
    ),
    sights=(
        line(
            "The crowd waved flags and cheered.",
            "The crowd waved flags of every colour and sang so loudly that the seats shook.",
            "flag",
        ),
        line(
            "Players warmed up, stretching and jumping.",
            "Players were warming up, stretching, jumping and doing very serious knee lifts.",
            "ball",
        ),
    ),
    obstacles=(
        line(
            "Whoosh! A gust of wind blew the ball away!",
            "Whoosh! A gust of wind blew across the pitch and sent the ball rolling away, "
            "up the steps and out of sight.",
            "ball",
        ),
        line(
            "Splash! It rained, and the pitch turned to mud.",
            "It began to rain, and the pitch turned into a slippery, squelchy mud bath. "
            "Everyone was sliding about like penguins.",
            "cloud",
        ),
    ),
    cheer=line(
        "The crowd cheered and threw streamers.",
        "The crowd cheered, streamers rained down, and both teams did a lap of honour "
        "together, arm in arm.",
        "trophy",
    ),
    keepsake=line(
        "{guide} gave {name} a shiny medal.",
        'At the final whistle, {guide} gave {name} a shiny medal. "Not for winning," said '
        '{guide}, "for playing like a true friend."',
        "trophy",
    ),
    dream=line(
        "{name} dreamed of cheering crowds.",
        "That night, {name} dreamed of cheering crowds and a football with a big, happy grin.",
        "ball",
    ),
    sounds=options("Boing! | Goal!"),
    titles=options(
        "{name} Scores! | Team {name} | The Rainbow Cup | Kick-Off Kids | The Big Match"
    ),
    hooks=(
        "A talking football invites {name} to play in the Big Match.",
        "{name} joins a team of friends and learns what a real champion is.",
        "Cheering crowds, muddy boots and a very talkative ball: go, {name}!",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, joins a team in the Big Match.",
        "Goals, cheers and {interest}: {name} plays in the Big Match!",
    ),
)


MUSIC = Theme(
    key="music",
    label="music",
    keywords=kw(
        "music, singing, sing, song, dance, dancing, ballet, piano, guitar, drum, violin, "
        "band, instrument, disco, concert, dancer"
    ),
    icon="note",
    world="Melody Meadow",
    setting="outdoor",
    time_of_day="evening",
    guide="Tweet",
    guide_desc="a little songbird who could sing any tune",
    guide_noun="bird",
    items=pairs("silver flute:flute, golden drum:drum, song book:book, rainbow guitar:guitar"),
    places=spots(
        "in the Echo Hills:mountain; at the Bandstand:bandstand; on the Humming Bridge:bridge"
    ),
    little=("baby frog", "frog"),
    event="the Midsummer Concert",
    home=line(
        "{name} loved to sing and dance.",
        "{name} sang in the bath, danced in the kitchen and tapped out rhythms on every pot"
        " and pan in the house.",
        "note",
    ),
    call=line(
        "One evening, a songbird sang at the window. It was {guide}, {guide_desc}.",
        "One evening, the sweetest song floated in through the window. It came from "
        "{guide}, {guide_desc}, who had come to ask for help.",
        "bird",
    ),
    journey=line(
        "They followed the music over the hill to Melody Meadow.",
        "They followed the music over the hill, where the grass hummed, the flowers rang "
        "like tiny bells, and the path played a note with every step.",
        "flower",
    ),
    sights=(
        line(
            "Flowers rang like tiny bells.",
            "The flowers rang like tiny bells whenever the breeze blew, and the bees buzzed"
            " along in harmony.",
            "flower",
        ),
        line(
            "Crickets played their violins.",
            "A band of crickets sat on a mushroom, playing tiny violins and taking their "
            "music very seriously.",
            "note",
        ),
    ),
    obstacles=(
        line(
            "Oh no! Every song had gone out of tune!",
            "Every song in the meadow had gone out of tune, and the bells clanged, the bees"
            " buzzed sour notes and a goose honked in the wrong key.",
            "note",
        ),
        line(
            "A storm rumbled, and the music was drowned out.",
            "A storm rumbled over the hills, so loud that it drowned out every song, and "
            "the little birds hid under the leaves.",
            "cloud",
        ),
    ),
    cheer=line(
        "Everyone sang and danced under the stars.",
        "Everyone sang and danced under the stars, and the music floated up so high that "
        "the moon hummed along.",
        "note",
    ),
    keepsake=line(
        "{guide} sang {name} a song to keep.",
        'Before {name} left, {guide} sang a special song, just for {them}. "Hum it whenever'
        ' you need me," said {guide}.',
        "note",
    ),
    dream=line(
        "{name} dreamed of singing flowers.",
        "That night, {name} dreamed of humming meadows and a songbird singing a lullaby.",
        "bird",
    ),
    sounds=options("La-la-la! | Ting!"),
    titles=options(
        "{name} and the Band | The Melody Makers | Sing Along, {name}! | The Silver Flute |"
        " Melody Meadow"
    ),
    hooks=(
        "A songbird leads {name} to a meadow where the flowers sing.",
        "{name} helps the musicians of Melody Meadow find their song.",
        "Drums, flutes and a singing bird: {name} joins the band.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, joins a band in Melody Meadow.",
        "Songs, drums and {interest}: {name} makes music!",
    ),
)


FARM = Theme(
    key="farm",
    label="farm",
    keywords=kw(
        "farm, farm animals, cow, sheep, pig, chicken, tractor, duck, goat, garden, "
        "gardening, vegetable, countryside, dog, cat, pet, puppy, kitten, bunny, rabbit, "
        "hen"
    ),
    icon="tractor",
    world="the countryside",
    setting="farm",
    time_of_day="morning",
    guide="Daisy",
    guide_desc="a spotty cow who told terrible jokes",
    guide_noun="cow",
    items=pairs("weather vane:vane, prize pumpkin:pumpkin, blue ribbon:ribbon, golden egg:egg"),
    places=spots("in the Big Red Barn:barn; by the Duck Pond:pond; in the Apple Orchard:tree"),
    little=("lamb", "sheep"),
    event="the Harvest Fair",
    home=line(
        "{name} loved animals, especially the noisy ones.",
        "{name} loved animals, especially the noisy ones, and could moo, oink and cluck "
        "better than anyone in the family.",
        "cow",
    ),
    call=line(
        "Moo! A cow was looking over the garden fence. It was {guide}!",
        "Moo! A cow was looking over the garden fence, chewing thoughtfully. It was "
        "{guide}, {guide_desc}, and it had come from Sunny Hill Farm.",
        "cow",
    ),
    journey=line(
        "They rode a bumpy tractor up the lane to Sunny Hill Farm.",
        "They climbed onto a big red tractor and bumped up the lane, past hedges full of "
        "blackberries, all the way to Sunny Hill Farm.",
        "tractor",
    ),
    sights=(
        line(
            "Hens clucked, and piglets splashed in the mud.",
            "Hens clucked in the yard, piglets splashed in a puddle, and a goat was trying "
            "very hard to eat a scarecrow's hat.",
            "pig",
        ),
        line(
            "Fields of golden wheat swayed in the breeze.",
            "Fields of golden wheat swayed in the breeze, and a windmill turned slowly on "
            "the top of the hill.",
            "windmill",
        ),
    ),
    obstacles=(
        line(
            "The sheep had escaped! They were everywhere!",
            "The gate had blown open, and the sheep had escaped. They were in the garden, "
            "in the orchard, and one was even in the farmhouse kitchen.",
            "sheep",
        ),
        line(
            "Splat! The path was one big puddle.",
            "Splat! It had rained all night, and the path was one enormous puddle that went"
            " all the way up to {name_s} knees.",
            "pond",
        ),
    ),
    cheer=line(
        "Everyone danced in the barn.",
        "Everyone danced in the barn: the cows, the hens, the pigs, and one very proud "
        "sheep wearing a rosette.",
        "barn",
    ),
    keepsake=line(
        "{guide} gave {name} a fresh, shiny apple.",
        'At the gate, {guide} gave {name} a shiny red apple. "Why do cows wear bells?" '
        'asked {guide}. "Because their horns don\'t work!" They both groaned and laughed.',
        "apple",
    ),
    dream=line(
        "{name} dreamed of moos and clucks.",
        "That night, {name} dreamed of moos, clucks and a cow telling terrible jokes under "
        "the moon.",
        "cow",
    ),
    sounds=options("Moo! | Cluck, cluck!"),
    titles=options(
        "{name} on the Farm | Sunny Hill Farm | Down on the Farm | Farmer {name} | The "
        "Muddy Boots Club"
    ),
    hooks=(
        "A joke-telling cow invites {name} to help out at Sunny Hill Farm.",
        "Tractors, piglets and a runaway flock: {name} saves the day!",
        "{name} spends a muddy, happy day on the farm.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, helps out at Sunny Hill Farm.",
        "Cows, tractors and {interest}: {name} goes to the farm!",
    ),
)


PLAY_THEMES = (SPORTS, MUSIC, FARM)

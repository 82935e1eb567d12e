"""Themes up in the sky: space, weather and dragons."""

from __future__ import annotations

from adapters.offline_writer.themes import Theme, kw, line, options, pairs, spots

SPACE = Theme(
    key="space",
    label="space",
    keywords=kw(
        "space, rocket, astronaut, planet, moon, galaxy, alien, comet, spaceship, universe,"
        " solar, astronomy, stars, outer space"
    ),
    icon="rocket",
    world="the stars",
    setting="space",
    time_of_day="night",
    guide="Bleep",
    guide_desc="a small green alien with three blinking eyes",
    guide_noun="alien",
    items=pairs("star map:map, moon lantern:lantern, comet kite:kite, rocket key:key"),
    places=spots("on the Moon:moon; on Planet Wobble:planet; in the Comet Caves:mountain"),
    little=("baby star", "star"),
    event="the Starlight Parade",
    home=line(
        "{name} had a toy rocket and a window full of stars.",
        "Every night, {name} looked out of the window and counted the stars. {They} always "
        "wondered whether somebody up there was counting back.",
        "star",
    ),
    call=line(
        "One night, a tiny spaceship landed in the garden. Out hopped {guide}, {guide_desc}.",
        "One night, something bright whizzed past the window and landed with a bump in the "
        "garden. It was a tiny spaceship, and out hopped {guide}, {guide_desc}.",
        "rocket",
    ),
    journey=line(
        "Whoosh! The rocket zoomed up, up, up, past the clouds and into the stars.",
        "{name} buckled up, {guide} pressed the big red button, and whoosh! The rocket "
        "zoomed past the clouds, past the birds, and out into the velvet dark of space.",
        "rocket",
    ),
    sights=(
        line(
            "Planets spun like marbles. Comets swished by.",
            "All around them, planets spun like giant marbles, and comets swished past with"
            " glittering tails.",
            "planet",
        ),
        line(
            "Far below, the Earth looked like a blue and green ball.",
            "Far, far below, the Earth looked like a blue and green ball, small enough to "
            "hold in one hand.",
            "planet",
        ),
    ),
    obstacles=(
        line(
            "Zip! Zap! Space rocks flew past. {name} held on tight.",
            "Suddenly, a shower of space rocks came tumbling towards them. Zip! Zap! {name}"
            " steered left, then right, and the rocks bounced harmlessly away.",
            "star",
        ),
        line(
            "A sleepy space whale was floating right across the path!",
            "A huge space whale was floating right across their path, fast asleep and "
            "snoring softly. Nobody could get past until it woke up.",
            "whale",
        ),
    ),
    cheer=line(
        "Everyone danced on the Moon, bouncing high into the air.",
        "Everyone danced on the Moon, bouncing so high that they could almost touch the "
        "passing comets.",
        "moon",
    ),
    keepsake=line(
        "{guide} gave {name} a tiny star to keep.",
        "Before the rocket flew home, {guide} pressed a tiny, twinkling star into {name_s} "
        'hand. "So you never forget the way back," {guide} whispered.',
        "star",
    ),
    dream=line(
        "{name} dreamed of rockets and friendly aliens.",
        "That night, {name} dreamed of rockets, comets and a little green friend waving "
        "from the Moon.",
        "moon",
    ),
    sounds=options("Whoosh! | Beep-beep!"),
    titles=options(
        "{name} in Space | Captain {name} | Astronaut {name} | Rocket Days | The Star "
        "Sailors | Moon Mission"
    ),
    hooks=(
        "{name} blasts off with an alien friend to explore the stars.",
        "A spaceship lands in the garden, and {name} climbs aboard.",
        "Captain {name} steers a little rocket from planet to planet.",
    ),
    interest_hooks=(
        "{name} takes {their} love of {interest} all the way to the Moon.",
        "Rockets, planets and {interest}: {name} explores space!",
    ),
)


WEATHER = Theme(
    key="weather",
    label="weather",
    keywords=kw(
        "weather, rain, rainbow, cloud, sunshine, storm, wind, kite, thunder, umbrella, "
        "puddle, sky, lightning"
    ),
    icon="rainbow",
    world="the Cloud Kingdom",
    setting="sky",
    time_of_day="day",
    guide="Nimbus",
    guide_desc="a fluffy little cloud with a big smile",
    guide_noun="cloud",
    items=pairs(
        "rainbow paintbrush:brush, wind whistle:whistle, sunshine jar:jar, thunder drum:drum"
    ),
    places=spots(
        "in Drizzle Valley:umbrella; on the Windmill Hill:windmill; at the Top of the Sky:rainbow"
    ),
    little=("baby raindrop", "raindrop"),
    event="the Rainbow Festival",
    home=line(
        "{name} loved jumping in puddles.",
        "{name} loved jumping in puddles, flying kites on windy days and watching the "
        "clouds turn into animals.",
        "kite",
    ),
    call=line(
        "One day, a little cloud floated down to the garden. It was {guide}!",
        "One day, a little cloud floated down and settled on the garden swing. It was "
        "{guide}, {guide_desc}, and it looked rather worried.",
        "cloud",
    ),
    journey=line(
        "{name} hopped on, and up they floated to the Cloud Kingdom.",
        "{name} climbed onto {guide}, which felt like sitting on a warm marshmallow, and up"
        " they floated, higher than the kites, to the Cloud Kingdom.",
        "cloud",
    ),
    sights=(
        line(
            "Clouds shaped like sheep drifted by.",
            "Clouds shaped like sheep, teapots and elephants drifted by, and the wind "
            "whistled a cheerful tune.",
            "cloud",
        ),
        line(
            "A rainbow arched across the sky.",
            "A rainbow arched across the sky like a bridge, and the sun sat at the end of "
            "it, polishing its rays.",
            "rainbow",
        ),
    ),
    obstacles=(
        line(
            "Boom! A storm cloud rumbled and grumbled.",
            "Boom! A big grey storm cloud rumbled and grumbled, throwing raindrops around "
            "like a toddler throwing peas.",
            "cloud",
        ),
        line(
            "The wind blew and blew! Hold on!",
            "The North Wind blew so hard that {name} had to hold on to {guide} with both "
            "hands and both feet.",
            "kite",
        ),
    ),
    cheer=line(
        "Rainbows popped up everywhere!",
        "Rainbows popped up all over the sky, the sun beamed, and the clouds bounced about "
        "like happy sheep.",
        "rainbow",
    ),
    keepsake=line(
        "{guide} gave {name} a tiny rainbow in a jar.",
        'Before floating away, {guide} gave {name} a tiny rainbow in a jar. "For grey '
        'days," said {guide}.',
        "rainbow",
    ),
    dream=line(
        "{name} dreamed of floating on clouds.",
        "That night, {name} dreamed of floating on soft clouds, high above the sleeping town.",
        "cloud",
    ),
    sounds=options("Pitter-patter! | Whoosh!"),
    titles=options(
        "{name} and the Rainbow | Cloud Catchers | The Weather Makers | Over the Rainbow | "
        "Sunshine and Showers"
    ),
    hooks=(
        "A little cloud floats down and carries {name} up to the Cloud Kingdom.",
        "Storms, rainbows and a very fluffy friend: {name} explores the sky.",
        "{name} helps a worried cloud put the sunshine back in the sky.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, floats up to the Cloud Kingdom.",
        "Clouds, rainbows and {interest}: {name} explores the sky!",
    ),
)


DRAGONS = Theme(
    key="dragons",
    label="dragon",
    keywords=kw("dragon, wings, flying"),
    icon="dragon",
    world="Dragon Valley",
    setting="outdoor",
    time_of_day="evening",
    guide="Ember",
    guide_desc="a small dragon who sneezed sparks",
    guide_noun="dragon",
    items=pairs("fire gem:gem, dragon egg:egg, cloud map:map, silver scale:shield"),
    places=spots(
        "in the Misty Mountains:mountain; in the Crystal Cave:cave; in the Cloud Meadow:cloud"
    ),
    little=("baby dragon", "dragon"),
    event="the Sky Lantern Festival",
    home=line(
        "{name} loved drawing dragons.",
        "{name} drew dragons on everything: on paper, on the fogged-up window, and once, "
        "very small, inside a library book.",
        "dragon",
    ),
    call=line(
        "One evening, a little dragon landed on the roof. Atchoo! It was {guide}!",
        "One evening, a little dragon landed on the roof and sneezed. Atchoo! A shower of "
        "sparks fizzled out harmlessly. It was {guide}, {guide_desc}.",
        "dragon",
    ),
    journey=line(
        "{name} climbed on, and they flew up into the clouds.",
        "{name} climbed onto {guide}, held on tight, and they flew up through the pink "
        "evening clouds to Dragon Valley.",
        "dragon",
    ),
    sights=(
        line(
            "Dragons of every colour flew past.",
            "Dragons of every colour flew past: red ones, gold ones, and one tiny purple "
            "dragon practising loop-the-loops.",
            "dragon",
        ),
        line(
            "Waterfalls tumbled down the mountains.",
            "Silver waterfalls tumbled down the mountains, and rainbows hung in the spray "
            "like washing on a line.",
            "rainbow",
        ),
    ),
    obstacles=(
        line(
            "Rumble! Rocks were rolling down the hill!",
            "Rumble, rumble! Rocks came rolling down the mountainside, and {guide} had to "
            "swerve and swoop to dodge them.",
            "mountain",
        ),
        line(
            "A thundercloud flashed and grumbled.",
            "A grumpy thundercloud flashed and grumbled right in their way, and the wind "
            "pushed them backwards.",
            "cloud",
        ),
    ),
    cheer=line(
        "Lanterns floated up into the sky.",
        "Hundreds of paper lanterns floated up into the dark blue sky, and the dragons "
        "breathed tiny puffs of fire to make them glow.",
        "lantern",
    ),
    keepsake=line(
        "{guide} gave {name} a warm, shiny scale.",
        "When it was time to go, {guide} gave {name} a shiny scale that stayed warm, like a"
        " hug you could keep in your pocket.",
        "shield",
    ),
    dream=line(
        "{name} dreamed of flying with dragons.",
        "That night, {name} dreamed of soaring over mountains with a small dragon who "
        "sneezed sparks.",
        "dragon",
    ),
    sounds=options("Atchoo! | Flap, flap!"),
    titles=options(
        "{name} and the Dragon | Dragon Friends | Dragon Valley | The Dragon Rider | Wings "
        "and Sparks"
    ),
    hooks=(
        "A small dragon who sneezes sparks asks {name} for help.",
        "{name} flies over the Misty Mountains to the home of the dragons.",
        "Dragons, lanterns and a valley in the clouds: {name} takes flight.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, flies off with a friendly dragon.",
        "Dragons, clouds and {interest}: {name} takes flight!",
    ),
)


SKY_THEMES = (SPACE, WEATHER, DRAGONS)

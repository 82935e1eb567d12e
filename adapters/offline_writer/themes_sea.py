"""Themes by and under the water, and on the ice: ocean, pirates, the snowy north."""

from __future__ import annotations

from adapters.offline_writer.themes import Theme, kw, line, options, pairs, spots

OCEAN = Theme(
    key="ocean",
    label="ocean",
    keywords=kw(
        "ocean, sea, fish, shark, whale, mermaid, dolphin, octopus, underwater, coral, "
        "beach, seaside, turtle, shell, crab, seahorse"
    ),
    icon="fish",
    world="the deep blue sea",
    setting="underwater",
    time_of_day="day",
    guide="Shelly",
    guide_desc="a friendly sea turtle with a shell like a shiny green shield",
    guide_noun="turtle",
    items=pairs("pearl crown:crown, shell trumpet:shell, coral key:key, treasure chest:chest"),
    places=spots("in the Coral Garden:seaweed; at Whale Rock:whale; in the Kelp Forest:seaweed"),
    little=("baby octopus", "octopus"),
    event="the Seashell Festival",
    home=line(
        "{name} had a bucket full of seashells from the beach.",
        "{name} kept a bucket of seashells by the bed. Holding one to {their} ear, {name} "
        "could hear the sea whispering secrets.",
        "shell",
    ),
    call=line(
        "One sunny day at the beach, a sea turtle popped out of the waves. It was {guide}!",
        "One sunny day at the beach, a head popped out of the waves. It belonged to "
        "{guide}, {guide_desc}.",
        "turtle",
    ),
    journey=line(
        "Splash! Down they dived, deep into the blue sea.",
        "{guide} blew a magic bubble for {name} to breathe in, and splash! Down they dived,"
        " past silver fish and swaying seaweed, deep into the blue.",
        "fish",
    ),
    sights=(
        line(
            "Fish of every colour swam by. Some were stripy, some were spotty!",
            "Fish of every colour darted past: stripy ones, spotty ones, and one grumpy "
            "pufferfish who puffed up like a balloon.",
            "fish",
        ),
        line(
            "A huge whale sang a slow, deep song.",
            "Far away, a huge whale was singing a slow, deep song that made the water hum "
            "and tickled {name} all over.",
            "whale",
        ),
    ),
    obstacles=(
        line(
            "A grumpy crab snapped its claws. Snip, snap!",
            "A grumpy crab blocked the path, snapping its claws. Snip, snap! {name} spoke "
            "softly and kindly until the crab shuffled aside.",
            "crab",
        ),
        line(
            "A strong current pulled them this way and that!",
            "A strong current swept them this way and that, spinning them like socks in a "
            "washing machine, until {name} grabbed a rock and held on.",
            "seaweed",
        ),
    ),
    cheer=line(
        "The fish danced, and the whale sang a happy song.",
        "Fish twirled in shining circles, the octopuses waved every one of their arms, and "
        "the whale sang the happiest song the sea had ever heard.",
        "fish",
    ),
    keepsake=line(
        "{guide} gave {name} a shiny pearl to keep.",
        'When it was time to go, {guide} gave {name} a shiny pearl. "Hold it close," said '
        '{guide}, "and you will always hear the sea."',
        "shell",
    ),
    dream=line(
        "{name} dreamed of waves and glowing fish.",
        "That night, {name} dreamed of gentle waves, glowing fish and a sea turtle waving goodbye.",
        "fish",
    ),
    sounds=options("Splash! | Blub, blub!"),
    titles=options(
        "{name} Under the Sea | {name} and the Big Blue | Deep Blue Friends | The Seashell "
        "Secret | Ocean Explorers"
    ),
    hooks=(
        "{name} dives deep with a sea turtle to explore a secret coral world.",
        "A turtle, a map and the deep blue sea: {name} takes the plunge!",
        "Under the waves, {name} makes friends with fish, crabs and a whale.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, dives down to a secret coral world.",
        "Under the sea, {name} finds new friends who love {interest} too.",
    ),
)


PIRATES = Theme(
    key="pirates",
    label="pirate",
    keywords=kw("pirate, treasure, ship, boat, sailing, island, captain, sailor"),
    icon="ship",
    world="Treasure Bay",
    setting="sea",
    time_of_day="day",
    guide="Polly",
    guide_desc="a parrot who knew every map by heart",
    guide_noun="parrot",
    items=pairs("treasure map:map, golden compass:compass, treasure chest:chest, ship's bell:bell"),
    places=spots("on Turtle Island:island; in Coconut Cove:palm; by the Old Lighthouse:lighthouse"),
    little=("little crab", "crab"),
    event="the Pirate Party",
    home=line(
        "{name} loved playing pirates in the bath.",
        "{name} had a paper pirate hat and a bath full of toy boats, and every bath time "
        "was a voyage across the stormy seas.",
        "boat",
    ),
    call=line(
        'One day, a parrot landed on the windowsill. "Ahoy!" said {guide}. "The ship needs '
        'a captain!"',
        'One day, a parrot landed on the windowsill. "Ahoy there!" squawked {guide}, '
        '{guide_desc}. "The good ship Pickle needs a new captain!"',
        "parrot",
    ),
    journey=line(
        "{name} climbed aboard, and the ship sailed off over the waves.",
        "{name} climbed aboard the good ship Pickle, pulled up the anchor, and the ship "
        "sailed out over the sparkling waves with its sails full of wind.",
        "boat",
    ),
    sights=(
        line(
            "Dolphins jumped beside the ship.",
            "Dolphins leapt beside the ship, racing it and chattering, and flying fish "
            "skipped across the water like stones.",
            "fish",
        ),
        line(
            "Gulls swooped, and the sails went flap, flap!",
            "Seagulls swooped overhead, the sails went flap, flap, flap, and the whole crew"
            " sang a song about a sailor who lost a sock.",
            "bird",
        ),
    ),
    obstacles=(
        line(
            "Dark clouds! A storm was coming!",
            "Dark clouds rolled in, and the sea grew wild. The ship rocked up and down, but"
            ' {name} held the wheel steady and called out, "Hold on, everyone!"',
            "cloud",
        ),
        line(
            "Bump! The ship got stuck on a sandbank.",
            "Bump! The ship stopped with a jolt, stuck fast on a sandbank, and no amount of"
            " pushing would move it.",
            "boat",
        ),
    ),
    cheer=line(
        "The crew sang sea songs and danced on the deck.",
        "The crew sang sea songs, danced a jig on the deck and ate so many coconut cakes "
        "that the ship sat a little lower in the water.",
        "boat",
    ),
    keepsake=line(
        "{guide} gave {name} a gold coin to keep.",
        'Back at the harbour, {guide} dropped a shiny gold coin into {name_s} hand. "Every '
        'captain needs one," said {guide}. "For luck."',
        "coin",
    ),
    dream=line(
        "{name} dreamed of sails and sparkling waves.",
        "That night, {name} dreamed of white sails, sparkling waves and a parrot singing "
        "sea shanties.",
        "boat",
    ),
    sounds=options("Ahoy! | Splash!"),
    titles=options(
        "Pirate {name} | {name} Sets Sail | The Treasure Crew | Ahoy, {name}! | The Good "
        "Ship Pickle"
    ),
    hooks=(
        "A parrot asks {name} to be captain of the good ship Pickle.",
        "Storms, islands and treasure maps: Captain {name} sets sail!",
        "{name} and a clever parrot sail the seas in search of adventure.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, becomes captain of a pirate ship.",
        "Parrots, treasure and {interest}: {name} sets sail!",
    ),
)


ARCTIC = Theme(
    key="arctic",
    label="snowy",
    keywords=kw(
        "snow, ice, penguin, polar, arctic, winter, skating, christmas, snowman, igloo, "
        "cold, skiing, frozen, sledge, sled, antarctica"
    ),
    icon="snowman",
    world="the frozen north",
    setting="snowy",
    time_of_day="day",
    guide="Pebble",
    guide_desc="a penguin who loved sliding on its tummy",
    guide_noun="penguin",
    items=pairs("ice crown:crown, silver sledge:sled, frost bell:bell, snowflake star:star"),
    places=spots("at the Ice Palace:castle; on the Frozen Lake:pond; on Snowball Hill:mountain"),
    little=("polar bear cub", "bear"),
    event="the Northern Lights Party",
    home=line(
        "{name} loved snowy days.",
        "Whenever it snowed, {name} was the first one outside, building snowmen and "
        "catching snowflakes on {their} tongue.",
        "snowman",
    ),
    call=line(
        "One frosty morning, a penguin knocked on the door. It was {guide}!",
        "One frosty morning, there was a knock at the door. Standing on the doormat was "
        "{guide}, {guide_desc}, holding a map of the frozen north.",
        "penguin",
    ),
    journey=line(
        "Whizz! They zoomed north on a sledge, over the snow and ice.",
        "They hopped on a sledge and whizzed north, faster and faster, over snowy hills and"
        " glittering ice, until the air tasted of peppermint.",
        "sled",
    ),
    sights=(
        line(
            "Snowflakes twirled like tiny dancers.",
            "Snowflakes twirled down like tiny dancers, each one a different shape, and "
            "settled softly on {name_s} hat.",
            "snowflake",
        ),
        line(
            "A family of polar bears waved hello.",
            "A family of polar bears waved from an icy hill, and a walrus with a "
            "magnificent moustache nodded politely.",
            "bear",
        ),
    ),
    obstacles=(
        line(
            "Crack! The ice began to split!",
            "Crack! The ice under their feet began to split. {name} grabbed {guide} and "
            "hopped from one floating piece to the next until they reached the shore.",
            "pond",
        ),
        line(
            "A blizzard blew, and everything turned white!",
            "A blizzard came howling across the plain, and everything turned white. {name} "
            "could not even see the end of {their} own nose.",
            "snowflake",
        ),
    ),
    cheer=line(
        "Green and purple lights danced across the sky.",
        "Ribbons of green and purple light danced across the sky, and everybody slid, spun "
        "and skated beneath them.",
        "star",
    ),
    keepsake=line(
        "{guide} gave {name} a snowflake that never melted.",
        "At the end of the day, {guide} gave {name} a snowflake that would never melt. It "
        "sparkled like a tiny star.",
        "snowflake",
    ),
    dream=line(
        "{name} dreamed of snow and sliding penguins.",
        "That night, {name} dreamed of soft snow, dancing lights and a penguin sliding "
        "along on its tummy.",
        "penguin",
    ),
    sounds=options("Whizz! | Crunch, crunch!"),
    titles=options(
        "{name} on Ice | Snow Day Heroes | {name} and the Penguin | The Frozen North | Penguin Post"
    ),
    hooks=(
        "A penguin knocks on the door and takes {name} to the frozen north.",
        "Sledges, snowflakes and polar bears: {name} explores the ice.",
        "{name} and a sliding penguin whizz through a land of snow.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, zooms north to a land of snow and ice.",
        "Penguins, snow and {interest}: {name} heads for the frozen north!",
    ),
)


SEA_THEMES = (OCEAN, PIRATES, ARCTIC)

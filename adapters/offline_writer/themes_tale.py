"""Themes from tales: castles, a magic forest and superheroes."""

from __future__ import annotations

from adapters.offline_writer.themes import Theme, kw, line, options, pairs, spots

CASTLE = Theme(
    key="castle",
    label="castle",
    keywords=kw(
        "castle, knight, princess, prince, king, queen, royal, crown, kingdom, fairy tale, "
        "fairytale, medieval, horse, pony, horses"
    ),
    icon="castle",
    world="the kingdom of Hilltop",
    setting="outdoor",
    time_of_day="day",
    guide="Clover",
    guide_desc="a brave white pony with a plaited mane",
    guide_noun="horse",
    items=pairs("royal crown:crown, silver shield:shield, castle key:key, magic mirror:mirror"),
    places=spots(
        "in the Tallest Tower:tower; in the Royal Garden:flower; in the Great Hall:castle"
    ),
    little=("royal kitten", "cat"),
    event="the Grand Feast",
    home=line(
        "{name} loved stories about castles and knights.",
        "{name} had a cardboard castle in the corner of the room, with a drawbridge made "
        "from a shoebox lid and a flag that was once a sock.",
        "castle",
    ),
    call=line(
        "One day, a white pony trotted up to the gate. It was {guide}, with a letter from "
        "the Queen!",
        "One day, a white pony trotted up to the garden gate. It was {guide}, {guide_desc},"
        " carrying a letter sealed with golden wax. It was from the Queen!",
        "horse",
    ),
    journey=line(
        "Clip-clop! They rode over the hills to a shining castle.",
        "{name} climbed into the saddle, and clip-clop, clip-clop, they rode over seven "
        "green hills until a shining castle rose up in front of them.",
        "castle",
    ),
    sights=(
        line(
            "Flags fluttered on every tower.",
            "Flags of every colour fluttered from the towers, and trumpeters on the walls "
            "played a welcome tune.",
            "castle",
        ),
        line(
            "Knights were practising in the courtyard.",
            "In the courtyard, knights in shiny armour were practising, although one of "
            "them kept falling over with a loud clang.",
            "shield",
        ),
    ),
    obstacles=(
        line(
            "The drawbridge was stuck up high!",
            "The drawbridge was stuck, high up in the air, and the chains would not budge "
            "however hard the guards pulled.",
            "castle",
        ),
        line(
            "A maze of hedges twisted this way and that.",
            "A maze of tall hedges twisted this way and that, and every path seemed to lead"
            " back to the same grumpy garden gnome.",
            "tree",
        ),
    ),
    cheer=line(
        "There was a grand feast with cakes and music.",
        "There was a grand feast with towers of cake, jugs of lemonade and music that made "
        "even the stone statues want to dance.",
        "cake",
    ),
    keepsake=line(
        "The Queen gave {name} a tiny golden medal.",
        'Before {name} left, the Queen pinned a tiny golden medal on {their} chest. "For '
        'the bravest guest Hilltop has ever had," said the Queen.',
        "crown",
    ),
    dream=line(
        "{name} dreamed of castles in the clouds.",
        "That night, {name} dreamed of castles in the clouds and a white pony trotting "
        "through the stars.",
        "castle",
    ),
    sounds=options("Clip-clop! | Ta-da!"),
    titles=options(
        "{name} of Hilltop | The Castle Quest | Knight for a Day | {name} and the Crown | "
        "The Royal Pony"
    ),
    hooks=(
        "A letter from the Queen invites {name} to a castle on a hill.",
        "{name} rides a brave white pony to help a kingdom in a muddle.",
        "Towers, knights and a royal feast: {name} visits Hilltop Castle.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, is invited to a royal castle.",
        "Knights, towers and {interest}: {name} rides to Hilltop!",
    ),
)


MAGIC_FOREST = Theme(
    key="magic_forest",
    label="magic forest",
    keywords=kw(
        "magic, fairy, unicorn, wizard, witch, spell, elf, forest, woods, enchanted, gnome,"
        " mushroom, owl, fairies, elves"
    ),
    icon="mushroom",
    world="the Whispering Wood",
    setting="forest",
    time_of_day="evening",
    guide="Hoot",
    guide_desc="a wise little owl in round spectacles",
    guide_noun="owl",
    items=pairs("wishing stone:gem, fairy lantern:lantern, golden acorn:acorn, magic wand:wand"),
    places=spots(
        "in the Mushroom Ring:mushroom; by the Moonlit Pond:pond; under the Oldest Oak:tree"
    ),
    little=("baby unicorn", "unicorn"),
    event="the Firefly Ball",
    home=line(
        "{name} believed in magic, just a little bit.",
        "{name} believed in magic, just a little bit, and always left a crumb of biscuit on"
        " the windowsill in case a fairy came by.",
        "mushroom",
    ),
    call=line(
        "One evening, an owl tapped on the window. It was {guide}, {guide_desc}.",
        "One evening, there was a tap, tap, tap at the window. Perched outside was {guide},"
        " {guide_desc}, holding a leaf with a message written in silver.",
        "owl",
    ),
    journey=line(
        "They followed a path of glowing stones into the Whispering Wood.",
        "They followed a path of glowing stones past the garden fence and into the "
        "Whispering Wood, where the trees murmured hello as they passed.",
        "tree",
    ),
    sights=(
        line(
            "Fireflies twinkled like tiny stars.",
            "Fireflies twinkled between the branches like tiny stars, and mushrooms glowed "
            "softly blue and pink along the path.",
            "mushroom",
        ),
        line(
            "A fox in a scarf waved hello.",
            "A fox in a knitted scarf waved from a doorway in a tree trunk, and somewhere a"
            " badger was humming a tune.",
            "fox",
        ),
    ),
    obstacles=(
        line(
            "The path split into three! Which way now?",
            "The path split into three, and each one looked exactly like the others. {name}"
            ' listened carefully, and one of the trees whispered, "Left."',
            "tree",
        ),
        line(
            "A thick fog rolled in. They could not see a thing!",
            "A thick, silvery fog rolled between the trees until {name} could not see a "
            "thing, not even {guide}, who was right there.",
            "cloud",
        ),
    ),
    cheer=line(
        "Fireflies lit up the sky, and everyone danced.",
        "Thousands of fireflies lit up the sky, the trees swayed to the music, and the "
        "rabbits danced a very fast polka.",
        "mushroom",
    ),
    keepsake=line(
        "{guide} gave {name} a feather that glowed in the dark.",
        "At the edge of the wood, {guide} gave {name} a feather that glowed softly in the "
        'dark. "For the nights when you need a little light," said {guide}.',
        "owl",
    ),
    dream=line(
        "{name} dreamed of fireflies and a wise little owl.",
        "That night, {name} dreamed of glowing mushrooms, dancing fireflies and an owl in "
        "round spectacles.",
        "owl",
    ),
    sounds=options("Twinkle! | Hoo-hoo!"),
    titles=options(
        "{name} and the Owl | The Whispering Wood | Magic Forest Tales | {name} in the "
        "Woods | The Firefly Ball"
    ),
    hooks=(
        "A wise owl leads {name} into a forest where the trees can talk.",
        "Glowing mushrooms, fireflies and a baby unicorn: {name} finds magic.",
        "{name} follows a path of glowing stones into an enchanted wood.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, finds a forest full of magic.",
        "Fireflies, fairies and {interest}: {name} explores a magic wood!",
    ),
)


SUPERHEROES = Theme(
    key="superheroes",
    label="superhero",
    keywords=kw(
        "superhero, hero, spiderman, spider-man, batman, superman, cape, superpower, "
        "marvel, avengers, super"
    ),
    icon="star",
    world="Sky City",
    setting="city",
    time_of_day="day",
    guide="Zap",
    guide_desc="a super-fast flying dog in a bright red cape",
    guide_noun="dog",
    items=pairs("power crystal:gem, hero badge:star, signal lamp:lantern, city key:key"),
    places=spots("at the Clock Tower:tower; on Rainbow Bridge:bridge; in the City Park:tree"),
    little=("kitten", "cat"),
    event="the Hero Parade",
    home=line(
        "{name} had a cape made from an old blue towel.",
        "{name} had a cape made from an old blue towel, and wearing it made {them} feel "
        "about ten times braver than usual.",
        "star",
    ),
    call=line(
        "One day, a dog in a red cape zoomed down from the sky. It was {guide}!",
        "One day, a dog in a red cape zoomed down from the sky and landed on the lawn with "
        "a skid. It was {guide}, {guide_desc}, and the city needed help.",
        "dog",
    ),
    journey=line(
        "Whoosh! They flew over the rooftops to Sky City.",
        "{name} tied on {their} cape, took a run-up, and whoosh! They flew over the "
        "rooftops, past the pigeons and into the shining towers of Sky City.",
        "cloud",
    ),
    sights=(
        line(
            "Tall towers glittered in the sun.",
            "Tall towers glittered in the sun, and everyone in the streets below looked up "
            "and waved.",
            "tower",
        ),
        line(
            "A window cleaner waved from a very high window.",
            "A window cleaner waved from the very top of the tallest tower, and a pigeon "
            "gave a small, polite salute.",
            "bird",
        ),
    ),
    obstacles=(
        line(
            "A big gust of wind blew them off course!",
            "A huge gust of wind blew them off course and spun them round like sycamore "
            "seeds, until {name} spread {their} arms wide and steadied them.",
            "cloud",
        ),
        line(
            "All the traffic lights went wonky!",
            "All the traffic lights in the city went wonky, flashing red, green, red, "
            "green, and the buses tooted in a terrible muddle.",
            "bus",
        ),
    ),
    cheer=line(
        "The whole city cheered for the heroes.",
        "The whole city cheered, streamers flew from the windows, and a brass band played a"
        " tune written especially for the occasion.",
        "balloon",
    ),
    keepsake=line(
        "{guide} gave {name} a shiny hero badge.",
        "When it was time to go home, {guide} pinned a shiny star-shaped badge on {their} "
        'cape. "Once a hero, always a hero," said {guide}.',
        "star",
    ),
    dream=line(
        "{name} dreamed of flying over rooftops.",
        "That night, {name} dreamed of flying over rooftops with a dog in a red cape "
        "zooming alongside.",
        "cloud",
    ),
    sounds=options("Whoosh! | Zap!"),
    titles=options(
        "Super {name} | {name} Saves the Day | The Kindness Heroes | Hero School | Capes On!"
    ),
    hooks=(
        "A flying dog in a cape asks {name} to help save Sky City.",
        "{name} puts on a cape and discovers that kindness is a superpower.",
        "Capes, towers and a flying dog: {name} becomes a hero.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, becomes a hero in Sky City.",
        "Capes, heroes and {interest}: {name} saves the day!",
    ),
)


TALE_THEMES = (CASTLE, MAGIC_FOREST, SUPERHEROES)

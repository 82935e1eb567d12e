"""Themes in wild lands: dinosaurs, jungle and desert."""

from __future__ import annotations

from adapters.offline_writer.themes import Theme, kw, line, options, pairs, spots

DINOSAURS = Theme(
    key="dinosaurs",
    label="dinosaur",
    keywords=kw(
        "dinosaur, dino, t-rex, trex, triceratops, fossil, prehistoric, stegosaurus, "
        "diplodocus, raptor, jurassic, volcano"
    ),
    icon="dinosaur",
    world="the land of the dinosaurs",
    setting="outdoor",
    time_of_day="day",
    guide="Tops",
    guide_desc="a gentle young triceratops with a wiggly tail",
    guide_noun="dinosaur",
    items=pairs("thunder drum:drum, golden egg:egg, fossil key:key, volcano map:map"),
    places=spots("on Smoky Mountain:volcano; in Fern Valley:tree; by the Bubbling Swamp:pond"),
    little=("baby dinosaur", "dinosaur"),
    event="the Great Stomp Dance",
    home=line(
        "{name} had a box full of toy dinosaurs.",
        "{name} had a whole box of toy dinosaurs and knew all their long names, even the "
        "ones that were very hard to say.",
        "dinosaur",
    ),
    call=line(
        "One morning, {name} found a giant footprint in the garden. Stomp, stomp! Out came "
        "{guide}, {guide_desc}.",
        "One morning, {name} found a footprint in the garden as big as a paddling pool. "
        "Stomp, stomp! From behind the shed came {guide}, {guide_desc}.",
        "dinosaur",
    ),
    journey=line(
        "They squeezed through a hollow tree and into the land of the dinosaurs.",
        "{guide} led {name} to a hollow old tree. They squeezed inside, stepped through a "
        "mossy door, and came out where the ferns grew taller than houses.",
        "tree",
    ),
    sights=(
        line(
            "A long-necked dinosaur munched the treetops.",
            "A long-necked dinosaur munched leaves from the very tops of the trees, while "
            "flying reptiles swooped and squawked overhead.",
            "dinosaur",
        ),
        line(
            "A volcano puffed little clouds of smoke.",
            "In the distance, a volcano puffed little clouds of smoke, like a giant having "
            "a quiet snooze.",
            "volcano",
        ),
    ),
    obstacles=(
        line(
            "The ground shook. Stomp! Stomp! A herd was coming!",
            "The ground began to shake. Stomp! Stomp! A whole herd of dinosaurs was "
            "thundering past, and the two friends dashed behind a boulder.",
            "dinosaur",
        ),
        line(
            "The path turned into sticky, squelchy mud!",
            "The path turned into thick, squelchy mud that grabbed at every step. Squelch, "
            "squelch, squelch! {name} laughed and kept going.",
            "pond",
        ),
    ),
    cheer=line(
        "All the dinosaurs stomped and danced. Boom, boom, boom!",
        "All the dinosaurs stomped and danced until the ground went boom, boom, boom and "
        "the volcano puffed out a smoke ring to join in.",
        "dinosaur",
    ),
    keepsake=line(
        "{guide} gave {name} a little fossil to keep.",
        'Before {name} left, {guide} found a smooth fossil shaped like a spiral. "To '
        'remember me by," said {guide}.',
        "shell",
    ),
    dream=line(
        "{name} dreamed of friendly dinosaurs.",
        "That night, {name} dreamed of gentle giants and a small triceratops with a wiggly tail.",
        "dinosaur",
    ),
    sounds=options("Stomp! | Roar!"),
    titles=options(
        "{name} and the Dinos | Dino Days | Dino Explorer {name} | The Dinosaur Door | "
        "Stomp and Roar"
    ),
    hooks=(
        "A giant footprint leads {name} to a land where dinosaurs still roam.",
        "{name} befriends a young triceratops and explores a prehistoric valley.",
        "Ferns taller than houses, and {name} in the middle of it all!",
    ),
    interest_hooks=(
        "{name} brings {their} love of {interest} to a land of friendly dinosaurs.",
        "Dinosaurs, volcanoes and {interest}: {name} goes exploring!",
    ),
)


JUNGLE = Theme(
    key="jungle",
    label="jungle",
    keywords=kw(
        "jungle, monkey, lion, tiger, elephant, animal, parrot, rainforest, snake, gorilla,"
        " zoo, giraffe, safari, wildlife"
    ),
    icon="monkey",
    world="the deep green jungle",
    setting="outdoor",
    time_of_day="day",
    guide="Mango",
    guide_desc="a cheeky little monkey with a curly tail",
    guide_noun="monkey",
    items=pairs("jungle drum:drum, golden banana:banana, ruby flower:flower, explorer map:map"),
    places=spots(
        "by the Whispering Waterfall:pond; in the Tallest Tree:tree; by Giggle River:pond"
    ),
    little=("baby elephant", "elephant"),
    event="the Jungle Jamboree",
    home=line(
        "{name} loved animals, big and small.",
        "{name} had a poster of jungle animals on the bedroom wall and could roar like a "
        "lion, chatter like a monkey and trumpet like an elephant.",
        "monkey",
    ),
    call=line(
        "One morning, a monkey swung in through the window! It was {guide}, {guide_desc}.",
        "One morning, something swung in through the open window and landed on the bed with"
        " a thump. It was {guide}, {guide_desc}, bursting with news.",
        "monkey",
    ),
    journey=line(
        "Wheee! They swung from vine to vine, deep into the jungle.",
        "{name} held on tight as they swung from vine to vine, wheee, over rivers and "
        "treetops, deep into the green heart of the jungle.",
        "tree",
    ),
    sights=(
        line(
            "Parrots squawked, and butterflies fluttered by.",
            "Bright parrots squawked from the branches, and butterflies as big as dinner "
            "plates fluttered right past {name}.",
            "parrot",
        ),
        line(
            "A tiger yawned a big, sleepy yawn.",
            "On a sunny rock, a tiger stretched and yawned such a big yawn that {name} "
            "could count all of its teeth.",
            "tiger",
        ),
    ),
    obstacles=(
        line(
            "A wide river was in the way! How would they get across?",
            "A wide, rushing river blocked the way. {name} spotted some stepping stones, "
            "then noticed they were the backs of snoozing hippos.",
            "pond",
        ),
        line(
            "Thick, tangly vines were everywhere!",
            "The vines grew so thick and tangled that walking through them was like wading "
            "through a giant bowl of green spaghetti.",
            "tree",
        ),
    ),
    cheer=line(
        "The monkeys drummed, the parrots sang, and everyone danced!",
        "The monkeys drummed on hollow logs, the parrots sang in harmony, and even the "
        "tiger tapped a paw in time.",
        "drum",
    ),
    keepsake=line(
        "{guide} gave {name} a bright red feather to keep.",
        "As the sun went down, {guide} tucked a bright red feather behind {name_s} ear. "
        '"Now you are an honorary monkey," {guide} giggled.',
        "parrot",
    ),
    dream=line(
        "{name} dreamed of swinging through the trees.",
        "That night, {name} dreamed of swinging through the treetops, with a cheeky monkey "
        "laughing close behind.",
        "tree",
    ),
    sounds=options("Ooh-ooh, aah-aah! | Roar!"),
    titles=options(
        "{name} in the Jungle | Jungle Friends | Wild Explorer {name} | The Jungle Drum | "
        "Deep in the Jungle"
    ),
    hooks=(
        "A cheeky monkey swings in and whisks {name} away to the jungle.",
        "Vines, waterfalls and a tiger's yawn: {name} explores the jungle.",
        "{name} joins the animals of the jungle for a wild adventure.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, swings off to a wild green jungle.",
        "Monkeys, tigers and {interest}: {name} explores the jungle!",
    ),
)


DESERT = Theme(
    key="desert",
    label="desert",
    keywords=kw("desert, camel, pyramid, sand, cactus, egypt, dune, oasis, mummy, sandcastle"),
    icon="cactus",
    world="the golden desert",
    setting="desert",
    time_of_day="day",
    guide="Dune",
    guide_desc="a wise old camel with very long eyelashes",
    guide_noun="camel",
    items=pairs("star lantern:lantern, golden key:key, oasis map:map, sun flute:flute"),
    places=spots("on the Singing Dunes:dune; at the Hidden Oasis:palm; by the Old Pyramid:pyramid"),
    little=("baby fox", "fox"),
    event="the Lantern Night",
    home=line(
        "{name} loved building sandcastles.",
        "{name} loved the sandpit more than anywhere else and could build a sandcastle with"
        " three towers and a moat.",
        "castle",
    ),
    call=line(
        "One hot day, a camel came strolling down the street. It was {guide}, {guide_desc}.",
        "One hot afternoon, a camel came strolling down the street as if it did that every "
        "day. It was {guide}, {guide_desc}, and it stopped right at the gate.",
        "camel",
    ),
    journey=line(
        "Sway, sway! Over the dunes they went.",
        "{name} climbed up between the humps, and off they went, swaying over the dunes "
        "while the sand sparkled like sugar in the sun.",
        "dune",
    ),
    sights=(
        line(
            "The sand glowed gold and orange.",
            "The dunes rolled away like golden waves, glowing orange and pink as the sun "
            "moved across the sky.",
            "dune",
        ),
        line(
            "A cactus wore a pink flower like a hat.",
            "A tall cactus stood alone with a pink flower on top, like a very proud guard "
            "wearing a very small hat.",
            "cactus",
        ),
    ),
    obstacles=(
        line(
            "Whoosh! A sandstorm! They hid behind a big rock.",
            "Whoosh! A sandstorm came swirling over the dunes. {name} and {guide} huddled "
            "behind a big rock and closed their eyes tight until it passed.",
            "cloud",
        ),
        line(
            "It was so hot, and the water was nearly gone!",
            "The sun blazed down until even {guide} was thirsty, and the water bottles were"
            " nearly empty.",
            "sun",
        ),
    ),
    cheer=line(
        "Lanterns glowed, drums played, and everyone danced.",
        "Hundreds of lanterns glowed against the dark blue sky, drums played softly, and "
        "everyone danced on the cool sand.",
        "lantern",
    ),
    keepsake=line(
        "{guide} gave {name} a little jar of golden sand.",
        'At the edge of the desert, {guide} gave {name} a little jar of golden sand. "Shake'
        ' it when you miss me," said {guide}, "and it will sparkle."',
        "gift",
    ),
    dream=line(
        "{name} dreamed of golden dunes under a silver moon.",
        "That night, {name} dreamed of golden dunes under a silver moon, and a camel with "
        "very long eyelashes.",
        "moon",
    ),
    sounds=options("Swish! | Clip-clop!"),
    titles=options(
        "{name} and the Dunes | Desert Stars | Camel Tales | The Golden Desert | Over the Dunes"
    ),
    hooks=(
        "{name} rides a wise old camel across the golden dunes.",
        "Sandstorms, a hidden oasis and a pyramid: {name} explores the desert.",
        "A camel strolls down the street and invites {name} on a desert trek.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, sets off across the golden desert.",
        "Camels, cacti and {interest}: {name} explores the dunes!",
    ),
)


LAND_THEMES = (DINOSAURS, JUNGLE, DESERT)

"""Extra world details per theme for older readers' longer pages, so those pages are filled
with the theme's own sights, sounds and smells instead of general lines."""

from __future__ import annotations

DETAILS: dict[str, tuple[str, ...]] = {
    "space": (
        "Up here there was no up or down, and {name_s} hair floated about like seaweed.",
        "Every so often a comet whooshed past, trailing sparkles that fizzed like lemonade.",
        "A meteor no bigger than a marble zipped past, leaving a trail of glitter behind it.",
        "{guide} hummed a little space song that went beep-boop-bee, and {name} soon joined in.",
    ),
    "ocean": (
        "Sunlight wobbled down through the water in long golden ribbons.",
        "A shy seahorse peeped out from the coral, hid again, then peeped out once more.",
        "Every time {name} laughed, a stream of silver bubbles wobbled up towards the surface.",
        "The sand on the sea floor was soft and rippled, as if the waves had combed it.",
    ),
    "dinosaurs": (
        "The air smelled of warm leaves and rain, and somewhere a dinosaur was having a very "
        "loud bath.",
        "Dragonflies as big as kites zipped between ferns that were taller than any tree at home.",
        "Every footstep of the big dinosaurs made the puddles jump: boom, boom, boom.",
        "{guide} knew every path in the valley, and all the best places to find juicy leaves.",
    ),
    "jungle": (
        "The air was warm and sticky, and it smelled of flowers, mud and ripe mangoes.",
        "High in the trees, a family of monkeys was having a very noisy argument about bananas.",
        "Frogs as bright as sweets sat on the leaves, blinking slowly at {name}.",
        "Somewhere a waterfall was roaring, and its mist made little rainbows in the sunlight.",
    ),
    "desert": (
        "The sand whispered as it shifted, and the dunes seemed to hum a low, sleepy song.",
        "Far away, the air shimmered in the heat, so the hills looked as if they were dancing.",
        "A lizard in a hurry scuttled past and vanished under a rock with a flick of its tail.",
        "When the sun went down, the sky filled with more stars than {name} had ever seen.",
    ),
    "arctic": (
        "The snow squeaked and crunched with every step, and {name_s} breath made little clouds.",
        "Icicles hung from the rocks like glass fingers, tinkling whenever the wind blew.",
        "Far away, a whale blew a fountain of spray from a crack in the ice.",
        "{guide} slid along on its tummy, laughing, and left a long, shiny trail behind.",
    ),
    "castle": (
        "Inside the castle, the corridors smelled of candle wax and freshly baked bread.",
        "A tapestry on the wall showed a dragon having a tea party, which {name} liked very much.",
        "In the kitchens, the royal cooks were stirring pots as big as bathtubs.",
        "From the top of the tower you could see seven villages, three rivers and one very "
        "surprised goat.",
    ),
    "pirates": (
        "The ship creaked and rocked, and the salty wind tugged at {name_s} hair.",
        "The crew were a friendly lot: a cook with a wooden spoon, a lookout with a telescope, "
        "and a cat called Barnacle.",
        "At night the sea sparkled with tiny glowing creatures, as if someone had spilled the "
        "stars.",
        "{guide} perched on the wheel and called out directions, most of them correct.",
    ),
    "magic_forest": (
        "The moss was as soft as a carpet, and it glowed faintly wherever {name} stepped.",
        "Tiny doors were hidden in the roots of the trees, each with a tiny bell and a tiny mat.",
        "The leaves whispered secrets to each other, and every now and then one of them giggled.",
        "{guide} knew the name of every star that peeked through the branches.",
    ),
    "superheroes": (
        "From up high, the cars looked like toys and the people like busy ants.",
        "The wind roared past, and {name_s} cape flapped like a flag.",
        'Down in a park, a small child pointed up and shouted, "Look! Heroes!"',
        "{guide} did a loop-the-loop just for fun, and {name} tried one too, only slightly wobbly.",
    ),
    "robots": (
        "Everything in Gear Town clicked, whirred or hummed, and the streets smelled faintly of "
        "warm metal.",
        "A robot baker was selling bolts shaped like doughnuts, and they looked surprisingly "
        "tasty.",
        "Tiny robot birds sang in the trees, each one a different note of the same song.",
        "{guide} beeped hello at every friend it passed, and it had a great many friends.",
    ),
    "dragons": (
        "The valley smelled of warm stones and toasted marshmallows, because dragons do like a "
        "snack.",
        "Baby dragons were learning to fly, tumbling off little rocks into big piles of leaves.",
        "The wind up high was cold, but {guide} was as warm as a hot-water bottle.",
        "Far below, the rivers looked like silver threads stitched across a green blanket.",
    ),
    "trains": (
        "The carriages rattled, clickety-clack, clickety-clack, in a rhythm perfect for singing.",
        "At every station, people waved flags and passed cups of tea up through the windows.",
        "Steam puffed out in little clouds shaped like rabbits, teapots and, once, a hippo.",
        "{guide} knew the name of every signal, bridge and tunnel on the line.",
    ),
    "sports": (
        "The grass smelled freshly cut, and the white lines on the pitch gleamed like new.",
        "The crowd did a wave that went all the way round the stadium, twice.",
        "A band played a bouncy tune, and the team mascot, a fluffy badger, danced along.",
        "{guide} bounced on the spot, unable to keep still for even a second.",
    ),
    "baking": (
        "Everything smelled of vanilla, toast and warm sugar, and {name_s} tummy rumbled loudly.",
        "Bakers in tall white hats bustled about with trays of buns, tarts and jiggly jellies.",
        "The cobbles on the streets were made of toffee, and they were a little sticky underfoot.",
        "{guide} kept a tiny notebook of recipes, each one written in flour.",
    ),
    "music": (
        "Every step on the path played a different note, so walking was like playing a piano.",
        "The wind hummed through the long grass, and the trees swayed as if they were dancing.",
        "A family of frogs was practising a song in the pond, croaking in perfect harmony.",
        "{guide} whistled a tune, and somewhere far away, another bird whistled it back.",
    ),
    "farm": (
        "The farm smelled of hay, apples and, when the wind changed, something much less nice.",
        "Chickens pecked around {name_s} feet, and a curious goat nibbled at a shoelace.",
        "The old farmhouse had a red door, a crooked chimney and a cat on every windowsill.",
        "{guide} knew the name of every animal on the farm, even the tiniest duckling.",
    ),
    "weather": (
        "Up in the Cloud Kingdom, everything was soft and bouncy, like walking on a giant pillow.",
        "Little clouds queued up to be filled with rain, chattering like children at a bus stop.",
        "The wind kept changing its mind about which way to blow, and everyone's hair stood on "
        "end.",
        "From up here, the town below looked like a patchwork quilt of roofs and gardens.",
    ),
}

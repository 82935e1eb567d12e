"""Themes about making things go: robots, trains and baking."""

from __future__ import annotations

from adapters.offline_writer.themes import Theme, kw, line, options, pairs, spots

ROBOTS = Theme(
    key="robots",
    label="robot",
    keywords=kw(
        "robot, lego, building, inventing, invention, machine, science, coding, computer, "
        "gadget, engineer, technology, blocks, tools"
    ),
    icon="robot",
    world="Gear Town",
    setting="city",
    time_of_day="day",
    guide="Bolt",
    guide_desc="a friendly robot with a wobbly antenna",
    guide_noun="robot",
    items=pairs(
        "golden gear:gear, spark battery:battery, clockwork heart:heart, magic toolbox:toolbox"
    ),
    places=spots(
        "in the Gear Workshop:house; on the Junkyard Hills:mountain; at the Crystal Tower:tower"
    ),
    little=("tiny robot", "robot"),
    event="the Invention Fair",
    home=line(
        "{name} loved building things.",
        "{name} loved building things out of boxes, blocks and whatever else was lying "
        "around, including, once, the kitchen colander.",
        "blocks",
    ),
    call=line(
        "Beep, boop! A robot rolled up to the door. It was {guide}, {guide_desc}.",
        "Beep, boop! A robot rolled up the garden path and rang the doorbell three times. "
        "It was {guide}, {guide_desc}, and it had a problem.",
        "robot",
    ),
    journey=line(
        "They rode a whizzing tram all the way to Gear Town.",
        "They rode a whizzing tram that went clickety-clack along a silver track, right up "
        "into Gear Town, where every chimney puffed out bubbles.",
        "train",
    ),
    sights=(
        line(
            "Gears turned, and little machines hummed.",
            "Gears turned everywhere, little machines hummed happy tunes, and robots of "
            "every size bustled about their business.",
            "gear",
        ),
        line(
            "A robot dog chased a robot ball.",
            "A robot dog was chasing a robot ball round and round a fountain that sprayed "
            "oil instead of water.",
            "robot",
        ),
    ),
    obstacles=(
        line(
            "The lights went out. Everything stopped!",
            "Suddenly all the lights went out, and every machine in Gear Town stopped with "
            "a sad little whirr.",
            "gear",
        ),
        line(
            "A sorting machine went haywire! Boxes flew everywhere!",
            "A sorting machine went haywire, flinging boxes everywhere, and {name} had to "
            "duck, dodge and dive to reach the big red off switch.",
            "gift",
        ),
    ),
    cheer=line(
        "The robots beeped and danced a robot dance.",
        "Every robot in Gear Town beeped, booped and danced a stiff, jerky, wonderful robot dance.",
        "robot",
    ),
    keepsake=line(
        "{guide} gave {name} a shiny silver bolt.",
        'Before {name} went home, {guide} gave {them} a shiny silver bolt. "It holds things'
        ' together," said {guide}, "just like friends do."',
        "gear",
    ),
    dream=line(
        "{name} dreamed of clever robots.",
        "That night, {name} dreamed of humming machines and a friendly robot with a wobbly "
        "antenna.",
        "robot",
    ),
    sounds=options("Beep, boop! | Whirr!"),
    titles=options(
        "{name} and the Robot | Gear Town Gang | Robot Pals | Inventor {name} | The Clockwork Heart"
    ),
    hooks=(
        "A friendly robot takes {name} to Gear Town, where machines hum songs.",
        "{name} builds, fixes and invents with a robot friend.",
        "Beep, boop! A robot rings the doorbell, asking {name} for help.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, helps a friendly robot.",
        "Robots, gears and {interest}: {name} visits Gear Town!",
    ),
)


TRAINS = Theme(
    key="trains",
    label="train",
    keywords=kw(
        "train, railway, engine, steam, car, bus, truck, vehicle, transport, tracks, "
        "digger, fire engine, cars, trucks"
    ),
    icon="train",
    world="Rainbow Junction",
    setting="outdoor",
    time_of_day="day",
    guide="Puff",
    guide_desc="a cheerful little steam engine with a bright red chimney",
    guide_noun="train",
    items=pairs("golden ticket:ticket, station bell:bell, silver whistle:whistle, engine key:key"),
    places=spots("at Tunnel Hill:mountain; at Teacup Station:house; on the Long Bridge:bridge"),
    little=("little carriage", "train"),
    event="the Railway Party",
    home=line(
        "{name} had a wooden train set that went round and round.",
        "{name} had a wooden train set that went all the way round the bedroom, under the "
        "bed and out the other side.",
        "train",
    ),
    call=line(
        "Toot, toot! A little steam engine puffed up to the garden. It was {guide}!",
        "Toot, toot! A little steam engine came puffing along a track that had never been "
        "there before. It was {guide}, {guide_desc}.",
        "train",
    ),
    journey=line(
        "Chuff, chuff! Off they went along the Rainbow Railway.",
        "{name} hopped into the driver's seat, pulled the lever, and chuff, chuff, chuff, "
        "off they went along a railway painted every colour of the rainbow.",
        "train",
    ),
    sights=(
        line(
            "Cows waved as the train rushed by.",
            "Cows looked up from the fields and mooed hello, and sheep ran alongside the "
            "train until they got out of breath.",
            "cow",
        ),
        line(
            "The track curled round a hill like a ribbon.",
            "The track curled round the hills like a ribbon round a present, over rivers "
            "and through tunnels as dark as a cupboard.",
            "mountain",
        ),
    ),
    obstacles=(
        line(
            "A big tree had fallen across the track!",
            "A big tree had fallen right across the track. {guide} screeched to a stop just"
            " in time, puffing anxious little clouds of steam.",
            "tree",
        ),
        line(
            "The tunnel was dark, very dark!",
            "The tunnel was dark, so very dark, and something inside was making a strange "
            "echoing hoot. It turned out to be an owl with hiccups.",
            "owl",
        ),
    ),
    cheer=line(
        "Every engine tooted, and everyone had cake.",
        "Every engine on the line tooted its whistle, flags waved on every platform, and "
        "there was cake for all the passengers.",
        "cake",
    ),
    keepsake=line(
        "{guide} gave {name} a golden ticket to keep.",
        'Back at the garden, {guide} gave {name} a golden ticket. "It never runs out," said'
        ' {guide}. "You can ride with me any time."',
        "ticket",
    ),
    dream=line(
        "{name} dreamed of trains going chuff, chuff.",
        "That night, {name} dreamed of a rainbow railway and a little red engine going "
        "chuff, chuff, chuff.",
        "train",
    ),
    sounds=options("Toot, toot! | Chuff, chuff!"),
    titles=options(
        "All Aboard, {name}! | {name} and the Engine | The Rainbow Railway | Full Steam "
        "Ahead | Next Stop: Adventure"
    ),
    hooks=(
        "A little steam engine takes {name} along the Rainbow Railway.",
        "Tunnels, bridges and a golden ticket: {name} drives a train!",
        "Toot, toot! {name} becomes the driver of a cheerful little engine.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, drives a steam train on a rainbow track.",
        "Trains, tunnels and {interest}: all aboard with {name}!",
    ),
)


BAKING = Theme(
    key="baking",
    label="baking",
    keywords=kw(
        "baking, cooking, cake, cookie, cupcake, kitchen, chef, food, pizza, chocolate, "
        "sweets, ice cream, pancake, biscuit, bread, dessert"
    ),
    icon="cake",
    world="Sugarplum Town",
    setting="bakery",
    time_of_day="day",
    guide="Crumbs",
    guide_desc="a tiny mouse in a tall chef's hat",
    guide_noun="mouse",
    items=pairs("magic whisk:whisk, golden spoon:spoon, secret recipe:book, birthday cake:cake"),
    places=spots(
        "at the Sugar Mill:house; in the Cherry Orchard:tree; by the Chocolate River:pond"
    ),
    little=("gingerbread bear", "bear"),
    event="the Sugarplum Fair",
    home=line(
        "{name} loved helping in the kitchen.",
        "{name} loved helping in the kitchen, especially the stirring, the sprinkling and "
        "the licking of the spoon.",
        "cake",
    ),
    call=line(
        "Squeak! A tiny mouse in a chef's hat popped out of the flour jar. It was {guide}!",
        "Squeak! The lid of the flour jar lifted, and out popped {guide}, {guide_desc}, "
        "covered from whiskers to tail in white flour.",
        "mouse",
    ),
    journey=line(
        "They slid down a spoon and into Sugarplum Town.",
        "{guide} led {name} through a door behind the bread bin, and they slid down a giant"
        " spoon into Sugarplum Town, where the houses were made of gingerbread.",
        "house",
    ),
    sights=(
        line(
            "The houses had icing on the roofs.",
            "The roofs were iced like cakes, the lamp posts were striped like candy canes, "
            "and the whole town smelled of warm cinnamon.",
            "house",
        ),
        line(
            "A river of chocolate flowed past.",
            "A slow river of chocolate flowed past, and ducks made of marzipan paddled "
            "along it, quacking politely.",
            "pond",
        ),
    ),
    obstacles=(
        line(
            "Oh no! The big oven was too hot!",
            "The great oven of Sugarplum Town had grown far too hot, and puffs of smoke "
            "were coming out of every crack.",
            "cake",
        ),
        line(
            "Flour went everywhere! Poof!",
            "A sack of flour burst with a poof, and suddenly everybody was white from top "
            "to toe, like a crowd of small, surprised ghosts.",
            "cloud",
        ),
    ),
    cheer=line(
        "Everyone shared cake and cheered.",
        "Everyone shared slices of cake, cups of cocoa and the biggest cheer Sugarplum Town"
        " had heard in a hundred years.",
        "cake",
    ),
    keepsake=line(
        "{guide} gave {name} a tiny golden spoon.",
        'As {name} left, {guide} gave {them} a tiny golden spoon. "For stirring in a little'
        ' magic," said {guide}, with a floury wink.',
        "spoon",
    ),
    dream=line(
        "{name} dreamed of cakes and cookies.",
        "That night, {name} dreamed of gingerbread houses, chocolate rivers and a mouse in "
        "a very tall hat.",
        "cake",
    ),
    sounds=options("Squeak! | Ding!"),
    titles=options(
        "Chef {name} | {name} Bakes a Cake | The Magic Whisk | Sugarplum Bakery | Sprinkles"
        " and Squeaks"
    ),
    hooks=(
        "A tiny mouse chef invites {name} to bake in Sugarplum Town.",
        "Gingerbread houses, chocolate rivers and {name} in a chef's hat!",
        "{name} and a mouse in a tall hat bake the best cake in town.",
    ),
    interest_hooks=(
        "{name}, who loves {interest}, bakes up a storm in Sugarplum Town.",
        "Cakes, sprinkles and {interest}: {name} starts baking!",
    ),
)


MAKE_THEMES = (ROBOTS, TRAINS, BAKING)

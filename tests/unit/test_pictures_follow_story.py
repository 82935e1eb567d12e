"""Pictures that follow the story, for 20 varied children: every page is drawn in the place,
pose and company its scene names, no face is under the words, and every interest the parent
gave is in the story. A contact sheet of each book is written to tests/out/ for people."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image, ImageDraw
from support.shared_sentences import longest_shared

from adapters.offline_writer import OfflineStoryWriter
from adapters.offline_writer.interests import classify
from adapters.offline_writer.text import LONG_SENTENCE
from adapters.pillow_illustrator import PillowIllustrator
from adapters.pillow_illustrator.people import PEOPLE, parse
from adapters.pillow_illustrator.places import SETTINGS
from adapters.pillow_illustrator.scene import ACTIONS, draw_page
from domain import scenes
from domain.looks import HeroLook
from domain.profiles import ChildProfile, Pronouns
from domain.story import TEXT_ZONES, BookText, IllustrationRequest

OUT = Path(__file__).resolve().parents[1] / "out" / "contact"
PX = 240
P = Pronouns
PROFILES = [
    (
        "Zoya",
        5,
        P.SHE,
        ("elephants", "baking", "her little brother Arjun"),
        HeroLook(skin="brown", hair_style="long", hair_colour="black"),
    ),
    (
        "Kabir",
        4,
        P.HE,
        ("trains", "football"),
        HeroLook(skin="tan", hair_style="short", hair_colour="black"),
    ),
    (
        "Mia",
        7,
        P.SHE,
        ("space", "drawing", "Grandma"),
        HeroLook(skin="fair", hair_style="ponytail", hair_colour="red", glasses=True),
    ),
    (
        "Sami",
        9,
        P.THEY,
        ("dinosaurs", "reading", "cats"),
        HeroLook(skin="dark", hair_style="afro", hair_colour="black", hearing_aid=True),
    ),
    (
        "Amira",
        6,
        P.SHE,
        ("horses", "dancing", "my sister Lina"),
        HeroLook(skin="light", hair_style="bob", hair_colour="dark_brown", head_covering="hijab"),
    ),
    (
        "Jasleen",
        8,
        P.SHE,
        ("music", "monkeys"),
        HeroLook(skin="tan", hair_style="bun", hair_colour="black", head_covering="patka"),
    ),
    (
        "Theo",
        3,
        P.HE,
        ("dogs", "swimming"),
        HeroLook(skin="fair", hair_style="curly", hair_colour="blonde"),
    ),
    (
        "Noor",
        10,
        P.THEY,
        ("robots", "building lego", "best friend Omar"),
        HeroLook(skin="deep", hair_style="spiky", hair_colour="black", wheelchair=True),
    ),
    (
        "Ines",
        11,
        P.SHE,
        ("pirates", "painting", "penguins", "Grandpa"),
        HeroLook(skin="light", hair_style="braids", hair_colour="auburn"),
    ),
    (
        "Leo",
        2,
        P.HE,
        ("bunnies",),
        HeroLook(skin="brown", hair_style="curly", hair_colour="dark_brown"),
    ),
    (
        "Priya",
        6,
        P.SHE,
        ("cooking", "unicorns", "her baby brother Dev"),
        HeroLook(skin="brown", hair_style="braids", hair_colour="black"),
    ),
    (
        "Ola",
        5,
        P.HE,
        ("the sea", "owls", "singing"),
        HeroLook(skin="dark", hair_style="short", hair_colour="black", glasses=True),
    ),
    (
        "Yuki",
        7,
        P.SHE,
        ("snow", "cycling"),
        HeroLook(skin="light", hair_style="long", hair_colour="black"),
    ),
    (
        "Ravi",
        8,
        P.HE,
        ("cricket", "tigers", "Dadi"),
        HeroLook(skin="tan", hair_style="short", hair_colour="black", wheelchair=True),
    ),
    (
        "Elsie",
        4,
        P.SHE,
        ("castles", "gardening"),
        HeroLook(skin="fair", hair_style="bob", hair_colour="brown"),
    ),
    (
        "Kofi",
        9,
        P.HE,
        ("football", "lions", "his big sister Ama"),
        HeroLook(skin="deep", hair_style="afro", hair_colour="black"),
    ),
    (
        "Lena",
        12,
        P.SHE,
        ("books", "foxes", "climbing"),
        HeroLook(skin="fair", hair_style="ponytail", hair_colour="blonde", glasses=True),
    ),
    (
        "Omar",
        6,
        P.HE,
        ("the desert", "camels", "Mum"),
        HeroLook(skin="tan", hair_style="curly", hair_colour="dark_brown", head_covering="cap"),
    ),
    (
        "Sia",
        3,
        P.THEY,
        ("farm animals", "drawing"),
        HeroLook(skin="brown", hair_style="bun", hair_colour="black"),
    ),
    (
        "Ben",
        10,
        P.HE,
        ("superheroes", "whales", "my cousin Sam"),
        HeroLook(skin="light", hair_style="spiky", hair_colour="auburn", hearing_aid=True),
    ),
]


async def book_for(i: int, name, age, pronouns, interests, look) -> tuple[ChildProfile, BookText]:
    child = ChildProfile(name=name, age=age, pronouns=pronouns, interests=interests, look=look)
    writer = OfflineStoryWriter()
    series = (await writer.write_series(child, 1, []))[i % 5]
    storyline = (await writer.write_storylines(child, series, 1))[(i * 2) % 5]
    return child, await writer.write_book(child, series, storyline, None)


async def second_book(i: int, child: ChildProfile, first: BookText) -> BookText:
    writer = OfflineStoryWriter()
    series = (await writer.write_series(child, 2, []))[(i + 1) % 5]
    storyline = (await writer.write_storylines(child, series, 1))[(i * 2 + 1) % 5]
    earlier = [*(p.text for p in first.pages), first.ending]
    return await writer.write_book(child, series, storyline, None, earlier=earlier)


def _under_words(box: tuple[float, float, float, float], zone: str) -> bool:
    """A face under the page's words, or (in a vignette) outside the picture's window."""
    zx0, zy0, zx1, zy1 = (v * PX for v in TEXT_ZONES[zone])
    x0, y0, x1, y1 = box
    if zone == "vignette":
        wx0, wy0, wx1, wy1 = (v * PX for v in scenes.VIGNETTE_WINDOW)
        if x0 < wx0 or x1 > wx1 or y0 < wy0 or y1 > wy1:
            return True
    return x0 < zx1 and x1 > zx0 and y0 < zy1 and y1 > zy0


async def test_twenty_books_draw_what_their_pages_say() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    pages = matched = interests = present = 0
    problems: list[str] = []
    zones_seen: set[str] = set()
    shared: tuple[int, str] = (0, "")
    for i, profile in enumerate(PROFILES):
        child, book = await book_for(i, *profile)
        story = " ".join(p.text for p in book.pages).lower()
        for raw in child.interests:
            interests += 1
            found = any(w in story for w in classify(raw).words)
            present += found
            if not found:
                problems.append(f"{child.name}: {raw!r} is not in the story")
        sheet = Image.new("RGB", (PX * 4, PX * 3), "white")
        layouts = {p.scene.text_zone for p in book.pages}
        if len(layouts) < 4:
            problems.append(f"{child.name}: only {sorted(layouts)} layouts")
        for page in book.pages:
            scene = page.scene
            request = IllustrationRequest(
                key=f"page-{page.number:02d}",
                prompt="",
                scene=scene,
                character=book.character,
                width_px=PX,
                height_px=PX,
                seed=i,
            )
            image, drawn = draw_page(request, PX, PX)
            wanted = [parse(c).kind for c in scene.companions][:3]
            fine = (
                drawn.place == scene.place
                and drawn.pose == scene.action
                and (list(drawn.companions) == wanted or scene.action == "sleep")
                and len(drawn.faces) >= 1 + (0 if scene.action == "sleep" else len(wanted))
                and not any(_under_words(f, scene.text_zone) for f in drawn.faces)
            )
            pages += 1
            matched += fine
            if not fine:
                problems.append(f"{child.name} p{page.number}: {scene} drew {drawn}")
            zones_seen.add(scene.text_zone)
            mark = ImageDraw.Draw(image)
            zone = [v * PX for v in TEXT_ZONES[scene.text_zone]]
            mark.rectangle(zone, outline=(230, 40, 40), width=2)  # where the words go
            if scene.text_zone == "vignette":  # and the window the picture shows through
                window = [v * PX for v in scenes.VIGNETTE_WINDOW]
                mark.rounded_rectangle(window, 16, outline=(40, 120, 230), width=2)
            sheet.paste(image, (((page.number - 1) % 4) * PX, ((page.number - 1) // 4) * PX))
        sheet.save(OUT / f"{i + 1:02d}-{child.name}.png")
        # the child's second book: the next storyline, written knowing the first
        shared = max(shared, longest_shared([book, await second_book(i, child, book)]))
    figures = {
        "pages": pages,
        "pages_matching_scene": matched / pages,
        "interests": interests,
        "interests_in_story": present / interests,
        "longest_sentence_shared_by_two_books_of_a_child": shared[0],
        "that_sentence": shared[1],
    }
    (OUT / "figures.json").write_text(json.dumps(figures, indent=2))
    assert not problems, "\n".join(problems)
    assert matched == pages == 240 and present == interests
    assert zones_seen == set(TEXT_ZONES)  # every layout is used: full, vignette, the panels
    assert shared[0] < LONG_SENTENCE, shared


async def test_the_bedtime_page_shows_the_hero_asleep_in_bed() -> None:
    _, book = await book_for(0, *PROFILES[0])
    bedtime = book.pages[-1]
    assert bedtime.scene.action == "sleep" and bedtime.scene.place == "bedroom"
    request = IllustrationRequest(
        key="page-12",
        prompt="",
        scene=bedtime.scene,
        character=book.character,
        width_px=PX,
        height_px=PX,
        seed=1,
    )
    _, drawn = draw_page(request, PX, PX)
    assert drawn.pose == "sleep" and drawn.objects == ("bed",)
    top_of_face = drawn.faces[0][1]
    assert top_of_face > PX * TEXT_ZONES["top"][3]  # the head lies on the pillow, below the words


async def test_the_illustrator_keeps_a_record_of_each_picture() -> None:
    _, book = await book_for(3, *PROFILES[3])
    illustrator = PillowIllustrator()
    for page in book.pages[:4]:
        request = IllustrationRequest(
            key=f"page-{page.number:02d}",
            prompt="",
            scene=page.scene,
            character=book.character,
            width_px=300,
            height_px=300,
            seed=5,
        )
        jpeg = await illustrator.illustrate(request)
        drawn = illustrator.drawn[request.key]
        assert Image.open(io.BytesIO(jpeg)).size == (300, 300)
        assert drawn.place == page.scene.place and drawn.pose == page.scene.action
        assert all(0 <= v <= 300 * 1.05 for box in drawn.faces for v in box[2:])


def test_every_scene_word_a_writer_may_use_is_drawable() -> None:
    """The vocabulary the writers are held to (domain.scenes) is what the Pillow illustrator
    paints: every place has its backdrop, every pose its arms and body, every person a figure."""
    assert set(scenes.PLACES) == set(SETTINGS)
    assert set(scenes.ACTIONS) == {*ACTIONS, "sleep"}
    assert set(scenes.PEOPLE) == PEOPLE

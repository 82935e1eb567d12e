"""The offline illustrator: real, varied, deterministic pictures, quickly."""

from __future__ import annotations

import io
import itertools
import time

import pytest
from PIL import Image, ImageChops, ImageStat

from adapters.offline_writer import OfflineStoryWriter
from adapters.pillow_illustrator import PillowIllustrator
from adapters.pillow_illustrator.illustrator import render
from domain.errors import ValidationFailed
from domain.ports import Illustrator
from domain.profiles import ChildProfile, Pronouns
from domain.story import BookText, CharacterSheet, IllustrationRequest, SceneSpec

HERO = CharacterSheet(
    description="a cheerful 6-year-old girl with long chestnut hair in a ponytail",
    skin_tone="#c98e63",
    hair_colour="#6b3e1f",
    outfit_colour="#2e9e5b",
    accent_colour="#f2c12e",
)
SCENES = (
    SceneSpec(setting="outdoor", objects=("dog", "tree", "ball"), mood="excited"),
    SceneSpec(setting="space", objects=("rocket", "planet", "alien"), time_of_day="night"),
    SceneSpec(setting="underwater", objects=("turtle", "fish", "shell"), mood="curious"),
    SceneSpec(setting="indoor", objects=("bed", "moon"), mood="sleepy", time_of_day="night"),
    SceneSpec(setting="city", objects=("tower", "cat"), mood="worried", time_of_day="evening"),
    SceneSpec(setting="desert", objects=("camel", "pyramid"), mood="triumphant"),
    SceneSpec(setting="snowy", objects=("penguin", "castle", "bell"), mood="hopeful"),
)


def request(
    scene: SceneSpec,
    *,
    key: str = "page-01",
    size: tuple[int, int] = (512, 512),
    seed: int = 7,
    character: CharacterSheet = HERO,
) -> IllustrationRequest:
    return IllustrationRequest(
        key=key,
        prompt="unused by the offline illustrator",
        scene=scene,
        character=character,
        width_px=size[0],
        height_px=size[1],
        seed=seed,
    )


def picture(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def share_near(image: Image.Image, colour: str, tolerance: int = 28) -> float:
    """Share of pixels within `tolerance` of a #rrggbb colour in every channel."""
    target = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    bands = image.split()
    masks = [
        band.point(lambda v, t=t: 255 if abs(v - t) <= tolerance else 0)
        for band, t in zip(bands, target, strict=True)
    ]
    both = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])
    return ImageStat.Stat(both).mean[0] / 255


async def a_book() -> BookText:
    writer = OfflineStoryWriter()
    child = ChildProfile(name="Mia", age=5, pronouns=Pronouns.SHE, interests=("dinosaurs",))
    series = (await writer.write_series(child, 1, []))[0]
    storyline = (await writer.write_storylines(child, series, 1))[0]
    return await writer.write_book(child, series, storyline, None)


def test_it_is_an_illustrator() -> None:
    illustrator: Illustrator = PillowIllustrator()
    assert illustrator.model == "offline-illustrator-1"


@pytest.mark.parametrize("size", [(512, 512), (800, 600), (600, 900), (2625, 2625)])
async def test_a_jpeg_of_the_requested_size(size: tuple[int, int]) -> None:
    data = await PillowIllustrator().illustrate(request(SCENES[0], size=size))
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert image.size == size
    assert image.mode == "RGB"


@pytest.mark.parametrize("scene", SCENES, ids=lambda s: s.setting)
def test_same_request_same_bytes(scene: SceneSpec) -> None:
    assert render(request(scene)) == render(request(scene))


def test_another_seed_or_page_changes_the_picture() -> None:
    base = picture(render(request(SCENES[0])))
    assert mean_difference(base, picture(render(request(SCENES[0], seed=8)))) > 5
    assert mean_difference(base, picture(render(request(SCENES[0], key="page-02")))) > 5


async def test_every_page_of_a_book_looks_different() -> None:
    book = await a_book()
    pages = [
        picture(
            render(
                request(
                    p.scene, key=f"page-{p.number:02d}", size=(256, 256), character=book.character
                )
            )
        )
        for p in book.pages
    ]
    for before, after in itertools.pairwise(pages):
        assert mean_difference(before, after) > 8
    assert mean_difference(pages[0], pages[5]) > 15


@pytest.mark.parametrize("scene", SCENES, ids=lambda s: s.setting)
def test_the_hero_wears_the_outfit_colour(scene: SceneSpec) -> None:
    image = picture(render(request(scene)))
    assert share_near(image, HERO.outfit_colour) > 0.005


@pytest.mark.parametrize("outfit", ["#d63f3f", "#8e44ad", "#f28c28", "#1fa6a6"])
def test_the_outfit_colour_follows_the_character_sheet(outfit: str) -> None:
    sheet = CharacterSheet(description="a child with curly hair", outfit_colour=outfit)
    image = picture(render(request(SCENES[0], character=sheet)))
    assert share_near(image, outfit) > 0.005


@pytest.mark.parametrize("scene", SCENES, ids=lambda s: s.setting)
def test_a_picture_is_not_one_flat_colour(scene: SceneSpec) -> None:
    image = picture(render(request(scene)))
    colours = image.quantize(colors=64).getcolors()
    assert colours is not None
    counts = sorted((count for count, _ in colours), reverse=True)
    total = image.width * image.height
    assert counts[0] / total < 0.4
    assert len([c for c in counts if c / total > 0.002]) >= 12


def test_unknown_things_and_settings_still_make_a_picture() -> None:
    scene = SceneSpec(
        setting="a volcano made of jelly",
        objects=("Peppa Pig", "zzz", "", "drawing horses"),
        mood="mysterious",
        time_of_day="teatime",
    )
    image = picture(render(request(scene)))
    assert image.size == (512, 512)
    assert share_near(image, HERO.outfit_colour) > 0.005


def test_no_objects_at_all() -> None:
    assert picture(render(request(SceneSpec(setting="outdoor")))).size == (512, 512)


@pytest.mark.parametrize("size", [(0, 100), (100, 10_000)])
def test_silly_sizes_are_refused(size: tuple[int, int]) -> None:
    with pytest.raises(ValidationFailed):
        render(request(SCENES[0], size=size))


@pytest.mark.parametrize("size", [1024, 2625])
def test_it_is_fast(size: int) -> None:
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        render(request(SCENES[1], size=(size, size)))
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.5

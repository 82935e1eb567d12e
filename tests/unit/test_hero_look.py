"""The look a parent chooses: validated, kept as plain data, drawn exactly on every page and
in the look pictures, described in words for an AI illustrator's character sheet."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageColor, ImageStat

from adapters.offline_writer import OfflineStoryWriter
from adapters.pillow_illustrator.illustrator import render
from adapters.pillow_illustrator.look_sheet import render_looks
from adapters.pillow_illustrator.wearables import COVERING
from domain.errors import ValidationFailed
from domain.looks import HAIR_COLOURS, SKIN_TONES, HeroLook, ready_made
from domain.profiles import ChildProfile, Pronouns
from domain.story import IllustrationRequest


def share_near(image: Image.Image, colour: str, tolerance: int = 14) -> float:
    target = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    masks = [
        band.point(lambda v, t=t: 255 if abs(v - t) <= tolerance else 0)
        for band, t in zip(image.split(), target, strict=True)
    ]
    both = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])
    return ImageStat.Stat(both).mean[0] / 255


def test_a_look_is_checked_and_round_trips():
    look = HeroLook(skin="deep", hair_style="afro", hair_colour="black", glasses=True)
    assert HeroLook.from_json(look.to_json()) == look
    assert HeroLook.from_json(None) is None
    with pytest.raises(ValidationFailed):
        HeroLook(skin="green")
    assert look.words() == "deep brown skin, a black round afro and round glasses"
    assert HeroLook(head_covering="hijab").words() == (
        "warm tan skin and a hijab covering dark brown hair"
    )
    # options, never defaults
    assert not any(
        one.glasses or one.hearing_aid or one.wheelchair or one.head_covering != "none"
        for p in ("he", "she", "they")
        for one in ready_made(p)
    )
    assert len({(one.skin, one.hair_style) for one in ready_made("she")}) == 6


@pytest.mark.parametrize(
    "look",
    [
        HeroLook(skin="deep", hair_style="long", hair_colour="red"),
        HeroLook(skin="fair", hair_style="afro", hair_colour="black", wheelchair=True),
    ],
)
async def test_every_page_shows_the_chosen_skin_and_hair(look):
    child = ChildProfile(name="Ada", age=6, pronouns=Pronouns.SHE, interests=("owls",), look=look)
    writer = OfflineStoryWriter()
    series = (await writer.write_series(child, 1, []))[0]
    storyline = (await writer.write_storylines(child, series, 1))[0]
    book = await writer.write_book(child, series, storyline, None)
    assert book.character.hair_style == look.hair_style
    assert book.character.wheelchair is look.wheelchair
    for page in book.pages:
        request = IllustrationRequest(
            key=f"page-{page.number:02d}",
            prompt="",
            scene=page.scene,
            character=book.character,
            width_px=320,
            height_px=320,
            seed=2,
        )
        image = Image.open(io.BytesIO(render(request))).convert("RGB")
        assert share_near(image, SKIN_TONES[look.skin][1]) > 0.002, page.number
        assert share_near(image, HAIR_COLOURS[look.hair_colour][1]) > 0.002, page.number


def test_the_look_picture_shows_each_option():
    looks = ready_made("she")
    image = Image.open(io.BytesIO(render_looks(looks))).convert("RGB")
    assert image.size == (1080, 720)  # three by two, numbered like the list
    for look in looks:
        assert share_near(image, SKIN_TONES[look.skin][1]) > 0.003


def _colour_share(image: Image.Image, box: tuple[int, int, int, int], rgb) -> float:
    part = image.crop(box).convert("RGB")
    hits = sum(
        1
        for p in part.get_flattened_data()
        if sum(abs(a - b) for a, b in zip(p, rgb, strict=True)) < 40
    )
    return hits / (part.width * part.height)


@pytest.mark.parametrize("kind", ["hijab", "patka"])
def test_a_head_covering_is_drawn_as_cloth_round_the_face_not_a_ball(kind):
    """A hijab frames the face and drapes over the shoulders; a patka covers the top of the
    head and its knot while the face and ears show. Measured on the look picture's hero."""
    look = HeroLook(skin="tan", hair_style="bun", hair_colour="black", head_covering=kind)
    with Image.open(io.BytesIO(render_looks([look]))) as image:
        picture = image.convert("RGB")
    cloth = COVERING[kind]
    # the hero stands at the cell's centre: head at about 0.33 of the cell, chest below it
    cell = picture.width
    head_y, r = cell * 0.9 - cell * 0.72 + cell * 0.72 * 0.15, cell * 0.72 * 0.15
    cx = cell / 2
    face = (
        round(cx - r * 0.4),
        round(head_y - r * 0.1),
        round(cx + r * 0.4),
        round(head_y + r * 0.5),
    )
    above = (
        round(cx - r * 0.5),
        round(head_y - r * 1.15),
        round(cx + r * 0.5),
        round(head_y - r * 0.9),
    )
    shoulders = (
        round(cx - r * 1.3),
        round(head_y + r * 1.2),
        round(cx - r * 1.0),
        round(head_y + r * 1.5),
    )
    skin = ImageColor.getrgb(SKIN_TONES["tan"][1])
    assert _colour_share(picture, face, skin) > 0.5  # the face shows, never hidden
    assert _colour_share(picture, above, cloth) > 0.6  # the cloth covers the head
    if kind == "hijab":
        assert _colour_share(picture, shoulders, cloth) > 0.6  # and drapes over the shoulders
    else:
        assert _colour_share(picture, shoulders, cloth) < 0.1

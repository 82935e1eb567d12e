"""Any printable name a parent types reaches a final PDF: 50 real names (apostrophes, hyphens,
accents, Devanagari, Tamil, Arabic, Chinese, two-word names) through both writers (offline, and
the OpenAI writer against the fake OpenAI server), checked as the book gate checks them, set in
fonts that cover every letter, rendered to a final PDF."""

from __future__ import annotations

import io
import unicodedata

import pytest
from PIL import Image
from pypdf import PdfReader
from support.fake_openai import API_KEY, FakeOpenAI
from support.names import NAMES

from adapters.offline_writer import OfflineStoryWriter
from adapters.openai.client import OpenAIOptions, make_client
from adapters.openai.writer import OpenAIStoryWriter
from adapters.pdf.fonts import Role, Run, clean_text, paragraph_markup, split_runs
from adapters.pdf.renderer import ReportLabBookRenderer
from domain.book_rules import book_problems
from domain.ports import StoryWriter
from domain.profiles import ChildProfile, Pronouns
from domain.story import BookLayout, IllustratedPage
from domain.text_input import name_refusal

PRONOUNS = (Pronouns.SHE, Pronouns.HE, Pronouns.THEY)
LATIN = {n for n in NAMES if all(unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in n)}  # fmt: skip


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (120, 170, 210)).save(out, "JPEG")
    return out.getvalue()


def test_there_are_fifty_names_and_every_one_is_accepted_and_fully_covered():
    assert len(NAMES) == 50 == len(set(NAMES))
    for name in NAMES:
        assert name_refusal(name) is None, name
        for role in Role:  # no letter is dropped for want of a font
            assert clean_text(name, role) == name, (name, role)


@pytest.fixture
async def openai_writer(aiohttp_server):
    server = await aiohttp_server(FakeOpenAI().app())
    client = make_client(
        OpenAIOptions(api_key=API_KEY, base_url=str(server.make_url("/v1")), max_retries=0)
    )
    yield OpenAIStoryWriter(client, "gpt-5-mini")
    await client.close()


async def _books(writer: StoryWriter) -> None:
    renderer, picture = ReportLabBookRenderer(), _jpeg()
    for i, name in enumerate(NAMES):
        child = ChildProfile(
            name=name, age=4 + i % 8, pronouns=PRONOUNS[i % 3], interests=("stars", "boats")
        )
        series = (await writer.write_series(child, 1, ()))[i % 5]
        storyline = (await writer.write_storylines(child, series, 1))[i % 5]
        text = await writer.write_book(child, series, storyline, f"For {name}, with love")
        assert book_problems(text, child) == [], name
        if i % 5:  # every fifth book to a PDF keeps the test fast; each script gets one
            continue
        layout = BookLayout(
            title=text.title, child_name=name, author="Storybook", dedication=f"For {name}",
            cover_image_jpeg=picture, ending=text.ending,
            pages=tuple(IllustratedPage(page=p, image_jpeg=picture) for p in text.pages),
        )  # fmt: skip
        pdf = PdfReader(io.BytesIO(renderer.render_final(layout)))
        fonts = {
            str(f.get_object()["/BaseFont"]).split("+")[-1]
            for page in pdf.pages
            for f in (page["/Resources"].get("/Font") or {}).values()
        }
        assert fonts, name
        if name in LATIN:
            printed = "".join(page.extract_text() for page in pdf.pages).replace("\u2019", "'")
            assert printed.count(name) >= 3, name


async def test_fifty_names_through_the_offline_writer_to_a_pdf():
    await _books(OfflineStoryWriter())


async def test_fifty_names_through_the_openai_writer_to_a_pdf(openai_writer):
    await _books(openai_writer)


async def test_a_two_word_arabic_name_reads_right_to_left_and_latin_goes_back_to_its_font():
    """reportlab sets a line's words left to right: the words of an Arabic name are shaped as
    one right-to-left run, so "نور الهدى" does not print as "الهدى نور"; the Latin after it
    is set in the body font again, not in the Arabic font's Latin letters."""
    name = "نور الهدى"
    dedication = f"For {name}, with love"
    assert split_runs(dedication, Role.BODY) == [
        Run("SB-Body", "For "),
        Run("SB-Arab", f"{name}, "),
        Run("SB-Body", "with love"),
    ]
    writer, picture = OfflineStoryWriter(), _jpeg()
    child = ChildProfile(name=name, age=5, pronouns=Pronouns.SHE, interests=("stars",))
    series = (await writer.write_series(child, 1, ()))[0]
    storyline = (await writer.write_storylines(child, series, 1))[0]
    text = await writer.write_book(child, series, storyline, dedication)
    layout = BookLayout(
        title=text.title, child_name=name, author="Storybook", dedication=dedication,
        cover_image_jpeg=picture, ending=text.ending,
        pages=tuple(IllustratedPage(page=p, image_jpeg=picture) for p in text.pages),
    )  # fmt: skip
    pdf = PdfReader(io.BytesIO(ReportLabBookRenderer().render_final(layout)))
    line = next(t for p in pdf.pages if "with love" in (t := p.extract_text()))
    # Printed from left to right, the name's last letter (ى) comes before its first word's
    # last letter (ر): the words run right to left. Set word by word, ر would come first.
    assert 0 <= line.index("ى") < line.index("ر") < line.index("with love"), repr(line)
    # A long Arabic passage keeps its spaces, so it can still wrap.
    assert "\u00a0" not in paragraph_markup(split_runs(" ".join([name] * 3), Role.BODY), Role.BODY)

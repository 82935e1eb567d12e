"""Small parts of the AI work without a server: book rules, the keyword moderator, prompts,
image conversion, the models check, the image-model policy and call reports."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from PIL import Image

from adapters.keyword_moderator import KeywordModerator
from adapters.offline_writer import OfflineStoryWriter
from adapters.openai.client import OpenAIOptions, make_client
from adapters.openai.illustrator import OpenAIIllustrator
from adapters.openai.images import to_jpeg
from adapters.openai.models_check import ModelsReport, check_models
from adapters.openai.prompting import ALL, BOOK, PROMPTS_DIR
from domain.book_rules import book_problems, word_budget
from domain.errors import PolicyViolation
from domain.generation import close_report, open_report, report_call
from domain.profiles import ChildProfile, Pronouns
from domain.story import CharacterSheet, IllustrationRequest, SceneSpec


@pytest.mark.parametrize("age", [1, 3, 4, 6, 8, 10, 12])
async def test_offline_books_keep_the_book_rules(age):
    writer = OfflineStoryWriter()
    child = ChildProfile(name="Anouk", age=age, pronouns=Pronouns.THEY, interests=("boats",))
    series = (await writer.write_series(child, 1, []))[0]
    line = (await writer.write_storylines(child, series, 1))[0]
    book = await writer.write_book(child, series, line, None)
    assert book_problems(book, child) == []


async def test_book_rules_catch_a_missing_name_and_too_many_words():
    writer = OfflineStoryWriter()
    child = ChildProfile(name="Anouk", age=3, pronouns=Pronouns.SHE, interests=("boats",))
    series = (await writer.write_series(child, 1, []))[0]
    line = (await writer.write_storylines(child, series, 1))[0]
    book = await writer.write_book(child, series, line, None)
    nameless = replace(
        book, pages=tuple(replace(p, text=p.text.replace("Anouk", "she")) for p in book.pages)
    )
    assert any("named on pages" in p for p in book_problems(nameless, child))
    wordy = replace(book, pages=(replace(book.pages[0], text="Anouk " * 300), *book.pages[1:]))
    problems = book_problems(wordy, child)
    assert any(f"budget of {word_budget(3)}" in p for p in problems)
    assert book_problems(replace(book, pages=book.pages[:11]), child)


async def test_the_keyword_moderator_flags_only_what_never_fits_a_picture_book():
    moderator = KeywordModerator()
    assert (await moderator.moderate(["Kill the dragon"])).categories == ("violence",)
    for fine in ("killer whales", "water guns, bath bombs", "Bharatanatyam, कहानियाँ"):
        assert not (await moderator.moderate([fine])).flagged, fine


def test_every_prompt_template_exists_and_names_its_version():
    for prompt in ALL:
        first = (PROMPTS_DIR / f"{prompt.version}.j2").read_text().splitlines()[0]
        assert f"prompt: {prompt.version}" in first
    assert sorted(p.name for p in PROMPTS_DIR.glob("*.j2")) == sorted(
        f"{p.version}.j2" for p in ALL
    )
    with pytest.raises(Exception, match="undefined"):
        BOOK.render(name="Anouk")  # a missing value is an error, never an empty string


def test_images_become_jpeg_of_the_exact_print_size():
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (10, 200, 30, 128)).save(out, "PNG")
    data = to_jpeg(out.getvalue(), 256, 256)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "JPEG" and picture.size == (256, 256) and picture.mode == "RGB"


class _Models:
    def __init__(self, listed):
        self.listed = listed

    def list(self):
        async def pages():
            for model_id, shutdown in self.listed:
                yield SimpleNamespace(id=model_id, shutdown_date=shutdown)

        return pages()


async def test_the_models_check_reports_missing_and_retiring_models():
    now = datetime(2026, 11, 25, tzinfo=UTC)
    client = SimpleNamespace(
        models=_Models([("gpt-5-mini", None), ("gpt-image-1", "2026-12-10"), ("x", "2027-06-01")])
    )
    report = await check_models(
        client, ["gpt-5-mini", "gpt-image-1", "omni-x"], now, ModelsReport()
    )
    assert report.missing == ["omni-x"] and report.retiring == {"gpt-image-1": "2026-12-10"}
    assert report.readiness().startswith("down:")
    report = await check_models(client, ["gpt-5-mini", "gpt-image-1"], now, ModelsReport())
    assert report.readiness() == "warning: gpt-image-1 shuts down 2026-12-10"
    assert (await check_models(client, ["gpt-5-mini"], now, ModelsReport())).readiness() == "ok"


async def test_a_failed_models_listing_is_a_warning_not_an_outage():
    class Broken:
        def list(self):
            raise ConnectionError("no route")

    report = await check_models(
        SimpleNamespace(models=Broken()), ["m"], datetime.now(UTC), ModelsReport()
    )
    assert report.readiness() == "warning: could not list models (ConnectionError)"


async def test_only_openai_image_models_may_illustrate_at_start_and_per_call():
    client = make_client(OpenAIOptions(api_key="sk-test", base_url="http://127.0.0.1:9/v1"))
    try:
        for model in ("stable-diffusion-xl", "flux-1", "offline-illustrator-1", "imagen-3"):
            with pytest.raises(PolicyViolation):
                OpenAIIllustrator(client, model)
        illustrator = OpenAIIllustrator(client, "gpt-image-2")
        illustrator._model = "flux-1"  # configuration changed under a running illustrator
        request = IllustrationRequest(
            key="page-01", prompt="a meadow", scene=SceneSpec(setting="outdoor"),
            character=CharacterSheet(description="a child"), width_px=64, height_px=64, seed=1,
        )  # fmt: skip
        with pytest.raises(PolicyViolation):  # refused before any request (port 9 is closed)
            await illustrator.illustrate(request)
    finally:
        await client.close()


def test_call_reports_add_up_and_do_nothing_outside_a_logged_call():
    report_call(tokens_in=5)  # no logged call: ignored
    report, token = open_report()
    try:
        report_call(prompt_version="a.v1", params={"size": "1024x1024"}, tokens_in=3, tokens_out=4)
        report_call(tokens_in=2, tokens_out=1, params={"quality": "low"})
    finally:
        close_report(token)
    report_call(tokens_in=100)
    assert (report.tokens_in, report.tokens_out, report.prompt_version) == (5, 5, "a.v1")
    assert report.params == {"size": "1024x1024", "quality": "low"}


def test_openai_settings_and_their_limits(make_settings):
    settings = make_settings()
    assert settings.illustration_concurrency == 4 and settings.openai_max_retries == 2
    assert settings.openai_temperature is None  # gpt-5 models refuse it; sent only when set
    with pytest.raises(ValueError):
        make_settings(openai_image_size="huge")
    bad = make_settings(openai_api_key="sk-test", openai_image_model="flux-1")
    assert any(p.startswith("OPENAI_IMAGE_MODEL") for p in bad.problems())

"""The OpenAI writer, illustrator and moderator through the real domain services, against a
strict fake OpenAI server on loopback: the happy path of a whole book, provider failures,
invalid outputs, moderation and the photo's fallback, each call logged."""

from __future__ import annotations

import asyncio
import hashlib
import io
import itertools
import time
from dataclasses import replace

import pytest
from PIL import Image
from support.fake_openai import FakeOpenAI
from support.openai_world import CHILD, build_world, jpeg

from domain.books import BookStatus
from domain.errors import GenerationFailed
from domain.looks import HeroLook
from domain.story import PORTRAIT_KEY, PORTRAIT_REFUSED
from domain.story_codec import book_text_from_dict


@pytest.fixture
async def fake_server(aiohttp_server):
    fake = FakeOpenAI()
    server = await aiohttp_server(fake.app())
    return fake, str(server.make_url("/v1"))


@pytest.fixture
async def make_world(fake_server, sqlite_db_url, tmp_path):
    fake, base_url = fake_server
    opened = []

    async def build(**client_options):
        world, engine = await build_world(fake, base_url, sqlite_db_url, tmp_path, **client_options)
        opened.append((world, engine))
        return world

    yield build
    for world, engine in opened:
        await world.client.close()
        await engine.dispose()


@pytest.fixture
async def world(make_world):
    w = await make_world()
    await w.save_child()
    return w


def kinds(logs, kind):
    return [log for log in logs if log.kind == kind]


async def test_a_whole_book_written_and_illustrated_by_openai(world):
    fake = world.fake
    started = time.perf_counter()
    book_id = await world.draft()
    progress = []

    async def note(p):
        progress.append((p.step, p.done, p.total))

    await world.generator.generate(book_id, note)
    seconds = time.perf_counter() - started

    book = await world.books.get(book_id)
    assert book.status is BookStatus.PREVIEW_READY
    assert book.title == "Ilsa and the Lost Star"
    assert ("illustrating", 12, 12) in progress
    # One structured call per round and for the book; 13 pictures (cover + 12 pages);
    # each generated text moderated before use.
    assert fake.count("responses") == 3
    assert fake.count("images/generations") == 13
    assert fake.count("moderations") == 3
    assert fake.rejected == []
    prompts = [body["prompt"] for endpoint, body in fake.calls if endpoint == "images/generations"]
    assert all("yellow raincoat" in p and "No text" in p for p in prompts)  # character sheet
    assert all(body["model"] == "gpt-image-2" for e, body in fake.calls if e.startswith("images"))
    # Every call left a log row with its prompt version, model, parameters and duration.
    logs = await world.logs()
    assert len(logs) == 3 + 13 + 3
    for log in logs:
        assert log.prompt_version and log.model and log.params and log.duration_ms >= 0
        assert log.status == "ok", (log.kind, log.error)
    series = kinds(logs, "series")[0]
    assert series.prompt_version == "system.v1+series.v1" and series.model == "gpt-5-mini"
    assert series.params["max_output_tokens"] == 4000 and series.params["reasoning"]
    assert series.tokens_in > 0 and series.tokens_out > 0
    text = kinds(logs, "book_text")[0]
    assert text.prompt_version == "system.v1+book.v5" and text.tokens_out > 1000 // 4
    image = kinds(logs, "image")[0]
    assert image.prompt_version == "page_image.v2" and image.model == "gpt-image-2"
    assert image.params["quality"] == "low" and image.params["output_format"] == "jpeg"
    assert image.tokens_out and image.book_id == book_id
    assert {log.model for log in kinds(logs, "moderation")} == {"omni-moderation-latest"}
    # Pictures are JPEG at the asked size, ready for the PDF.
    version = (await world.books.history(book_id))[-1]
    async with world.uow() as u:
        cover = await u.assets.get(version.image_ids["cover"])
    data = await world.assets.read(cover)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "JPEG" and picture.size == (320, 320)
    print(f"\nfake-OpenAI book: {seconds:.2f} s, {len(fake.calls)} calls, {len(logs)} log rows")


async def test_every_page_has_a_scene_the_pictures_are_drawn_from(make_world):
    """The model's scenes are held to the illustrators' words, falling back per page; every
    image prompt carries the page's scene, the chosen look and where the words go."""
    w = await make_world()
    look = HeroLook(skin="brown", hair_style="long", hair_colour="black", head_covering="hijab")
    await w.save_child(replace(CHILD, look=look))
    book_id = await w.draft()
    await w.generator.generate(book_id, _ignore)
    assert w.fake.rejected == []  # the schema with the scene fields is strict
    version = (await w.books.history(book_id))[-1]
    book = book_text_from_dict(version.text)
    scenes = [p.scene for p in book.pages]
    assert [s.place for s in scenes] == [
        "kitchen", "garden", "jungle", "jungle", "jungle", "jungle",  # riverbank: the page before
        "castle", "castle", "meadow", "park", "living room", "bedroom",
    ]  # fmt: skip
    assert [s.action for s in scenes] == [
        "cook", "wave", "walk", "point", "jump", "hug",
        "stand", "run", "cheer", "sit", "read", "sleep",  # 'twirl' is no pose: standing
    ]  # fmt: skip
    assert scenes[0].companions == ("boy:Arjun",)
    assert scenes[2].companions == ("elephant", "guide:monkey")
    assert scenes[5].companions == ("elephant",)  # the hero is never their own companion
    assert scenes[7].companions == ("grandma",) and scenes[10].companions == ("grandma:Nani",)
    assert scenes[0].objects == ("cake",)  # the football the words never name is not drawn
    assert scenes[1].objects == () and scenes[11].objects == ("bed",)
    layouts = [s.text_zone for s in scenes]
    assert len(set(layouts)) >= 4 and layouts[-1] == "top"
    assert all(a != b for a, b in itertools.pairwise(layouts))
    # The look the parent chose is drawn by any illustrator, not only described.
    assert book.character.head_covering == "hijab" and book.character.hair_style == "long"
    prompts = {
        body["prompt"].split("What happens: The hero in scene ")[1].split(",")[0]: body["prompt"]
        for e, body in w.fake.calls
        if e == "images/generations" and "What happens: The hero in scene" in body["prompt"]
    }
    first, bedtime = prompts["1"], prompts["12"]
    assert "The hero has brown skin and a hijab covering black hair" in first
    assert "kitchen (indoor)" in first and "cooking" in first and "a boy called Arjun" in first
    assert "Include: cake." in first and "football" not in first
    assert "asleep in bed" in bedtime and "No other people or animals" in bedtime
    assert "upper third" in bedtime  # its words sit at the top, above the bed


async def _ignore(_progress) -> None:
    return None


async def test_a_429_is_retried_by_the_sdk_and_logged_once(world):
    world.fake.fail_next("responses", 429)
    options = await world.options.new_series_round("p1")
    assert len(options) == 5
    assert world.fake.count("responses") == 2
    [log] = kinds(await world.logs(), "series")
    assert log.status == "ok"


async def test_500s_past_the_sdk_retries_fail_one_attempt_and_the_next_succeeds(world):
    world.fake.fail_next("responses", 500, times=3)  # the first call and its 2 retries
    options = await world.options.new_series_round("p1")
    assert len(options) == 5
    logs = kinds(await world.logs(), "series")
    assert [log.status for log in logs] == ["error", "ok"]
    assert "InternalServerError" in logs[0].error
    assert world.fake.count("responses") == 4


async def test_a_timeout_fails_the_attempt_and_the_round_recovers(make_world):
    world = await make_world(timeout_seconds=0.3, max_retries=0)
    await world.save_child()
    world.fake.stall_next("responses", 1.0)
    options = await world.options.new_series_round("p1")
    assert len(options) == 5
    logs = kinds(await world.logs(), "series")
    assert [log.status for log in logs] == ["error", "ok"]
    assert "APITimeoutError" in logs[0].error and logs[0].duration_ms >= 250


async def test_invalid_json_is_retried(world):
    world.fake.mangle_next(lambda answer: '{"series": [')
    options = await world.options.new_series_round("p1")
    assert len(options) == 5
    logs = kinds(await world.logs(), "series")
    assert [log.status for log in logs] == ["error", "ok"]
    assert "ValidationError" in logs[0].error
    assert logs[0].tokens_out  # tokens of a failed answer are still counted


@pytest.mark.parametrize("count", [4, 6])
async def test_a_wrong_number_of_series_is_retried(world, count):
    def resize(answer):
        items = answer["series"]
        extra = {"title": "Extra Idea", "hook": "one too many", "theme": "extra"}
        return {"series": items[:count] if count < 5 else [*items, extra]}

    world.fake.mangle_next(resize)
    options = await world.options.new_series_round("p1")
    assert [o.position for o in options] == [1, 2, 3, 4, 5]
    assert [log.status for log in kinds(await world.logs(), "series")] == ["error", "ok"]


async def test_a_round_that_stays_wrong_fails_cleanly(world):
    world.fake.mangle_next(lambda answer: {"series": answer["series"][:4]}, times=3)
    with pytest.raises(GenerationFailed):
        await world.options.new_series_round("p1")
    assert [log.status for log in kinds(await world.logs(), "series")] == ["error"] * 3
    async with world.uow() as u:
        assert await u.options.last_series_round((await world.profiles.get("p1")).id) == 0


async def test_duplicated_titles_are_retried(world):
    def duplicate(answer):
        answer["series"][3]["title"] = answer["series"][1]["title"].upper()
        return answer

    world.fake.mangle_next(duplicate)
    options = await world.options.new_series_round("p1")
    assert len({o.idea.title.casefold() for o in options}) == 5
    logs = kinds(await world.logs(), "series")
    assert [log.status for log in logs] == ["invalid", "ok"]
    assert "not distinct" in logs[0].error


async def test_a_title_over_24_code_points_is_retried(world):
    def longer(answer):
        answer["series"][0]["title"] = "Ilsa and the Very Long Title Indeed"
        return answer

    world.fake.mangle_next(longer)
    await world.options.new_series_round("p1")
    assert [log.status for log in kinds(await world.logs(), "series")] == ["invalid", "ok"]


async def test_a_flagged_story_is_never_offered(world):
    def unsafe(answer):
        answer["series"][2]["hook"] = "A knife fight at the harbour"
        return answer

    world.fake.mangle_next(unsafe)
    options = await world.options.new_series_round("p1")
    assert all("knife" not in o.idea.hook for o in options)
    moderation = kinds(await world.logs(), "moderation")
    assert [log.status for log in moderation] == ["invalid", "ok"]
    assert "violence" in moderation[0].error
    assert [log.status for log in kinds(await world.logs(), "series")] == ["ok", "ok"]


async def test_parent_text_is_moderated(world):
    assert await world.moderation.parent_text_ok("space, cats and baking", "interests")
    assert not await world.moderation.parent_text_ok("zombie blood and gore", "interests")
    logs = kinds(await world.logs(), "moderation")
    assert [(log.status, log.params["purpose"]) for log in logs] == [
        ("ok", "interests"),
        ("invalid", "interests"),
    ]
    # The child's details are never in the log, only a digest of them.
    assert all("zombie" not in (log.error or "") + log.input_digest for log in logs)


async def test_a_book_without_the_heros_name_or_over_budget_is_rewritten(world):
    book_id = await world.draft()

    def nameless(answer):
        for page in answer["pages"]:
            page["text"] = "The little one smiled and set off again."
        return answer

    def wordy(answer):
        answer["pages"][5]["text"] = "Ilsa " + "ran and ran " * 200
        return answer

    world.fake.mangle_next(nameless)
    world.fake.mangle_next(wordy)
    await world.generator.generate(book_id)
    logs = kinds(await world.logs(), "book_text")
    assert [log.status for log in logs] == ["invalid", "invalid", "ok"]
    assert "named on pages" in logs[0].error and "over" in logs[1].error
    assert (await world.books.get(book_id)).status is BookStatus.PREVIEW_READY


async def test_a_book_that_stays_invalid_fails_the_generation(world):
    book_id = await world.draft()
    world.fake.mangle_next(lambda answer: {**answer, "pages": answer["pages"][:11]}, times=3)
    with pytest.raises(GenerationFailed):
        await world.generator.generate(book_id)
    assert (await world.books.get(book_id)).status is BookStatus.GENERATION_FAILED
    assert world.fake.count("images/generations") == 0  # nothing paid for a broken text


async def test_the_photo_makes_one_master_portrait_that_every_page_references(make_world):
    world = await make_world()
    photo = jpeg()
    await world.save_child(photo=photo)
    book_id = await world.draft()
    await world.generator.generate(book_id)
    edits = [body for endpoint, body in world.fake.calls if endpoint == "images/edits"]
    assert world.fake.count("images/generations") == 0
    assert len(edits) == 14  # the portrait, then the cover and 12 pages
    portrait = edits[0]
    assert portrait["images"][0]["sha256"] == hashlib.sha256(photo).hexdigest()
    assert portrait["input_fidelity"] == "high"
    references = {body["images"][0]["sha256"] for body in edits[1:]}
    assert len(references) == 1 and portrait["images"][0]["sha256"] not in references
    version = (await world.books.history(book_id))[-1]
    assert version.image_ids[PORTRAIT_KEY] not in ("", PORTRAIT_REFUSED)
    assert not await world.books.photo_set_aside(book_id)
    assert [log.prompt_version for log in kinds(await world.logs(), "portrait")] == ["portrait.v1"]


async def test_a_refused_photo_falls_back_to_the_description(make_world):
    world = await make_world()
    photo = jpeg(colour=(200, 40, 40))
    world.fake.blocked_images.add(hashlib.sha256(photo).hexdigest())
    await world.save_child(photo=photo)
    book_id = await world.draft()
    await world.generator.generate(book_id)
    assert world.fake.count("images/edits") == 1  # the refused portrait, never retried
    assert world.fake.count("images/generations") == 13
    assert await world.books.photo_set_aside(book_id)
    assert (await world.books.get(book_id)).status is BookStatus.PREVIEW_READY
    [portrait] = kinds(await world.logs(), "portrait")
    assert portrait.status == "error" and "PhotoRefused" in portrait.error


async def test_a_redelivered_job_draws_only_the_missing_pages(world):
    book_id = await world.draft()

    async def hang(_body):
        await asyncio.sleep(60)

    async def carry_on(_body):
        return None

    world.fake.on_next("images/generations", *[carry_on] * 5, *[hang] * 4)
    task = asyncio.create_task(world.generator.generate(book_id))
    async with asyncio.timeout(20):
        while len((await world.books.history(book_id))[-1].image_ids) < 5:
            await asyncio.sleep(0.01)
    task.cancel()  # the worker died mid-book: the book is still GENERATING
    with pytest.raises(asyncio.CancelledError):
        await task
    assert (await world.books.get(book_id)).status is BookStatus.GENERATING
    done = set((await world.books.history(book_id))[-1].image_ids)
    assert len(done) == 5
    before = world.fake.count("images/generations")
    await world.generator.generate(book_id)  # the job, redelivered
    assert world.fake.count("images/generations") - before == 13 - 5
    assert world.fake.count("responses") == 3  # the text was kept, not written again
    assert (await world.books.get(book_id)).status is BookStatus.PREVIEW_READY


async def test_surprise_me_asks_the_writer_and_falls_back_when_it_cannot(world):
    options = await world.options.new_series_round("p1")
    pick, reason = await world.options.surprise("p1", 1)
    assert pick.id == options[1].id and reason == "It is full of space, just right."
    [ranking] = kinds(await world.logs(), "ranking")
    assert ranking.prompt_version == "system.v1+pick.v1" and ranking.tokens_in
    world.fake.fail_next("responses", 500, times=2)  # the call and its one retry
    pick, reason = await world.options.surprise("p1", 1)
    assert reason  # the interests' best match, never an error for the parent
    assert [log.status for log in kinds(await world.logs(), "ranking")] == ["ok", "error"]


async def test_concurrency_of_pages_is_bounded(world):
    book_id = await world.draft()
    active = peak = 0

    async def gate(_body):
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.05)
        active -= 1

    world.fake.on_next("images/generations", *[gate] * 13)
    await world.generator.generate(book_id)
    assert peak == 4


async def test_a_wrong_key_is_an_error_not_a_retry(make_world):
    world = await make_world()
    await world.save_child(CHILD)
    world.fake.api_key = "sk-someone-else"
    with pytest.raises(GenerationFailed):
        await world.options.new_series_round("p1")
    assert world.fake.count("responses") == 3  # one per attempt: a 401 is not retried
    logs = kinds(await world.logs(), "series")
    assert all("AuthenticationError" in log.error for log in logs)

"""The journeys again, with OPENAI_API_KEY set: series, storylines, the book and its pictures
come from the OpenAI adapters, talking to a strict fake OpenAI server on loopback. The web
chat and WhatsApp journeys are the very scripts of test_journey_webchat / _whatsapp."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from sqlalchemy import select
from support.chat_driver import Parent, texts
from support.fake_graph import FakeGraph
from support.fake_openai import API_KEY, FakeOpenAI
from support.wa_driver import PHONE_NUMBER_ID, TOKEN, WaParent, options, whatsapp_settings, words
from test_journey_webchat import test_happy_path_to_a_delivered_book as webchat_journey
from test_journey_whatsapp import photo
from test_journey_whatsapp import test_whatsapp_journey_to_a_delivered_book as whatsapp_journey

from bot.app import keys
from bot.app.composition import create_app
from bot.app.logs import configure_logging
from storage.tables import AIGenerationLogRow


@pytest.fixture
async def fake_openai(aiohttp_server):
    fake = FakeOpenAI()
    server = await aiohttp_server(fake.app())
    fake.base_url = str(server.make_url("/v1"))
    return fake


def openai_settings(fake: FakeOpenAI) -> dict[str, object]:
    return {
        "openai_api_key": API_KEY,
        "openai_base_url": fake.base_url,
        "openai_image_quality": "low",
        "book_image_px": 320,
    }


@pytest.fixture
async def ai_client(aiohttp_client, make_settings, sqlite_db_url, fake_openai):
    settings = make_settings(database_url=sqlite_db_url, **openai_settings(fake_openai))
    return await aiohttp_client(create_app(settings))


async def _logs(app) -> list[AIGenerationLogRow]:
    async with app[keys.SESSIONS]() as s:
        return list((await s.execute(select(AIGenerationLogRow))).scalars())


def _assert_every_call_logged(fake: FakeOpenAI, logs: list[AIGenerationLogRow]) -> None:
    provider_calls = [e for e, _ in fake.calls if e != "models"]
    assert len(logs) == len(provider_calls)  # one row per call, none missed, none invented
    assert all(log.prompt_version and log.params and log.duration_ms >= 0 for log in logs)
    assert all(log.status == "ok" for log in logs), [(x.kind, x.error) for x in logs]
    by_kind = {log.kind for log in logs}
    assert {"series", "storylines", "book_text", "image", "moderation"} <= by_kind
    assert {log.model for log in logs if log.kind == "image"} == {"gpt-image-2"}


async def test_web_chat_journey_with_openai(ai_client, fake_openai):
    app = ai_client.server.app
    await webchat_journey(ai_client)
    assert fake_openai.count("responses") == 3
    assert fake_openai.count("images/generations") == 13
    # The look the parent chose goes to the writer and is in the character sheet of every
    # picture's prompt.
    book_call = next(b for e, b in fake_openai.calls if e == "responses" and "12 pages" in str(b))
    assert "brown skin" in str(book_call) and "black hair" in str(book_call)
    prompts = [b["prompt"] for e, b in fake_openai.calls if e == "images/generations"]
    assert len(prompts) == 13 and all("brown skin and short curly black hair" in p for p in prompts)
    # Interests and the dedication were moderated, then the series, storylines and book.
    assert fake_openai.count("moderations") == 5
    assert fake_openai.rejected == []
    _assert_every_call_logged(fake_openai, await _logs(app))
    ready = await (await ai_client.get("/readyz")).json()
    assert ready["checks"]["openai_models"] == "ok" and ready["status"] == "ready"


@pytest.fixture
async def ai_wa_client(aiohttp_client, aiohttp_server, make_settings, sqlite_db_url, fake_openai):
    graph = FakeGraph(TOKEN, PHONE_NUMBER_ID)
    server = await aiohttp_server(graph.app())
    graph.base_url = str(server.make_url("")).rstrip("/")
    values = {**whatsapp_settings(graph.base_url), **openai_settings(fake_openai)}
    settings = make_settings(database_url=sqlite_db_url, **values)
    return await aiohttp_client(create_app(settings)), graph


async def test_whatsapp_journey_with_openai_and_the_childs_photo(ai_wa_client, fake_openai):
    client, graph = ai_wa_client
    await whatsapp_journey(client, graph)
    # The photo (given with consent) became one master portrait that every picture references.
    assert fake_openai.count("images/edits") == 14
    assert fake_openai.count("images/generations") == 0
    assert fake_openai.rejected == []
    _assert_every_call_logged(fake_openai, await _logs(client.server.app))


async def test_flagged_interests_get_a_kind_reply(ai_client, fake_openai):
    parent = await Parent(ai_client).open()
    await parent.say("hi")
    await parent.tap("I agree")
    await parent.say("Noor")
    await parent.say("4")
    await parent.tap("They")
    reply = await parent.say("knife fight")
    assert "something else Noor loves" in texts(reply)
    assert await parent.state() == "ask_interests"
    reply = await parent.say("trains and painting")
    assert await parent.state() == "choose_look"
    flagged = [log for log in await _logs(ai_client.server.app) if log.status == "invalid"]
    assert [(log.kind, log.params["purpose"]) for log in flagged] == [("moderation", "interests")]
    await parent.close()


async def test_readyz_reports_a_missing_or_retiring_model(
    aiohttp_client, make_settings, sqlite_db_url, fake_openai
):
    fake_openai.shutdown_dates["gpt-5-mini"] = "2026-12-01"  # within 30 days of "now"
    settings = make_settings(
        database_url=sqlite_db_url,
        **openai_settings(fake_openai),
        openai_image_model="gpt-image-1-mini",
        openai_moderation_model="omni-moderation-2099",
    )
    client = await aiohttp_client(create_app(settings))
    services = client.server.app[keys.SERVICES]
    report = services.ai.models
    for _ in range(200):
        if report.checked_at is not None:
            break
        await asyncio.sleep(0.01)
    response = await client.get("/readyz")
    body = await response.json()
    assert response.status == 503 and "openai_models" in body["down"]
    assert "omni-moderation-2099" in body["checks"]["openai_models"]
    assert report.missing == ["omni-moderation-2099"]
    assert set(report.retiring) == {"gpt-5-mini", "gpt-image-1-mini"}


async def test_a_refused_photo_is_drawn_from_the_description_and_the_parent_told_once(
    ai_wa_client, fake_openai
):
    client, graph = ai_wa_client
    fake_openai.refuse_next_edit()  # the portrait from the photo
    parent = WaParent(client, graph)
    await parent.say("hi")
    await parent.tap("I agree")
    await parent.say("Tomas")
    await parent.say("7")
    await parent.tap("He")
    await parent.say("trains, rockets")
    await parent.tap("Look 2")
    await parent.photo(photo())
    await parent.tap("Looks good")
    reply = await parent.tap("Moon Map")
    await parent.tap(options(next(p for p in reply if p["type"] == "interactive"))[0][2])
    reply = await parent.tap("Skip")
    said = "\n".join(words(p) for p in reply)
    assert said.count("couldn't use the photo") == 1 and "drew Tomas" in said
    assert fake_openai.count("images/edits") == 1
    assert fake_openai.count("images/generations") == 13
    await parent.tap("Regenerate")  # a new version tries the photo again
    reply = await parent.say("Give Tomas a red scarf")
    said = "\n".join(words(p) for p in reply)
    assert "couldn't use the photo" not in said  # it worked this time: nothing to tell
    assert fake_openai.count("images/edits") == 1 + 14
    # The parent's change went to the writer (after moderation) with the new version.
    book_requests = [json.dumps(b) for e, b in fake_openai.calls if e == "responses"]
    assert "Give Tomas a red scarf" in book_requests[-1] and "version 2" in book_requests[-1]
    moderated = [json.dumps(b) for e, b in fake_openai.calls if e == "moderations"]
    assert any("Give Tomas a red scarf" in m for m in moderated)


async def test_a_whole_journey_at_debug_never_logs_the_childs_name(ai_client, capfd):
    """LOG_LEVEL=DEBUG as an operator would set it: the child's name, interests and the
    parent's words appear in no log line, ours or an SDK's."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    configure_logging("DEBUG")
    try:
        logging.getLogger("bot.test").debug("logging reaches the captured stream")
        await webchat_journey(ai_client)
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
    logged = capfd.readouterr().err
    assert "logging reaches the captured stream" in logged
    assert '"logger": "bot.http"' in logged  # the request log was on
    for private in ("Zoya", "space, cats", "baking", "six years", "who loves the stars"):
        assert private not in logged

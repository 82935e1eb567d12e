"""Parents who type their answers in their own words instead of tapping: every step understands
them ("her name is zoya", "she's 5", "yes thats fine", "jungle friends please", "the second
one", "I want to buy this one"), and when it does not, says what to send there."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from support.chat_driver import Parent, make_profile, texts
from support.wa_driver import WaParent, words

from bot.app import keys
from bot.app.composition import create_app
from storage.tables import ChatSessionRow

FAST = {"book_image_px": 320}
UNHELPFUL = "didn't quite get that"


@pytest.fixture
async def client(aiohttp_client, make_settings, sqlite_db_url):
    return await aiohttp_client(create_app(make_settings(database_url=sqlite_db_url, **FAST)))


async def slots(app) -> dict:
    async with app[keys.SESSIONS]() as s:
        return (await s.execute(select(ChatSessionRow.state_json))).scalar_one()["slots"]


async def state(app) -> str:
    async with app[keys.SESSIONS]() as s:
        return (await s.execute(select(ChatSessionRow.state))).scalar_one()


def list_rows(reply: list[dict]) -> list[str]:
    return [r["title"] for m in reply if m["kind"] == "list" for r in m["rows"]]


def unique_word(titles: list[str], index: int) -> str:
    """A word of one title found in no other (so typing it alone names that title)."""

    def words_in(title: str) -> set[str]:
        return {w for w in re.findall(r"[a-z]+", title.casefold()) if len(w) >= 4}

    others = set().union(*(words_in(t) for i, t in enumerate(titles) if i != index))
    found = sorted(words_in(titles[index]) - others - {"zoya"})
    assert found, titles
    return found[0]


class Transcript(WaParent):
    """A WhatsApp parent whose conversation is kept as it reads on the phone."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lines: list[str] = []

    async def say(self, text: str) -> list[dict]:
        self.lines.append(f"parent: {text}")
        reply = await super().say(text)
        self.lines += [f"bot: {words(p)}" for p in reply]
        return reply

    def read(self) -> str:
        return "\n".join(self.lines)


def wa_words(reply: list[dict]) -> str:
    return "\n".join(words(p) for p in reply)


def wa_rows(reply: list[dict]) -> list[str]:
    return [
        r["title"]
        for p in reply
        if p["type"] == "interactive" and p["interactive"]["type"] == "list"
        for s in p["interactive"]["action"]["sections"]
        for r in s["rows"]
    ]


async def test_a_whole_whatsapp_journey_typed_in_free_words(wa_client, graph):
    app = wa_client.server.app
    parent = Transcript(wa_client, graph)
    await parent.say("hello")
    assert "first name" in wa_words(await parent.say("yes thats fine"))
    reply = await parent.say("How old does she need to be?")  # a question back: not a name
    assert "just the name" in wa_words(reply) and await state(app) == "ask_name"
    assert "How old is Zoya?" in wa_words(await parent.say("her name is zoya"))
    assert "he*, *she* or *they" in wa_words(await parent.say("she's 5"))
    await parent.say("she's a girl")
    reply = await parent.say("she loves dinosaurs, space and cats")
    assert await state(app) == "choose_look"
    reply = await parent.say("the second one")
    if await state(app) == "ask_photo_consent":  # an illustrator that paints from photos
        reply = await parent.say("no thanks")
    assert "Loves: dinosaurs, space, cats" in wa_words(reply)
    # A correction that names the field goes straight to it.
    assert "How old is Zoya?" in wa_words(await parent.say("no, change the age"))
    assert "Age: 6" in wa_words(await parent.say("6 years old"))
    reply = await parent.say("yep")
    series = wa_rows(reply)[:5]
    assert len(series) == 5 and await state(app) == "choose_series"
    reply = await parent.say("hmm")
    assert "Tap *See the stories* and pick one, or send a number from 1 to 5." in wa_words(reply)
    assert await state(app) == "choose_series"
    # The exact title, typed lower case with a "please".
    reply = await parent.say(f"{series[2].casefold().rstrip('!')} please")
    assert await state(app) == "choose_storyline"
    assert (await slots(app))["series_title"] == series[2]
    lines = wa_rows(reply)[:5]
    reply = await parent.say("the second one")
    assert await state(app) == "ask_dedication"
    reply = await parent.say("no thanks")
    assert await state(app) == "preview"
    reply = await parent.say("hmm")
    assert "Tap *Buy the book*, *Regenerate* or *Change story*." in wa_words(reply)
    reply = await parent.say("I want to buy this one")
    assert await state(app) == "awaiting_payment"
    transcript = parent.read()
    assert UNHELPFUL not in transcript
    assert "her name is" not in transcript.replace("parent: her name is zoya", "")
    assert lines[1] and "Zoya" in transcript


async def test_names_and_ages_as_parents_type_them(client):
    app = client.server.app
    parent = await Parent(client).open()
    await parent.say("hi")
    reply = await parent.say("nope")
    assert "Tap *I agree* whenever you're ready" in texts(reply) and await state(app) == "consent"
    reply = await parent.say("what do you do with it?")
    assert "Tap *I agree* or *Not now*, or type *yes* or *no*." in texts(reply)
    await parent.say("sure")
    assert await state(app) == "ask_name"
    reply = await parent.say("How old is her name is Zoya?")
    assert "How old is" not in texts(reply) and await state(app) == "ask_name"
    reply = await parent.say("it's Zoya!")
    assert "How old is Zoya?" in texts(reply)
    reply = await parent.say("a few")
    assert "send a number from 1 to 12" in texts(reply) and await state(app) == "ask_age"
    await parent.say("five and a half")
    assert (await slots(app))["age"] == 5 and await state(app) == "ask_pronouns"
    await parent.say("she/her")
    await parent.say("she likes drawing")
    reply = await parent.say("yes")  # not an interest
    assert "Send another thing Zoya loves" in texts(reply)
    await parent.say("nope that's it")
    assert (await slots(app))["interests"] == ["drawing"]
    assert await state(app) == "choose_look"


async def test_series_and_storylines_by_title_part_number_and_ordinal(client):
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)
    reply = await parent.say("ok go")
    series = list_rows(reply)[:5]
    assert await state(app) == "choose_series"
    reply = await parent.say("hmm")
    assert "Tap *See the stories* and pick one, or send a number from 1 to 5." in texts(reply)
    reply = await parent.say("I don't like any of these")  # five new ideas
    assert (await slots(app))["series_round"] == 2 and await state(app) == "choose_series"
    assert list_rows(reply)[:5] != series
    series = list_rows(reply)[:5]
    reply = await parent.say(f"{unique_word(series, 3)} please")  # part of one title
    assert (await slots(app))["series_title"] == series[3]
    storylines = list_rows(reply)[:5]
    reply = await parent.say("7")
    assert "Tap *See the storylines* and pick one, or send a number from 1 to 5." in texts(reply)
    reply = await parent.say("back to series")
    assert await state(app) == "choose_series"
    reply = await parent.say("the last one")
    assert (await slots(app))["series_title"] == series[4]
    storylines = list_rows(reply)[:5]
    await parent.say("number 3")
    assert await state(app) == "ask_dedication"
    assert storylines[2]


async def test_preview_buy_and_change_in_words(client):
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)
    reply = await parent.say("looks good")
    await parent.say("2")
    await parent.say("first one")
    await parent.say("skip")
    assert await state(app) == "preview"
    reply = await parent.say("I don't want to buy it yet")
    assert await state(app) == "preview"
    assert "Tap *Buy the book*, *Regenerate* or *Change story*." in texts(reply)
    reply = await parent.say("can we try a different story")
    assert await state(app) == "choose_storyline"
    assert "Back to series" not in list_rows(reply)  # changing this book's story
    reply = await parent.say("back")
    assert await state(app) == "preview"
    await parent.say("I'll take it")
    assert await state(app) == "awaiting_payment"
    assert UNHELPFUL not in texts(parent_messages(parent))


def parent_messages(parent: Parent) -> list[dict]:
    return [i["message"] for i in parent.messages if i["direction"] == "out"]


async def test_the_look_builder_and_edits_in_words(client):
    app = client.server.app
    parent = await Parent(client).open()
    await parent.say("hi")
    await parent.say("I agree")
    await parent.say("Kabir")
    await parent.say("4")
    await parent.say("boy")
    await parent.say("trains, lego")
    assert await state(app) == "choose_look"
    reply = await parent.say("hmm")
    assert "Tap *Choose* and pick one, or send a number from 1 to 6." in texts(reply)
    assert [m["kind"] for m in reply] == ["text", "list"]  # not the picture again
    await parent.say("change something")
    assert await state(app) == "change_look"
    await parent.say("hair colour please")
    assert await state(app) == "look_part"
    await parent.say("ginger")
    assert await state(app) == "change_look"
    reply = await parent.say("that's it")
    assert "ginger hair" in texts(reply) and await state(app) == "profile_summary"
    await parent.say("edit")
    assert await state(app) == "edit_menu"
    reply = await parent.say("the name")
    assert "first name" in texts(reply) and await state(app) == "ask_name"
    reply = await parent.say("it's Kabir Singh")
    assert "Name: *Kabir Singh*" in texts(reply)
    assert UNHELPFUL not in texts(parent_messages(parent))


async def test_a_returning_parent_in_words(client):
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)
    await parent.say("all correct")
    assert await state(app) == "choose_series"
    await parent.say("restart")
    assert await state(app) == "returning"
    reply = await parent.say("hmm")
    assert "Tap *Yes, new book*, *Edit profile* or *My books*." in texts(reply)
    reply = await parent.say("change her interests")  # the field named: straight to it
    assert await state(app) == "ask_interests"
    reply = await parent.say("football")
    reply = await parent.say("done")
    assert "Loves: football" in texts(reply) and await state(app) == "profile_summary"
    reply = await parent.say("can I talk to a person please?")
    assert "person from our team" in texts(reply)

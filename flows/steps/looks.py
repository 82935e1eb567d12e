"""The look builder: the parent picks how the hero looks from pictures drawn by the illustrator.

A row of ready-made looks (an image of them, then a list) plus "Change something"; then the
parts of a look (skin tone, hair style and colour, glasses, head covering, hearing aid,
wheelchair), each shown the same way. The pictures are painted by a job; a picture already
painted in this conversation is sent again without one.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from domain.errors import PolicyViolation, ValidationFailed
from domain.looks import (
    HAIR_COLOURS,
    HAIR_STYLES,
    HEAD_COVERINGS,
    LABELS,
    SKIN_TONES,
    HeroLook,
    ready_made,
)
from flows.context import TurnContext
from flows.messages import Image, Inbound, JobFinished, ListMessage, Row, Text
from flows.registry import handler, prompt
from flows.steps.profile import profile_from_slots, start_series
from flows.turn import STALE, answer, choice, chosen, go, repair
from flows.understanding import Option, how_to_answer
from flows.words import say

SHEETS_KEPT = 12  # painted pictures remembered per conversation (asset ids)
YES_NO = {False: "No", True: "Yes"}
COVERING_TITLES = {"none": "None", "hijab": "Hijab", "patka": "Patka", "cap": "Cap"}
HAIR_STYLE_TITLES = {
    "short": "Short",
    "spiky": "Short and spiky",
    "curly": "Short and curly",
    "afro": "Afro",
    "bob": "Bob",
    "long": "Long",
    "ponytail": "Ponytail",
    "braids": "Two braids",
    "bun": "Bun",
}


def part_values(part: str) -> list[tuple[Any, str]]:
    """The values of one part of a look, with their titles, in the order shown."""
    if part == "skin":
        return [(k, words.capitalize()) for k, (words, _) in SKIN_TONES.items()]
    if part == "hair_colour":
        return [(k, words.capitalize()) for k, (words, _) in HAIR_COLOURS.items()]
    if part == "hair_style":
        return [(k, HAIR_STYLE_TITLES[k]) for k in HAIR_STYLES]
    if part == "head_covering":
        return [(k, COVERING_TITLES[k]) for k in HEAD_COVERINGS]
    return [(False, "No"), (True, "Yes")]


def value_title(part: str, value: Any) -> str:
    return str(dict(part_values(part)).get(value, value))


def current_look(ctx: TurnContext) -> HeroLook | None:
    return HeroLook.from_json(ctx.slots.get("look"))


def _set_look(ctx: TurnContext, look: HeroLook) -> None:
    ctx.slots["look"] = look.to_json()


def painted_sheet(slots: dict[str, Any], looks: list[HeroLook]) -> str | None:
    """The asset id of a picture of these looks painted in this conversation, if any."""
    found = slots.get("look_sheets", {}).get(_digest(looks))
    return None if found is None else str(found)


def _digest(looks: list[HeroLook]) -> str:
    text = json.dumps([look.to_json() for look in looks], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _offer(
    ctx: TurnContext, looks: list[HeroLook], text: str, rows: list[tuple[str, str, str]]
) -> None:
    """Show `looks` as one picture, then the list. The list waits for the picture (a job)
    unless this picture was painted already; if painting fails the list comes alone."""
    digest = _digest(looks)
    ctx.slots["look_offer"] = {
        "digest": digest,
        "text": text,
        "rows": [list(r) for r in rows],
        "looks": [look.to_json() for look in looks],
    }
    asset_id = ctx.slots.get("look_sheets", {}).get(digest)
    if asset_id is not None:
        _send_offer(ctx, asset_id)
        return
    ctx.request_job(
        "look_sheet", user_id=ctx.user_id, digest=digest, looks=ctx.slots["look_offer"]["looks"]
    )
    ctx.send(Text(say("drawing_looks")))


def _send_offer(ctx: TurnContext, asset_id: str | None) -> None:
    offer = ctx.slots["look_offer"]
    if asset_id is not None:
        ctx.send(Image(asset_id, say("looks_caption", count=len(offer["looks"]))))
    rows = tuple(Row(choice(ctx, action), title, desc) for action, title, desc in offer["rows"])
    ctx.send(ListMessage(offer["text"], LOOKS_LIST, rows))


async def _sheet_painted(ctx: TurnContext, inbound: JobFinished) -> None:
    offer = ctx.slots.get("look_offer") or {}
    digest, _, asset_id = (inbound.subject_id or "").partition(":")
    if inbound.ok and asset_id:
        sheets: dict[str, str] = ctx.slots.setdefault("look_sheets", {})
        sheets[digest] = asset_id
        while len(sheets) > SHEETS_KEPT:
            sheets.pop(next(iter(sheets)))
    if not inbound.ok:
        _send_offer(ctx, None)  # no picture: the list still names every look
    elif digest == offer.get("digest"):
        _send_offer(ctx, asset_id)
    # else: a picture for a list the parent has already left; kept for later, not sent


LOOKS_LIST = "Choose"
CHANGE = ("change", "change something", "different", "none of these", "customise", "customize")
DONE = (
    "done",
    "ok",
    "thats it",
    "finished",
    "looks good",
    "perfect",
    "redraw",
    "no more",
    "all good",
)


def _offered(
    ctx: TurnContext, *, described: bool = False, **words: tuple[str, ...]
) -> list[Option]:
    """The rows of the list on offer, numbered as shown ("Look 2", "2", "the second one"),
    all but the rows given their own `words` ("Change something"); `described`: a row's
    description names it too ("brown skin, black hair")."""
    rows = (ctx.slots.get("look_offer") or {}).get("rows", [])
    return [
        Option(
            action,
            title,
            None if action in words else number,
            words=(*([desc] if described else []), *words.get(action, ())),
        )
        for number, (action, title, desc) in enumerate(rows, 1)
    ]


async def _not_understood(ctx: TurnContext, inbound: Inbound, options: list[Option]) -> None:
    """What to send, then the list again; not the picture, which is just above."""
    if chosen(ctx, inbound) == STALE or not options:
        await repair(ctx, inbound, options=options, list_button=LOOKS_LIST)
        return
    ctx.send(Text(say("not_understood", how=how_to_answer(options, LOOKS_LIST))))
    _send_offer(ctx, None)


# --- the row of ready-made looks --------------------------------------------------------


@prompt("choose_look")
async def ask_look(ctx: TurnContext) -> None:
    looks = ready_made(ctx.slots.get("pronouns", "they"))
    kept = current_look(ctx)
    if kept is not None and kept not in looks:
        looks = [kept, *looks[:5]]
    rows = [
        (f"pick{i}", f"Look {i + 1}", look.words().capitalize()) for i, look in enumerate(looks)
    ]
    rows.append(("change", "Change something", say("change_something_row")))
    _offer(ctx, looks, say("choose_look", name=ctx.slots["name"]), rows)


@handler("choose_look")
async def on_look(ctx: TurnContext, inbound: Inbound) -> None:
    if isinstance(inbound, JobFinished):
        await _sheet_painted(ctx, inbound)
        return
    offer = ctx.slots.get("look_offer") or {}
    looks = [HeroLook(**j) for j in offer.get("looks", [])]
    options = _offered(ctx, described=True, change=CHANGE)
    action = answer(ctx, inbound, options) or ""
    index = int(action[4:]) if action.startswith("pick") and action[4:].isdigit() else None
    if index is not None and 0 <= index < len(looks):
        _set_look(ctx, looks[index])
        ctx.send(Text(say("look_chosen", name=ctx.slots["name"], look=looks[index].words())))
        await finish_look(ctx)
    elif action == "change":
        if current_look(ctx) is None and looks:
            _set_look(ctx, looks[0])
        await go(ctx, "change_something")
    else:
        await _not_understood(ctx, inbound, options)


async def finish_look(ctx: TurnContext) -> None:
    """Back to where the parent came from: the preview (the book is redrawn), the summary,
    the photo question (only when the illustrator paints from photos) or the summary."""
    came_from = ctx.slots.pop("look_return", None)
    if came_from == "preview":
        await _redraw(ctx)
    elif came_from == "new_book":
        await _new_book(ctx)
    elif ctx.slots.get("editing"):
        await go(ctx, "edited")
    elif ctx.deps.settings.photo_portraits:
        await go(ctx, "look_photo")
    else:
        await go(ctx, "look_done")


async def _new_book(ctx: TurnContext) -> None:
    try:
        await ctx.deps.profiles.save(ctx.user_id, profile_from_slots(ctx))
    except ValidationFailed:
        ctx.send(Text(say("turn_failed")))
        return
    await start_series(ctx, "look_new_book")


async def _redraw(ctx: TurnContext) -> None:
    try:
        await ctx.deps.profiles.save(ctx.user_id, profile_from_slots(ctx))
    except ValidationFailed:
        await go(ctx, "keep_preview", remember=False)
        return
    try:
        await ctx.deps.books.start_generation(ctx.slots["book_id"], None)
    except PolicyViolation:
        limit = ctx.deps.settings.regeneration_limit
        ctx.send(Text(say("look_saved_no_redraw", limit=limit, name=ctx.slots["name"])))
        await go(ctx, "keep_preview", remember=False)
        return
    ctx.request_job("book", book_id=ctx.slots["book_id"])
    ctx.send(Text(say("look_redraw", name=ctx.slots["name"])))
    await go(ctx, "look_redraw")


# --- the parts of a look ----------------------------------------------------------------


@prompt("change_look")
async def ask_part(ctx: TurnContext) -> None:
    look = current_look(ctx) or ready_made(ctx.slots.get("pronouns", "they"))[0]
    _set_look(ctx, look)
    rows = [(part, label, value_title(part, getattr(look, part))) for part, label in LABELS.items()]
    done = "Redraw the book" if ctx.slots.get("look_return") == "preview" else "Done, that's it"
    rows.append(("done", done, look.words().capitalize()))
    _offer(ctx, [look], say("change_look", name=ctx.slots["name"]), rows)


@handler("change_look")
async def on_part(ctx: TurnContext, inbound: Inbound) -> None:
    if isinstance(inbound, JobFinished):
        await _sheet_painted(ctx, inbound)
        return
    options = _offered(ctx, done=DONE)
    action = answer(ctx, inbound, options)
    if action in LABELS:
        ctx.slots["look_part"] = action
        await go(ctx, "pick_part")
    elif action == "done":
        look = current_look(ctx) or HeroLook()
        ctx.send(Text(say("look_chosen", name=ctx.slots["name"], look=look.words())))
        await finish_look(ctx)
    else:
        await _not_understood(ctx, inbound, options)


@prompt("look_part")
async def ask_part_value(ctx: TurnContext) -> None:
    part, look = ctx.slots["look_part"], current_look(ctx) or HeroLook()
    values = part_values(part)
    looks = [look.with_(**{part: value}) for value, _ in values]
    rows = [(f"v{i}", title, "") for i, (_, title) in enumerate(values)]
    _offer(ctx, looks, say("look_part", part=LABELS[part].lower(), name=ctx.slots["name"]), rows)


@handler("look_part")
async def on_part_value(ctx: TurnContext, inbound: Inbound) -> None:
    if isinstance(inbound, JobFinished):
        await _sheet_painted(ctx, inbound)
        return
    part, look = ctx.slots["look_part"], current_look(ctx) or HeroLook()
    values = part_values(part)
    options = _offered(ctx)
    action = answer(ctx, inbound, options) or ""
    index = int(action[1:]) if action.startswith("v") and action[1:].isdigit() else None
    if index is None or not 0 <= index < len(values):
        await _not_understood(ctx, inbound, options)
        return
    _set_look(ctx, look.with_(**{part: values[index][0]}))
    await go(ctx, "part_set")

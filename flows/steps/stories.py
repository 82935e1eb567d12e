"""Series, storylines, dedication, the book being made, and the preview."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.books import pdf_filename
from domain.errors import PolicyViolation
from domain.feedback import read_wishes
from domain.profiles import clean_text
from flows.context import TurnContext
from flows.messages import (
    PROGRESS_TOPIC,
    Button,
    Buttons,
    Document,
    Inbound,
    JobFinished,
    JobProgressed,
    ListMessage,
    Row,
    Text,
)
from flows.parsing import about_looks, is_skip
from flows.registry import handler, prompt
from flows.steps.buying import RETRY, begin_purchase
from flows.steps.profile import pronoun_words
from flows.turn import (
    STALE,
    answer,
    buttons_of,
    choice,
    chosen,
    command_button,
    go,
    repair,
    text_of,
)
from flows.understanding import Option, how_to_answer, pick, words_of
from flows.words import say

DEDICATION_MAX = 200
PROGRESS_EVERY = timedelta(seconds=30)
PROGRESS_TOLD_AT = "progress_told_at"  # a slot: when the parent last heard how it goes
FEEDBACK_MAX = 300


@prompt("writing_series")
async def say_writing_series(ctx: TurnContext) -> None:
    ctx.send(Text(say("writing_series", name=ctx.slots["name"])))


@prompt("writing_storylines")
async def say_writing_storylines(ctx: TurnContext) -> None:
    ctx.send(Text(say("writing_storylines", series=ctx.slots["series_title"])))


@handler("writing_series", "writing_storylines")
async def on_writing_options(ctx: TurnContext, inbound: Inbound) -> None:
    if isinstance(inbound, JobFinished) and inbound.job in ("series", "storylines"):
        if not inbound.ok:
            await go(ctx, "options_failed", remember=False)
        elif inbound.job == "series":
            ctx.slots["series_round"] = int(inbound.subject_id or 1)
            await go(ctx, "series_ready", remember=False)
        else:
            await go(ctx, "storylines_ready", remember=False)
        return
    if isinstance(inbound, JobProgressed):
        return
    ctx.send(Text(say("still_working", progress="almost there")))


@prompt("options_failed")
async def ask_options_retry(ctx: TurnContext) -> None:
    buttons = (
        Button(choice(ctx, "retry"), "Try again"),
        command_button("human", "Talk to a person"),
    )
    ctx.send(Buttons(say("options_failed"), buttons))


@handler("options_failed")
async def on_options_failed(ctx: TurnContext, inbound: Inbound) -> None:
    if answer(ctx, inbound, RETRY) == "retry":
        if ctx.slots.get("series_id") and ctx.slots.get("series_round"):
            ctx.request_job("storylines", series_id=ctx.slots["series_id"])
            await go(ctx, "retry_storylines", remember=False)
        else:
            ctx.request_job("series", user_id=ctx.user_id)
            await go(ctx, "retry_series", remember=False)
    else:
        await repair(ctx, inbound)


SERIES_LIST = "See the stories"
STORYLINE_LIST = "See the storylines"
MORE = Option(
    "more",
    "5 new ideas",
    words=("new ideas", "more ideas", "other ideas", "different ideas", "something else",
           "none of these", "none of them", "new ones", "different ones", "more options",
           "dont like any", "dont like these", "dont like them", "dont like those"),
)  # fmt: skip
SURPRISE = Option(
    "surprise",
    "Surprise me",
    words=("surprise", "you pick", "you choose", "you decide", "dont mind", "any of them"),
)
BACK = Option(
    "back",
    "Back to series",
    words=("back to series", "other series", "different series", "see the series", "series"),
)


async def _series_options(ctx: TurnContext) -> tuple[list[Option], list[str]]:
    """The five series of this round (numbered 1 to 5), then what else is offered; with each
    row's description."""
    found = await ctx.deps.options.series_round(ctx.user_id, ctx.slots["series_round"])
    offered = [(Option(f"s{o.position}", o.idea.title, o.position), o.idea.hook) for o in found]
    if ctx.slots["series_round"] < ctx.deps.settings.series_rounds_max:
        offered.append((MORE, "Not quite right? Fresh ones"))
    if ctx.deps.settings.ai_selection:
        offered.append((SURPRISE, "I'll pick the best fit"))
    return [o for o, _ in offered], [hook for _, hook in offered]


def _rows(ctx: TurnContext, options: list[Option], hooks: list[str]) -> tuple[Row, ...]:
    return tuple(
        Row(choice(ctx, o.action), o.title, hook) for o, hook in zip(options, hooks, strict=True)
    )


@prompt("choose_series")
async def ask_series(ctx: TurnContext) -> None:
    options, hooks = await _series_options(ctx)
    text = say("choose_series", name=ctx.slots["name"], **pronoun_words(ctx))
    ctx.send(ListMessage(text, SERIES_LIST, _rows(ctx, options, hooks)))


@handler("choose_series")
async def on_series(ctx: TurnContext, inbound: Inbound) -> None:
    options, _hooks = await _series_options(ctx)
    action = answer(ctx, inbound, options)
    if action is None and pick(text_of(inbound) or "", [MORE]):
        action = "more"  # asked for new ideas when none are left: say so
    if action == "more":
        if ctx.slots["series_round"] >= ctx.deps.settings.series_rounds_max:
            ctx.send(Text(say("no_more_rounds")))
            return
        ctx.request_job("series", user_id=ctx.user_id)
        await go(ctx, "more_series")
        return
    found = await ctx.deps.options.series_round(ctx.user_id, ctx.slots["series_round"])
    if action == "surprise" and ctx.deps.settings.ai_selection:
        mine, reason = await ctx.deps.options.surprise(ctx.user_id, ctx.slots["series_round"])
        ctx.send(Text(say("surprise_pick", title=mine.idea.title, reason=reason)))
        action = f"s{mine.position}"
    picked = next((o for o in found if action == f"s{o.position}"), None)
    if picked is None:
        await repair(ctx, inbound, options=options, list_button=SERIES_LIST)
        return
    await ctx.deps.options.select_series(picked.id)
    ctx.slots.update(series_id=picked.id, series_title=picked.idea.title)
    ctx.request_job("storylines", series_id=picked.id)
    await go(ctx, "series_chosen")


async def _storyline_options(ctx: TurnContext) -> tuple[list[Option], list[str]]:
    found = await ctx.deps.options.latest_storylines(ctx.slots["series_id"])
    offered = [(Option(f"l{o.position}", o.idea.title, o.position), o.idea.hook) for o in found]
    if not ctx.slots.get("changing_book"):
        offered.append((BACK, "See the 5 series again"))
    return [o for o, _ in offered], [hook for _, hook in offered]


@prompt("choose_storyline")
async def ask_storyline(ctx: TurnContext) -> None:
    options, hooks = await _storyline_options(ctx)
    text = say("choose_storyline", series=ctx.slots["series_title"])
    ctx.send(ListMessage(text, STORYLINE_LIST, _rows(ctx, options, hooks)))


@handler("choose_storyline")
async def on_storyline(ctx: TurnContext, inbound: Inbound) -> None:
    options, _hooks = await _storyline_options(ctx)
    action = answer(ctx, inbound, options)
    if action == "back" and not ctx.slots.get("changing_book"):
        await go(ctx, "back_to_series")
        return
    found = await ctx.deps.options.latest_storylines(ctx.slots["series_id"])
    picked = next((o for o in found if action == f"l{o.position}"), None)
    if picked is None:
        await repair(ctx, inbound, options=options, list_button=STORYLINE_LIST)
        return
    await ctx.deps.options.select_storyline(picked.id)
    ctx.slots["storyline_id"] = picked.id
    if ctx.slots.pop("changing_book", False):
        await ctx.deps.books.change_storyline(ctx.slots["book_id"], picked.id)
        ctx.request_job("book", book_id=ctx.slots["book_id"])
        await go(ctx, "storyline_changed", remember=False)
        return
    await go(ctx, "storyline_chosen")


@prompt("ask_dedication")
async def ask_dedication(ctx: TurnContext) -> None:
    text = say("ask_dedication", name=ctx.slots["name"])
    ctx.send(Buttons(text, (Button(choice(ctx, "skip"), "Skip"),)))


@handler("ask_dedication")
async def on_dedication(ctx: TurnContext, inbound: Inbound) -> None:
    action, text = chosen(ctx, inbound), text_of(inbound)
    if action == "skip" or (text is not None and is_skip(text)):
        dedication = None
    elif text is not None:
        dedication = clean_text(text)
        if len(dedication) > DEDICATION_MAX:
            ctx.send(Text(say("dedication_too_long")))
            return
        if not await ctx.deps.moderation.parent_text_ok(dedication, "dedication"):
            ctx.send(Text(say("dedication_flagged")))
            return
    else:
        await repair(ctx, inbound, "dedication_hint")
        return
    book = await ctx.deps.books.create_draft(ctx.user_id, ctx.slots["storyline_id"], dedication)
    await ctx.deps.books.start_generation(book.id)
    ctx.slots["book_id"] = book.id
    ctx.request_job("book", book_id=book.id)
    await go(ctx, "dedicated")


FEEDBACK = (
    Option("again", "Just try again", words=("try again", "fresh version", "another version")),
    Option("look", "Change the look", words=("change the look", "change how")),
    Option(
        "keep",
        "Keep this one",
        words=("keep this", "keep it", "keep that", "never mind", "nevermind", "cancel"),
    ),
)
SHORT_ANSWER_WORDS = 5  # longer words at this step are what to change, even if they say "keep"


@prompt("ask_feedback")
async def ask_feedback(ctx: TurnContext) -> None:
    ctx.send(Buttons(say("ask_feedback", name=ctx.slots["name"]), buttons_of(ctx, FEEDBACK)))


@handler("ask_feedback")
async def on_feedback(ctx: TurnContext, inbound: Inbound) -> None:
    """What the parent wants changed goes to the writer with the new version (moderated)."""
    action, text = chosen(ctx, inbound), text_of(inbound)
    if action is None and text is not None and len(words_of(text)) <= SHORT_ANSWER_WORDS:
        action = pick(text, FEEDBACK)
    if action == "keep":
        await go(ctx, "keep_preview", remember=False)
        return
    if action == "look" or (text is not None and about_looks(text)):
        # The look is the parent's to choose: the builder, then a redraw with it.
        if action != "look":
            ctx.send(Text(say("look_feedback", name=ctx.slots["name"])))
        ctx.slots["look_return"] = "preview"
        await go(ctx, "regen_look")
        return
    if action == "again" or (text is not None and is_skip(text)):
        feedback = None
    elif text is not None:
        feedback = clean_text(text)
        if len(feedback) > FEEDBACK_MAX:
            ctx.send(Text(say("feedback_too_long")))
            return
        if not await ctx.deps.moderation.parent_text_ok(feedback, "feedback"):
            ctx.send(Text(say("feedback_flagged")))
            return
    else:
        await repair(ctx, inbound, options=FEEDBACK)
        return
    wishes = read_wishes(feedback)
    if feedback is not None and wishes.empty and not ctx.deps.settings.writer_reads_feedback:
        # Nothing this writer can follow: say so, and keep the regeneration for later.
        ctx.send(Text(say("feedback_not_understood", name=ctx.slots["name"])))
        return
    try:
        await ctx.deps.books.start_generation(ctx.slots["book_id"], feedback)
    except PolicyViolation:
        limit = ctx.deps.settings.regeneration_limit
        ctx.send(Text(say("no_regenerations_left", limit=limit)))
        await go(ctx, "keep_preview", remember=False)
        return
    if not wishes.empty:
        changes = wishes.described()
        listed = (
            changes[0] if len(changes) == 1 else ", ".join(changes[:-1]) + " and " + changes[-1]
        )
        ctx.send(Text(say("feedback_followed", changes=listed)))
    ctx.request_job("book", book_id=ctx.slots["book_id"])
    await go(ctx, "feedback_given")


@prompt("writing_book")
async def say_writing_book(ctx: TurnContext) -> None:
    ctx.slots["progress"] = "starting"
    ctx.slots[PROGRESS_TOLD_AT] = ctx.now.isoformat()
    ctx.send(Text(say("writing_book", name=ctx.slots["name"])))


@handler("writing_book")
async def on_writing_book(ctx: TurnContext, inbound: Inbound) -> None:
    if isinstance(inbound, JobProgressed):
        ctx.slots["progress"] = f"{inbound.job} {inbound.done}/{inbound.total}"
        words = _progress_words(inbound)
        if words is not None and _may_tell_progress(ctx):
            ctx.slots[PROGRESS_TOLD_AT] = ctx.now.isoformat()
            ctx.send(Text(words, topic=PROGRESS_TOPIC))
        return
    if isinstance(inbound, JobFinished) and inbound.job == "book":
        await go(ctx, "book_ready" if inbound.ok else "book_failed", remember=False)
        return
    progress = ctx.slots.get("progress", "starting").replace("illustrating", "page")
    ctx.send(Text(say("still_working", progress=progress)))


def _progress_words(tick: JobProgressed) -> str | None:
    if tick.job == "writing":
        return say("writing_text")
    if tick.job == "illustrating" and tick.done:
        return say("illustrating", done=tick.done, total=tick.total)
    if tick.job == "assembling":
        return say("assembling")
    return None  # "ready": the preview itself says so


def _may_tell_progress(ctx: TurnContext) -> bool:
    """Where each tick is a new message (WhatsApp), one at most every PROGRESS_EVERY: a quick
    book gets its start and its preview only, a slow one a few updates in between."""
    if ctx.progress_in_place:
        return True
    told = ctx.slots.get(PROGRESS_TOLD_AT)
    return told is None or ctx.now - datetime.fromisoformat(told) >= PROGRESS_EVERY


@prompt("generation_failed")
async def ask_generation_retry(ctx: TurnContext) -> None:
    buttons = (
        Button(choice(ctx, "retry"), "Try again"),
        command_button("human", "Talk to a person"),
    )
    ctx.send(Buttons(say("generation_failed"), buttons))


@handler("generation_failed")
async def on_generation_failed(ctx: TurnContext, inbound: Inbound) -> None:
    if answer(ctx, inbound, RETRY) == "retry":
        await ctx.deps.books.start_generation(ctx.slots["book_id"])
        ctx.request_job("book", book_id=ctx.slots["book_id"])
        await go(ctx, "retry_book", remember=False)
    else:
        await repair(ctx, inbound)


PREVIEW = (
    Option(
        "buy",
        "Buy the book",
        words=("buy", "purchase", "pay", "order it", "order the book", "order one",
               "place an order", "want to order", "take it", "want it", "get it", "checkout",
               "check out"),
    ),
    Option(
        "regenerate",
        "Regenerate",
        words=("regenerate", "try again", "new version", "another version", "redo", "remake",
               "make changes", "change something", "tweak", "fix it"),
    ),
    Option(
        "change",
        "Change story",
        words=("change story", "change the story", "different story", "another story",
               "new story", "other story", "change storyline", "different storyline",
               "another storyline", "other storyline", "different adventure"),
    ),
)  # fmt: skip


def _preview_options(can_regenerate: bool) -> tuple[Option, ...]:
    return PREVIEW if can_regenerate else PREVIEW[:1]


@prompt("preview")
async def show_preview(ctx: TurnContext) -> None:
    book = await ctx.deps.books.get(ctx.slots["book_id"])
    limit = ctx.deps.settings.regeneration_limit
    caption = say("preview_caption", title=book.title or "your book")
    caption += "\n\n" + await price_line(ctx)
    left = book.regenerations_left(limit)
    caption += "\n\n" + (
        say("regenerations_left", left=left)
        if left > 0
        else say("no_regenerations_left", limit=limit)
    )
    buttons = list(buttons_of(ctx, _preview_options(book.can_regenerate(limit))))
    ctx.slots["title"] = book.title
    told = ctx.slots.get("photo_note_book") == book.id  # once per book, not every preview
    if not told and await ctx.deps.books.photo_set_aside(book.id):
        ctx.slots["photo_note_book"] = book.id
        ctx.send(Text(say("photo_set_aside", name=ctx.slots["name"])))
    assert book.preview_pdf_id is not None
    filename = pdf_filename(ctx.slots["name"], book.title or "", "preview")
    ctx.send(Document(book.preview_pdf_id, filename, caption, tuple(buttons)))
    ctx.record("pdf_link_issued", audit=True, book_id=book.id, kind="preview")


async def price_line(ctx: TurnContext) -> str:
    """What the book costs, in the parent's currency, with the printed copy when it is sold."""
    payments = ctx.deps.payments
    price = await payments.price_text(ctx.user_id, "pdf")
    if not ctx.deps.settings.print_ship:
        return say("price_line", price=price)
    printed = await payments.price_text(ctx.user_id, "print")
    return say("price_line_print", price=price, printed=printed)


@handler("preview")
async def on_preview(ctx: TurnContext, inbound: Inbound) -> None:
    action = answer(ctx, inbound, PREVIEW)
    if action == "buy":
        await begin_purchase(ctx)
    elif action == "regenerate":
        book = await ctx.deps.books.get(ctx.slots["book_id"])
        if not book.can_regenerate(ctx.deps.settings.regeneration_limit):
            ctx.send(Text(say("no_regenerations_left", limit=ctx.deps.settings.regeneration_limit)))
            return
        await go(ctx, "regenerate")
    elif action == "change":
        book = await ctx.deps.books.get(ctx.slots["book_id"])
        if not book.can_regenerate(ctx.deps.settings.regeneration_limit):
            ctx.send(Text(say("no_regenerations_left", limit=ctx.deps.settings.regeneration_limit)))
            return
        ctx.slots["changing_book"] = True
        await go(ctx, "change_story")
    elif chosen(ctx, inbound) == STALE:
        await repair(ctx, inbound)
    else:  # the buttons again with what to do, not the whole preview file again
        book = await ctx.deps.books.get(ctx.slots["book_id"])
        offered = _preview_options(book.can_regenerate(ctx.deps.settings.regeneration_limit))
        how = say("not_understood", how=how_to_answer(offered))
        ctx.send(Buttons(how, buttons_of(ctx, offered)))

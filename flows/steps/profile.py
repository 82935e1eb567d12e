"""Greeting, consent, the child profile (one per parent), its summary and edits."""

from __future__ import annotations

from domain.errors import ValidationFailed
from domain.looks import HeroLook
from domain.profiles import INTERESTS_MAX, NAME_MAX_CODE_POINTS, ChildProfile, Pronouns
from domain.text_input import name_refusal
from flows.context import TurnContext
from flows.messages import Button, Buttons, Inbound, InboundImage, ListMessage, Row, Text
from flows.parsing import is_done, is_skip, parse_interests, parse_pronouns
from flows.registry import handler, prompt
from flows.turn import answer, buttons_of, choice, chosen, go, repair, text_of
from flows.understanding import Option, pick, read_age, read_name
from flows.words import say


def pronoun_words(ctx: TurnContext) -> dict[str, str]:
    pronouns = Pronouns(ctx.slots.get("pronouns", "they"))
    return {"they": pronouns.subject, "them": pronouns.object, "their": pronouns.possessive}


def load_profile_slots(ctx: TurnContext, profile: ChildProfile) -> None:
    ctx.slots.update(
        name=profile.name,
        age=profile.age,
        pronouns=profile.pronouns.value,
        interests=list(profile.interests),
        photo_asset_id=profile.photo_asset_id,
        look=None if profile.look is None else profile.look.to_json(),
    )


def profile_from_slots(ctx: TurnContext) -> ChildProfile:
    s = ctx.slots
    return ChildProfile(
        name=s["name"],
        age=int(s["age"]),
        pronouns=Pronouns(s["pronouns"]),
        interests=tuple(s["interests"]),
        photo_asset_id=s.get("photo_asset_id"),
        look=HeroLook.from_json(s.get("look")),
    )


@handler("start")
async def on_start(ctx: TurnContext, _inbound: Inbound) -> None:
    stored = await ctx.deps.profiles.get(ctx.user_id)
    if stored is not None:
        load_profile_slots(ctx, stored.profile)
        await go(ctx, "begin_returning", remember=False)
        return
    ctx.send(Text(say("greeting")))
    await go(ctx, "begin_new", remember=False)


CONSENT = (
    Option("agree", "I agree", means="yes", words=("agree", "accept", "consent", "happy to")),
    Option("decline", "Not now", means="no", words=("decline", "disagree", "not ok")),
)
RETURNING = (
    Option("new", "Yes, new book", means="yes", words=("new book", "another book", "new one")),
    Option("edit", "Edit profile", words=("edit", "change", "update", "profile", "details")),
)
PHOTO_CONSENT = (
    Option("photo", "Add a photo", means="yes", words=("photo", "picture", "add one")),
    Option("skip", "Skip", means="no", words=("skip", "no photo", "without")),
)
SUMMARY = (
    Option("ok", "Looks good", means="yes", words=("all correct", "thats right", "perfect")),
    Option("edit", "Edit", means="no", words=("edit", "change", "wrong", "fix", "mistake")),
)


@prompt("consent")
async def ask_consent(ctx: TurnContext) -> None:
    ctx.send(Buttons(say("consent"), buttons_of(ctx, CONSENT)))


@handler("consent")
async def on_consent(ctx: TurnContext, inbound: Inbound) -> None:
    action = answer(ctx, inbound, CONSENT)
    if action == "agree":
        ctx.record("consent_given", audit=True, scope="child_data")
        await go(ctx, "agree")
    elif action == "decline":
        ctx.send(Text(say("consent_needed")))
        await ask_consent(ctx)
    else:
        await repair(ctx, inbound, options=CONSENT)


@prompt("returning")
async def ask_returning(ctx: TurnContext) -> None:
    buttons = (
        Button(choice(ctx, "new"), "Yes, new book"),
        Button(choice(ctx, "edit"), "Edit profile"),
        Button("cmd:library", "My books"),
    )
    ctx.send(Buttons(say("welcome_back", name=ctx.slots["name"]), buttons))


@handler("returning")
async def on_returning(ctx: TurnContext, inbound: Inbound) -> None:
    action = answer(ctx, inbound, RETURNING)
    field = _field_named(ctx, text_of(inbound))
    if field is not None and action != "new":  # "change her interests": straight there
        await _edit_field(ctx, field)
    elif action == "new":
        if not ctx.slots.get("look"):  # a profile from before looks were chosen
            ctx.slots["look_return"] = "new_book"
            await go(ctx, "look_first")
            return
        await start_series(ctx, "new_book")
    elif action == "edit":
        await go(ctx, "edit")
    else:
        await repair(ctx, inbound)


async def start_series(ctx: TurnContext, trigger: str) -> None:
    """Every way into a new book starts by writing 5 series ideas in the background."""
    for key in (
        "series_round",
        "series_id",
        "series_title",
        "storyline_id",
        "book_id",
        "reminders_sent",
    ):  # at most two reminders per book: a new book starts afresh
        ctx.slots.pop(key, None)
    ctx.request_job("series", user_id=ctx.user_id)
    await go(ctx, trigger)


async def _answered(ctx: TurnContext, trigger: str) -> None:
    """Next profile question, or back to the summary when editing one field."""
    await go(ctx, "edited" if ctx.slots.get("editing") else trigger)


@prompt("ask_name")
async def ask_name(ctx: TurnContext) -> None:
    ctx.send(Text(say("ask_name")))


@handler("ask_name")
async def on_name(ctx: TurnContext, inbound: Inbound) -> None:
    text = text_of(inbound)
    if text is None:
        await repair(ctx, inbound, "name_only")
        return
    if name_refusal(text) == "controls":
        ctx.send(Text(say("bad_name_letters")))
        return
    name = read_name(text)
    if name is None:  # a sentence, a question, a number: never taken as the name
        long_word = len(text.split()) == 1 and len(text.strip()) > NAME_MAX_CODE_POINTS
        no_letters = name_refusal(text) == "no_letters"
        key = "bad_name_letters" if no_letters else "bad_name" if long_word else "name_only"
        ctx.send(Text(say(key)))
        return
    if not 1 <= len(name) <= NAME_MAX_CODE_POINTS:
        ctx.send(Text(say("bad_name")))
        return
    if name_refusal(name) is not None:
        ctx.send(Text(say("bad_name_letters")))
        return
    ctx.slots["name"] = name
    await _answered(ctx, "named")


@prompt("ask_age")
async def ask_age(ctx: TurnContext) -> None:
    ctx.send(Text(say("ask_age", name=ctx.slots["name"])))


@handler("ask_age")
async def on_age(ctx: TurnContext, inbound: Inbound) -> None:
    text = text_of(inbound)
    age = read_age(text) if text else None
    if age is None:
        if text is None:
            await repair(ctx, inbound, "bad_age")
        else:
            ctx.send(Text(say("bad_age")))
        return
    ctx.slots["age"] = age
    await _answered(ctx, "aged")


@prompt("ask_pronouns")
async def ask_pronouns(ctx: TurnContext) -> None:
    buttons = tuple(Button(choice(ctx, p), p.capitalize()) for p in ("he", "she", "they"))
    ctx.send(Buttons(say("ask_pronouns", name=ctx.slots["name"]), buttons))


@handler("ask_pronouns")
async def on_pronouns(ctx: TurnContext, inbound: Inbound) -> None:
    action, text = chosen(ctx, inbound), text_of(inbound)
    pronouns = action if action in ("he", "she", "they") else (parse_pronouns(text or "") or None)
    if pronouns is None:
        await repair(ctx, inbound)
        return
    ctx.slots["pronouns"] = pronouns
    await _answered(ctx, "pronouns_given")


@prompt("ask_interests")
async def ask_interests(ctx: TurnContext) -> None:
    ctx.slots["interests_draft"] = []
    ctx.send(Text(say("ask_interests", name=ctx.slots["name"])))


@handler("ask_interests")
async def on_interests(ctx: TurnContext, inbound: Inbound) -> None:
    draft: list[str] = ctx.slots.setdefault("interests_draft", [])
    action, text = chosen(ctx, inbound), text_of(inbound)
    if action == "done" or (text and is_done(text)):
        if not draft:
            ctx.send(Text(say("bad_interests", name=ctx.slots["name"])))
            return
        ctx.slots["interests"] = draft[:INTERESTS_MAX]
        del ctx.slots["interests_draft"]
        await _answered(ctx, "interests_given")
        return
    if text is None:  # a tap or a picture: the question again
        await repair(ctx, inbound, "bad_interests", name=ctx.slots["name"])
        return
    new = parse_interests(text)
    if not new:
        if draft:
            more = say("more_interests", name=ctx.slots["name"])
            ctx.send(Buttons(more, (Button(choice(ctx, "done"), "Done"),)))
        else:
            ctx.send(Text(say("bad_interests", name=ctx.slots["name"])))
        return
    if not await ctx.deps.moderation.parent_text_ok(", ".join(new), "interests"):
        ctx.send(Text(say("interests_flagged", name=ctx.slots["name"])))
        return
    for item in new:
        if item.casefold() not in (d.casefold() for d in draft) and len(draft) < INTERESTS_MAX:
            draft.append(item)
    if len(draft) >= INTERESTS_MAX or len(new) > 1:
        # A full list in one message, or the limit reached: no need to ask for more.
        ctx.slots["interests"] = draft
        del ctx.slots["interests_draft"]
        await _answered(ctx, "interests_given")
        return
    done = Buttons(
        say("interests_so_far", interests=", ".join(draft)), (Button(choice(ctx, "done"), "Done"),)
    )
    ctx.send(done)


@prompt("ask_photo_consent")
async def ask_photo_consent(ctx: TurnContext) -> None:
    words = pronoun_words(ctx)
    text = say("ask_photo_consent", name=ctx.slots["name"], **words)
    ctx.send(Buttons(text, buttons_of(ctx, PHOTO_CONSENT)))


@handler("ask_photo_consent")
async def on_photo_consent(ctx: TurnContext, inbound: Inbound) -> None:
    action = answer(ctx, inbound, PHOTO_CONSENT)
    if isinstance(inbound, InboundImage):  # sending a photo right away is consent enough
        ctx.record("consent_given", audit=True, scope="photo")
        await _keep_photo(ctx, inbound)
    elif action == "photo":
        ctx.record("consent_given", audit=True, scope="photo")
        await go(ctx, "want_photo")
    elif action == "skip":
        await go(ctx, "edited" if ctx.slots.get("editing") else "photo_done")
    else:
        await repair(ctx, inbound, options=PHOTO_CONSENT)


@prompt("ask_photo")
async def ask_photo(ctx: TurnContext) -> None:
    ctx.send(
        Buttons(say("ask_photo", name=ctx.slots["name"]), (Button(choice(ctx, "skip"), "Skip"),))
    )


@handler("ask_photo")
async def on_photo(ctx: TurnContext, inbound: Inbound) -> None:
    action, text = chosen(ctx, inbound), text_of(inbound)
    if isinstance(inbound, InboundImage):
        await _keep_photo(ctx, inbound)
    elif action == "skip" or (text and is_skip(text)):
        await go(ctx, "edited" if ctx.slots.get("editing") else "photo_done")
    else:
        await repair(ctx, inbound, "photo_expected")


async def _keep_photo(ctx: TurnContext, image: InboundImage) -> None:
    ctx.slots["photo_asset_id"] = image.asset_id
    ctx.send(Text(say("photo_received")))
    await go(ctx, "edited" if ctx.slots.get("editing") else "photo_done")


@prompt("profile_summary")
async def ask_summary(ctx: TurnContext) -> None:
    ctx.slots.pop("editing", None)
    s = ctx.slots
    text = say(
        "summary",
        name=s["name"],
        age=s["age"],
        pronouns=s["pronouns"],
        interests=", ".join(s["interests"]),
        look=look.words() if (look := HeroLook.from_json(s.get("look"))) else "",
        photo=bool(s.get("photo_asset_id")),
        photos_used=ctx.deps.settings.photo_portraits,
    )
    ctx.send(Buttons(text, buttons_of(ctx, SUMMARY)))


@handler("profile_summary")
async def on_summary(ctx: TurnContext, inbound: Inbound) -> None:
    action = answer(ctx, inbound, SUMMARY)
    field = _field_named(ctx, text_of(inbound))
    if field is not None and action != "ok":  # "no, change the age": straight to the age
        await _edit_field(ctx, field)
    elif action == "ok":
        try:
            await ctx.deps.profiles.save(ctx.user_id, profile_from_slots(ctx))
        except ValidationFailed:
            await repair(ctx, inbound)
            return
        ctx.send(Text(say("profile_saved")))
        await start_series(ctx, "confirm_profile")
    elif action == "edit":
        await go(ctx, "edit")
    elif isinstance(inbound, InboundImage) and not ctx.deps.settings.photo_portraits:
        ctx.send(Text(say("photo_not_used", name=ctx.slots["name"])))
        await ask_summary(ctx)
    elif isinstance(inbound, InboundImage):  # a photo sent later, from the summary
        ctx.slots["photo_asset_id"] = inbound.asset_id
        ctx.record("consent_given", audit=True, scope="photo")
        ctx.send(Text(say("photo_received")))
        await ask_summary(ctx)
    else:
        await repair(ctx, inbound, options=SUMMARY)


EDITABLE = (
    Option("name", "Name", words=("name", "spelling", "spelt", "spelled")),
    Option("age", "Age", words=("age", "old", "years")),
    Option("pronouns", "Pronouns", words=("pronoun", "gender", "he or she")),
    Option("interests", "Interests", words=("interest", "loves", "likes", "hobbies")),
    Option("look", "How they look", words=("look", "looks", "hair", "skin", "glasses")),
    Option("photo", "Photo", words=("photo", "picture", "pic")),
)


def _editable(ctx: TurnContext) -> tuple[Option, ...]:
    """The photo is offered only when the illustrator paints from it; each has its number."""
    shown = [o for o in EDITABLE if o.action != "photo" or ctx.deps.settings.photo_portraits]
    return tuple(Option(o.action, o.title, i, words=o.words) for i, o in enumerate(shown, 1))


def _field_named(ctx: TurnContext, text: str | None) -> str | None:
    """The one field a typed correction names ("no, her age is 6"); numbers mean nothing here."""
    shown = {o.action for o in _editable(ctx)}
    return pick(text, [o for o in EDITABLE if o.action in shown]) if text else None


@prompt("edit_menu")
async def ask_edit(ctx: TurnContext) -> None:
    rows = tuple(Row(choice(ctx, o.action), o.title) for o in _editable(ctx))
    ctx.send(ListMessage(say("edit_which"), "Choose", rows))


@handler("edit_menu")
async def on_edit(ctx: TurnContext, inbound: Inbound) -> None:
    editable = _editable(ctx)
    field = answer(ctx, inbound, editable)
    if field not in {o.action for o in editable}:
        await repair(ctx, inbound, options=editable, list_button="Choose")
        return
    await _edit_field(ctx, field)


async def _edit_field(ctx: TurnContext, field: str) -> None:
    ctx.slots["editing"] = True
    ctx.slots.pop("look_return", None)  # a look edited here goes back to the summary
    await go(ctx, f"edit_{field}")

"""What a support person changes for a parent, through the same turn runner as the parent's
own messages: one more regeneration, a regeneration with the parent's words, the profile.
The domain services keep their rules (limits, validation); a refusal is recorded on the
conversation, so the console shows it, and the parent is told nothing untrue."""

from __future__ import annotations

from dataclasses import replace

from domain.errors import InvalidTransition, NotFound, PolicyViolation, ValidationFailed
from domain.feedback import read_wishes
from domain.looks import HeroLook
from domain.profiles import clean_text
from flows.context import TurnContext
from flows.messages import RegenerationGranted as Granted
from flows.messages import SupportEditedProfile, SupportRegenerated, Text
from flows.steps.profile import load_profile_slots
from flows.turn import ask, go
from flows.words import say

SupportAction = Granted | SupportRegenerated | SupportEditedProfile
SUPPORT_ACTIONS = (Granted, SupportRegenerated, SupportEditedProfile)
# Where a regeneration may start: the parent is looking at this book's preview.
REGENERATE_FROM = ("preview", "ask_feedback")


async def handle(ctx: TurnContext, event: SupportAction) -> None:
    if isinstance(event, Granted):
        await _granted(ctx, event)
    elif isinstance(event, SupportRegenerated):
        await _regenerate(ctx, event)
    else:
        await _edit_profile(ctx, event)


def _refused(ctx: TurnContext, action: str, agent: str, reason: str) -> None:
    ctx.record("support_action_refused", action=action, by=agent, reason=reason)


async def _granted(ctx: TurnContext, event: Granted) -> None:
    try:
        book = await ctx.deps.books.grant_regeneration(event.book_id)
    except (NotFound, InvalidTransition) as exc:
        _refused(ctx, "grant_regeneration", event.agent, str(exc))
        return
    ctx.record("support_regeneration_granted", by=event.agent, book_id=book.id)
    ctx.send(Text(say("regeneration_granted", title=book.title or "your book")))
    at_preview = ctx.state.state == "preview" and ctx.slots.get("book_id") == book.id
    if at_preview and not ctx.state.handed_off:
        await ask(ctx)  # the preview again, now with its Regenerate button


async def _regenerate(ctx: TurnContext, event: SupportRegenerated) -> None:
    if ctx.state.state not in REGENERATE_FROM or ctx.slots.get("book_id") != event.book_id:
        _refused(ctx, "regenerate", event.agent, "the parent is not at this book's preview")
        return
    feedback = clean_text(event.feedback) or None
    if feedback and not await ctx.deps.moderation.parent_text_ok(feedback, "feedback"):
        _refused(ctx, "regenerate", event.agent, "the moderation check refused these words")
        return
    wishes = read_wishes(feedback)
    if feedback and wishes.empty and not ctx.deps.settings.writer_reads_feedback:
        reason = (
            "this story writer follows only shorter/longer, calmer/funnier, ending, people, animals"
        )
        _refused(ctx, "regenerate", event.agent, reason)
        return
    try:
        await ctx.deps.books.start_generation(event.book_id, feedback)
    except (NotFound, InvalidTransition, PolicyViolation) as exc:
        _refused(ctx, "regenerate", event.agent, str(exc))
        return
    said = feedback or "(none: the same wishes again)"
    ctx.record("support_regenerated", by=event.agent, book_id=event.book_id, feedback=said)
    ctx.send(Text(say("support_regenerating")))
    ctx.request_job("book", book_id=event.book_id)
    await go(ctx, "support_regenerated", remember=False)


async def _edit_profile(ctx: TurnContext, event: SupportEditedProfile) -> None:
    stored = await ctx.deps.profiles.get(ctx.user_id)
    if stored is None:
        _refused(ctx, "edit_profile", event.agent, "the parent has no saved profile yet")
        return
    before = stored.profile
    try:
        after = replace(
            before,
            name=clean_text(event.name) or before.name,
            interests=tuple(clean_text(i) for i in event.interests if clean_text(i))
            or before.interests,
            look=HeroLook.from_json(event.look) or before.look,
        )
    except ValidationFailed as exc:
        _refused(ctx, "edit_profile", event.agent, str(exc))
        return
    changed = [f for f in ("name", "interests", "look") if getattr(before, f) != getattr(after, f)]
    if not changed:
        return
    await ctx.deps.profiles.save(ctx.user_id, after)
    load_profile_slots(ctx, after)
    ctx.record("support_profile_edited", by=event.agent, fields=changed)
    words = {"name": "the spelling of the name", "interests": "the interests", "look": "the look"}
    ctx.send(
        Text(
            say(
                "support_profile_edited",
                name=after.name,
                changes=" and ".join(words[f] for f in changed),
            )
        )
    )

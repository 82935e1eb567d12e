"""Words the console shows for states, events and times, so an agent new to the product can
read a conversation without knowing the code."""

from __future__ import annotations

from datetime import datetime

from flows.journey import WAITING_FOR_BOT

STATE_LABELS = {
    "start": "Not started",
    "consent": "Asked for consent",
    "returning": "Returning parent: new book?",
    "ask_name": "Asked the child's name",
    "ask_age": "Asked the child's age",
    "ask_pronouns": "Asked pronouns",
    "ask_interests": "Asked interests",
    "ask_photo_consent": "Asked about a photo",
    "ask_photo": "Waiting for a photo",
    "profile_summary": "Confirming the profile",
    "edit_menu": "Editing the profile",
    "writing_series": "Bot writing 5 series",
    "choose_series": "Choosing a series",
    "writing_storylines": "Bot writing 5 storylines",
    "choose_storyline": "Choosing a storyline",
    "options_failed": "Story ideas failed",
    "ask_dedication": "Asked for a dedication",
    "writing_book": "Bot making the book",
    "generation_failed": "Book generation failed",
    "preview": "Has the preview",
    "ask_feedback": "Asked what to change",
    "choose_fulfilment": "Choosing PDF or print",
    "awaiting_payment": "Waiting for payment",
    "writing_final": "Bot making the final PDF",
    "final_failed": "Final PDF failed",
    "delivered": "Book delivered",
    "confirm_erasure": "Confirming data deletion",
}
# States in which the parent waits for us (the bot, a job, or a payment confirmation).
STUCK_STATES = frozenset({*WAITING_FOR_BOT, "awaiting_payment"})


def state_label(state: str) -> str:
    if state.startswith("address_"):
        return "Giving the shipping address"
    return STATE_LABELS.get(state, state.replace("_", " ").capitalize())


def ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "never"
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        hours, minutes = divmod(seconds // 60, 60)
        return f"{hours} h {minutes} min" if minutes and hours < 10 else f"{hours} h"
    return f"{seconds // 86400} d"


def money(minor: int | None, currency: str | None) -> str:
    if minor is None:
        return ""
    symbol = {"INR": "₹", "USD": "$"}.get(currency or "", f"{currency} ")
    return f"{symbol}{minor / 100:,.2f}".replace(".00", "")


EVENT_LABELS = {
    "consent_given": "Parent gave consent",
    "handoff_on": "Parent asked for a person: the bot went quiet",
    "handoff_off": "Hand-off ended by {by}: the bot answers again",
    "support_took_over": "Taken over by {by}",
    "support_reply": "Reply sent by {by}",
    "support_pdf_resent": "PDF resent by {by}",
    "support_regeneration_granted": "One more regeneration granted by {by}",
    "support_regenerated": "Regeneration started by {by} with the parent's words: {feedback}",
    "support_profile_edited": "Profile changed by {by} for the parent: {fields}",
    "support_action_refused": "Not done ({action}, asked by {by}): {reason}",
    "pdf_link_issued": "PDF sent ({kind})",
    "opted_out": "Parent stopped reminders",
    "opted_in": "Parent turned reminders back on",
    "erased": "Parent's data erased",
    "went_back": "Parent went back",
    "turn_failed": "The bot failed to handle a message (it apologised)",
    "in_chat_order_sent": "Order sent to pay in WhatsApp ({price})",
    "in_chat_payment_refused": (
        "WhatsApp refused the in-chat payment ({code}: {reason}): the payment link was sent"
    ),
}


def _plain(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def event_label(name: str, data: dict[str, object]) -> str:
    if name == "state_changed":
        return f"{state_label(str(data.get('source')))} → {state_label(str(data.get('dest')))}"
    template = EVENT_LABELS.get(name, name.replace("_", " ").capitalize())
    values = {"by": "the parent", "kind": "", **{k: _plain(v) for k, v in data.items()}}
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template

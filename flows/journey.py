"""The journey as data: its states and triggers, and the one shared `transitions` machine.

A turn attaches a plain model to the shared machine with the saved state, fires a trigger and
detaches it (DESIGN §3): building a Machine per message would cost ~15x more.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

from transitions import Machine

PROFILE_QUESTIONS = ["ask_name", "ask_age", "ask_pronouns", "ask_interests"]
PHOTO_STEPS = ["ask_photo_consent", "ask_photo"]
# The look builder: a row of ready-made looks, the parts of a look, one part's options.
LOOK_STEPS = ["choose_look", "change_look", "look_part"]
ADDRESS_STEPS = [
    "address_name",
    "address_line1",
    "address_line2",
    "address_city",
    "address_state",
    "address_pin",
    "address_phone",
]
# States in which the bot waits for its own work, not for the parent.
WAITING_FOR_BOT = frozenset(
    {"writing_series", "writing_storylines", "writing_book", "writing_final", "checking_print"}
)

EDIT_FROM = ["edit_menu", "profile_summary", "returning"]

STATES = [
    "start",
    "consent",
    "returning",
    *PROFILE_QUESTIONS,
    *LOOK_STEPS,
    *PHOTO_STEPS,
    "profile_summary",
    "edit_menu",
    "writing_series",
    "choose_series",
    "writing_storylines",
    "choose_storyline",
    "options_failed",
    "ask_dedication",
    "writing_book",
    "generation_failed",
    "preview",
    "ask_feedback",
    "choose_fulfilment",
    *ADDRESS_STEPS,
    "address_confirm",
    "address_fix",
    "checking_print",
    "awaiting_payment",
    "writing_final",
    "final_failed",
    "delivered",
    "confirm_erasure",
]

T = dict[str, Any]
TRANSITIONS: list[T] = [
    {"trigger": "begin_new", "source": "start", "dest": "consent"},
    {"trigger": "begin_returning", "source": ["start", "delivered"], "dest": "returning"},
    {"trigger": "agree", "source": "consent", "dest": "ask_name"},
    {"trigger": "named", "source": "ask_name", "dest": "ask_age"},
    {"trigger": "aged", "source": "ask_age", "dest": "ask_pronouns"},
    {"trigger": "pronouns_given", "source": "ask_pronouns", "dest": "ask_interests"},
    {"trigger": "interests_given", "source": "ask_interests", "dest": "choose_look"},
    {"trigger": "change_something", "source": "choose_look", "dest": "change_look"},
    {"trigger": "pick_part", "source": "change_look", "dest": "look_part"},
    {"trigger": "part_set", "source": "look_part", "dest": "change_look"},
    # The photo is asked for only when the illustrator paints from it.
    {"trigger": "look_photo", "source": LOOK_STEPS, "dest": "ask_photo_consent"},
    {"trigger": "look_done", "source": LOOK_STEPS, "dest": "profile_summary"},
    # A returning parent whose profile has no look yet chooses one before the new book.
    {"trigger": "look_first", "source": "returning", "dest": "choose_look"},
    {"trigger": "look_new_book", "source": LOOK_STEPS, "dest": "writing_series"},
    # A new look chosen from the preview redraws the book.
    {"trigger": "look_redraw", "source": LOOK_STEPS, "dest": "writing_book"},
    {"trigger": "want_photo", "source": "ask_photo_consent", "dest": "ask_photo"},
    {"trigger": "photo_done", "source": PHOTO_STEPS, "dest": "profile_summary"},
    # Editing one field from the summary returns to the summary.
    {"trigger": "edit", "source": ["profile_summary", "returning"], "dest": "edit_menu"},
    # ... or straight from the summary (or the welcome back) when the parent names the field
    # ("no, change the age").
    *({"trigger": f"edit_{s[4:]}", "source": EDIT_FROM, "dest": s} for s in PROFILE_QUESTIONS),
    {"trigger": "edit_photo", "source": EDIT_FROM, "dest": "ask_photo_consent"},
    {"trigger": "edit_look", "source": EDIT_FROM, "dest": "change_look"},
    {
        "trigger": "edited",
        "source": [*PROFILE_QUESTIONS, *LOOK_STEPS, *PHOTO_STEPS],
        "dest": "profile_summary",
    },
    {"trigger": "confirm_profile", "source": "profile_summary", "dest": "writing_series"},
    {"trigger": "new_book", "source": ["returning", "delivered"], "dest": "writing_series"},
    {"trigger": "series_ready", "source": "writing_series", "dest": "choose_series"},
    {"trigger": "more_series", "source": "choose_series", "dest": "writing_series"},
    {"trigger": "series_chosen", "source": "choose_series", "dest": "writing_storylines"},
    {"trigger": "storylines_ready", "source": "writing_storylines", "dest": "choose_storyline"},
    {
        "trigger": "options_failed",
        "source": ["writing_series", "writing_storylines"],
        "dest": "options_failed",
    },
    {"trigger": "retry_series", "source": "options_failed", "dest": "writing_series"},
    {"trigger": "retry_storylines", "source": "options_failed", "dest": "writing_storylines"},
    {"trigger": "back_to_series", "source": "choose_storyline", "dest": "choose_series"},
    {"trigger": "storyline_chosen", "source": "choose_storyline", "dest": "ask_dedication"},
    {"trigger": "storyline_changed", "source": "choose_storyline", "dest": "writing_book"},
    {"trigger": "dedicated", "source": "ask_dedication", "dest": "writing_book"},
    {"trigger": "book_ready", "source": "writing_book", "dest": "preview"},
    {"trigger": "book_failed", "source": "writing_book", "dest": "generation_failed"},
    {"trigger": "retry_book", "source": "generation_failed", "dest": "writing_book"},
    {"trigger": "regenerate", "source": "preview", "dest": "ask_feedback"},
    {"trigger": "feedback_given", "source": "ask_feedback", "dest": "writing_book"},
    {
        "trigger": "support_regenerated",
        "source": ["preview", "ask_feedback"],
        "dest": "writing_book",
    },
    {"trigger": "keep_preview", "source": ["ask_feedback", *LOOK_STEPS], "dest": "preview"},
    {"trigger": "regen_look", "source": ["ask_feedback", "preview"], "dest": "change_look"},
    {"trigger": "change_story", "source": "preview", "dest": "choose_storyline"},
    {"trigger": "buy", "source": "preview", "dest": "choose_fulfilment"},
    {"trigger": "buy_pdf", "source": ["preview", "choose_fulfilment"], "dest": "awaiting_payment"},
    {"trigger": "buy_print", "source": "choose_fulfilment", "dest": "address_name"},
    *(
        {"trigger": "address_next", "source": a, "dest": b}
        for a, b in itertools.pairwise(ADDRESS_STEPS)
    ),
    {"trigger": "address_next", "source": "address_phone", "dest": "address_confirm"},
    {"trigger": "fix_address", "source": "address_confirm", "dest": "address_fix"},
    *({"trigger": f"fix_{s}", "source": "address_fix", "dest": s} for s in ADDRESS_STEPS),
    {"trigger": "address_fixed", "source": ADDRESS_STEPS, "dest": "address_confirm"},
    {"trigger": "address_ok", "source": "address_confirm", "dest": "checking_print"},
    {"trigger": "print_refused", "source": "checking_print", "dest": "address_confirm"},
    {"trigger": "address_done", "source": "checking_print", "dest": "awaiting_payment"},
    {"trigger": "paid", "source": "awaiting_payment", "dest": "writing_final"},
    {"trigger": "final_ready", "source": "writing_final", "dest": "delivered"},
    {"trigger": "final_failed", "source": "writing_final", "dest": "final_failed"},
    {"trigger": "retry_final", "source": "final_failed", "dest": "writing_final"},
    # Global commands: reachable from anywhere.
    {"trigger": "restart", "source": "*", "dest": "start"},
    {"trigger": "ask_erasure", "source": "*", "dest": "confirm_erasure"},
]


class Conversation:
    """The plain model a turn attaches; `state` is all the machine needs."""

    state: str


@functools.cache
def machine() -> Machine:
    """The process's one journey machine, built on first use (no work at import)."""
    return Machine(
        model=None,
        states=STATES,
        transitions=TRANSITIONS,
        initial=None,
        auto_transitions=False,
        send_event=False,
    )


@functools.cache
def fire(current: str, trigger: str) -> str:
    """Apply `trigger` in state `current` and return the new state (MachineError if not allowed).
    The journey has no conditions or callbacks, so the answer depends on the pair alone and is
    kept: attaching a model to the machine costs more than the rest of a short turn."""
    model = Conversation()
    shared = machine()
    shared.add_model(model, initial=current)
    try:
        model.trigger(trigger)  # type: ignore[attr-defined]
        return model.state
    finally:
        shared.remove_model(model)


def known_states() -> set[str]:
    return set(STATES)

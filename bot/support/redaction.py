"""What a viewer may not see in a conversation: every name the parent gave (the child's, in
every spelling given, and the people named in interests and wishes), photos and addresses.
Names are gathered from the profile and from what the parent typed at each question."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.support.roles import Redactor
from domain.feedback import people_named
from domain.support import TranscriptRows
from flows.journey import ADDRESS_STEPS

NAME_STEPS = frozenset({"ask_name"})
# Where the parent's words may name other people (siblings, friends, grandparents).
PEOPLE_STEPS = frozenset({"ask_interests", "ask_feedback", "ask_dedication"})
# Whole answers hidden from viewers, by the question they answer.
HIDDEN_ANSWERS = {**{s: "[address redacted]" for s in ADDRESS_STEPS}, "ask_name": "[name redacted]"}
# Words around a name in an answer to "What's your child's name?" ("her name is Zoya").
_NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "called",
        "calling",
        "child",
        "daughter",
        "go",
        "goes",
        "he",
        "her",
        "hers",
        "hi",
        "his",
        "i",
        "i'm",
        "im",
        "is",
        "it",
        "it's",
        "its",
        "me",
        "my",
        "name",
        "named",
        "names",
        "our",
        "she",
        "son",
        "the",
        "their",
        "them",
        "they",
        "this",
        "we",
        "with",
        "you",
        "your",
        "hello",
        "hey",
        "ok",
        "okay",
        "please",
        "sure",
        "yes",
        "no",
        "thanks",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CAPITALISED = re.compile(r"(?<=\s)[A-Z][a-z][\w'’-]*")


def answers(rows: TranscriptRows) -> Iterator[tuple[str, str]]:
    """(the question's state, the parent's text) for each typed message, in order."""
    timeline: list[tuple[object, int, int, str, str]] = []
    for m in rows.messages:
        if m.direction == "in" and m.kind == "text":
            timeline.append((m.created_at, 0, m.id, "text", str(m.body.get("text", ""))))
    for e in rows.events:
        if e.name == "state_changed":
            timeline.append((e.created_at, 1, e.id, "state", str(e.data.get("dest", ""))))
    state = ""
    for _, _, _, what, value in sorted(timeline, key=lambda t: t[:3]):
        if what == "state":
            state = value
        else:
            yield state, value


def name_words(answer: str) -> list[str]:
    """The likely name in an answer to the name question: its words but the filler."""
    return [w for w in _WORD.findall(answer) if w.casefold() not in _NOT_NAMES]


def people_words(text: str) -> list[str]:
    """Names of people in a phrase: after a relation ('brother Kabir') or capitalised inside."""
    rest = text.strip().split(maxsplit=1)[1:]  # a sentence's first word is capitalised anyway
    found = [*people_named(text), *_CAPITALISED.findall(" " + rest[0] if rest else "")]
    return list(dict.fromkeys(found))


def redactor_for(rows: TranscriptRows, redact: bool) -> Redactor:
    if not redact:
        return Redactor(False)
    names: dict[str, str] = {}
    if rows.user is not None and rows.user.display_name:
        names[rows.user.display_name] = "[parent]"
    phrases: list[str] = []
    for state, text in answers(rows):
        if state in NAME_STEPS:
            names.update(dict.fromkeys(name_words(text), "[child]"))
        elif state in PEOPLE_STEPS:
            phrases.append(text)
    if rows.child is not None:
        phrases += rows.child.interests
    phrases += [v.feedback for v in rows.versions if v.feedback]
    for phrase in phrases:
        names.update({n: "[name]" for n in people_words(phrase) if n not in names})
    for child in (rows.child.name if rows.child else None, rows.session.child_name_slot):
        if child:
            names[str(child)] = "[child]"
            names.update(dict.fromkeys(name_words(str(child)), "[child]"))
    lines: list[str] = []
    for a in rows.addresses:
        lines += [a.full_name, a.line1, a.line2 or "", a.city, a.region or "", a.postal_code]
        lines += [a.phone or ""]
    return Redactor(True, names, lines)

"""Which function asks each state's question, and which reads the parent's answer in it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from flows.context import TurnContext
from flows.messages import Inbound

Prompt = Callable[[TurnContext], Awaitable[None]]
Handler = Callable[[TurnContext, Inbound], Awaitable[None]]

PROMPTS: dict[str, Prompt] = {}
HANDLERS: dict[str, Handler] = {}


def prompt(*states: str) -> Callable[[Prompt], Prompt]:
    def register(fn: Prompt) -> Prompt:
        for state in states:
            PROMPTS[state] = fn
        return fn

    return register


def handler(*states: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for state in states:
            HANDLERS[state] = fn
        return fn

    return register

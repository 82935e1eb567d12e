"""A session's queued task: it prepares (typing, photos) and runs the turns only while the
session has lines waiting; a task queued again for lines an earlier one handled ends at once."""

from __future__ import annotations

from bot.conversation.ack_first import AckFirst
from bot.conversation.jobs import SessionWork
from domain.conversation import Waiting


class Turns:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox
        self.processed: list[str] = []

    async def process(self, session_id: str) -> None:
        self.processed.append(session_id)
        self.inbox.unhandled.discard(session_id)


class Inbox:
    def __init__(self, *unhandled: str) -> None:
        self.unhandled = set(unhandled)

    async def waiting(self, session_id: str) -> Waiting:
        return Waiting(items=session_id in self.unhandled, fetching=False)


async def test_a_task_queued_again_for_handled_lines_ends_without_typing_or_turns():
    inbox = Inbox("s1")
    turns = Turns(inbox)
    prepared: list[tuple[str, str | None, Waiting]] = []

    async def prepare(session_id: str, reply_to: str | None, waiting: Waiting) -> None:
        prepared.append((session_id, reply_to, waiting))

    work = SessionWork(turns, inbox, AckFirst(1.0))  # type: ignore[arg-type]
    work.add_preparer(prepare)
    await work.run("s1", "wamid.1")
    await work.run("s1", "wamid.2")  # queued by a later batch; wamid.2 was handled with .1
    assert prepared == [("s1", "wamid.1", Waiting(items=True, fetching=False))]
    assert turns.processed == ["s1"]

"""Support sees the WhatsApp items that were never handled (a bad item refused at the edge, a
sender the schema cannot hold set aside by the worker), with when, why and from whom; the
good message beside them is not listed. Viewers see the number's last digits only."""

from __future__ import annotations

import html
import re

from sqlalchemy import select
from support.chat_driver import settle
from support.console_driver import Staff, add_user
from support.wa_driver import load, post_webhook

from bot.app import keys
from storage.tables import AuditLogRow

AGENT, VIEWER = "noor.agent@example.test", "ines.viewer@example.test"


def rows(page: str) -> list[list[str]]:
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        found.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return found


async def test_items_refused_at_the_edge_or_set_aside_are_listed_for_support(wa_client, graph):
    app = wa_client.server.app
    payload = load("batched.json")
    values = [c["value"] for e in payload["entry"] for c in e["changes"]]
    values[0]["messages"][0]["id"] = "wamid." + "X" * 200  # from 15550002222: refused at the ack
    values[1]["contacts"] = []
    values[1]["messages"][0]["from"] = "1" * 40  # kept, set aside by the worker
    response = await post_webhook(wa_client, payload)
    assert response.status == 200 and (await response.json())["recorded"] == 2
    await settle(app)
    await add_user(app, AGENT, "agent")
    await add_user(app, VIEWER, "viewer")

    agent = await (await Staff(wa_client, AGENT).start()).login()
    viewer = await (await Staff(wa_client, VIEWER).start()).login()
    try:
        status, page = await agent.get("/support/rejected")
        assert status == 200
        assert 'href="/support/rejected"' in page  # in the console's top bar
        listed = rows(page)
        assert [(r[1], r[2]) for r in listed] == [
            ("message", "By the worker"),
            ("message", "At the webhook"),
        ]  # newest first; the good message and the statuses are not listed
        set_aside, refused = listed
        assert "could not be read" in set_aside[3] and set_aside[4] == "unknown"
        assert refused[3] == "Refused: id too long or with a NUL byte"
        assert refused[4] == "+15550002222 · US.1000000000000000001"
        assert 'href="/support/conversations?q=15550002222"' in page  # to reach the parent
        assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", refused[0])

        status, page = await viewer.get("/support/rejected")
        assert status == 200
        assert "15550002222" not in page and "US.1000000000000000001" not in page
        assert rows(page)[1][4] == "••••••2222"
        assert "conversations?q=" not in page
    finally:
        await agent.close()
        await viewer.close()
    async with app[keys.SESSIONS]() as s:
        query = select(AuditLogRow).where(AuditLogRow.action == "support.rejected_viewed")
        views = (await s.execute(query.order_by(AuditLogRow.id))).scalars().all()
    assert [(v.actor_id, v.data["redacted"]) for v in views] == [(AGENT, False), (VIEWER, True)]

    stranger = await Staff(wa_client, "nobody@example.test").start()
    try:
        status, _ = await stranger.get("/support/rejected")
        assert status in (302, 303)  # signed in only
    finally:
        await stranger.close()

"""The console with a WhatsApp parent, against the fake Graph API: an agent's reply reaches
WhatsApp inside the 24-hour window as text, and outside it as the configured template."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from support.console_driver import Staff, add_user
from support.wa_driver import WaParent, whatsapp_settings

from bot.app import keys
from bot.app.composition import create_app
from storage.tables import AuditLogRow, ChatSessionRow

AGENT = "rafa.agent@example.test"


async def test_an_agent_reaches_a_whatsapp_parent_in_and_out_of_the_window(
    aiohttp_client, make_settings, sqlite_db_url, graph
):
    settings = make_settings(
        database_url=sqlite_db_url,
        whatsapp_template_update="account_update:en",
        whatsapp_pair_interval_seconds=0.001,
        **whatsapp_settings(graph.base_url),
    )
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    await add_user(app, AGENT, "agent")
    parent = WaParent(client, graph)
    await parent.say("hi")
    asked = await parent.say("talk to a person")
    assert any("person" in str(p) for p in asked)
    async with app[keys.SESSIONS]() as s:
        session = (await s.execute(select(ChatSessionRow))).scalar_one()
    assert session.handed_off

    agent = await (await Staff(client, AGENT).start()).login()
    try:
        path = f"/support/conversations/{session.id}"
        assert (await agent.post(f"{path}/take-over"))[0] == 303
        joined = await parent.new_messages()
        assert [p["type"] for p in joined] == ["text"]
        status, _, _ = await agent.post(f"{path}/reply", text="Hi, I'm Rafa. How can I help?")
        assert status == 303
        [reply] = await parent.new_messages()
        # The first reply of a take-over says a person is writing; the next ones need not.
        assert reply["type"] == "text"
        assert reply["text"]["body"] == "👤 *Support team*:\nHi, I'm Rafa. How can I help?"
        status, _, _ = await agent.post(f"{path}/reply", text="Which book is it about?")
        [reply] = await parent.new_messages()
        assert reply["text"]["body"] == "Which book is it about?"

        # A day later the window is closed: only the template can reach the parent.
        async with app[keys.SESSIONS]() as s, s.begin():
            await s.execute(
                update(ChatSessionRow).values(
                    last_inbound_at=datetime.now(UTC) - timedelta(hours=25)
                )
            )
        status, html = await agent.get(path)
        assert "24-hour window closed" in html
        status, html, _ = await agent.post(f"{path}/reply", text="Are you still there?")
        assert status == 409 and "send the template" in html
        status, _, _ = await agent.post(f"{path}/reply", text="", template="1")
        assert status == 303
        [template] = await parent.new_messages()
        assert template["type"] == "template"
        assert template["template"]["name"] == "account_update"
        assert graph.rejected == []
    finally:
        await agent.close()
    async with app[keys.SESSIONS]() as s:
        actions = list(
            await s.scalars(
                select(AuditLogRow.action).where(
                    AuditLogRow.actor_id == AGENT, AuditLogRow.subject_id == session.id
                )
            )
        )
    assert actions.count("support.replied") == 3 and "support.took_over" in actions

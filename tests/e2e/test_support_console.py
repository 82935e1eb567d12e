"""The support console over HTTP: sign-in, CSRF, lock-out, roles on every route, redaction,
take-over / reply / hand-back through the parent's channel, notes, resends, and the audit trail."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from support.chat_driver import Parent, make_profile, settle, texts, to_preview
from support.console_driver import PASSWORD, Staff, add_user

from bot.app import keys
from bot.app.composition import create_app
from bot.support.web import PUBLIC, ROUTE_ROLES
from flows.messages import TookOver
from storage.tables import (
    AuditLogRow,
    BookRow,
    ChatMessageRow,
    ChatSessionRow,
    PaymentRow,
    SupportLoginRow,
    SupportUserRow,
)

FAST = {"book_image_px": 320}
AGENT, VIEWER, ADMIN = (
    "asha.agent@example.test",
    "vik.viewer@example.test",
    "ada.admin@example.test",
)


@pytest.fixture
def settings(make_settings, db_url):  # SQLite, and PostgreSQL when it answers
    return make_settings(database_url=db_url, **FAST)  # stuck after 2 h (the default)


@pytest.fixture
async def client(aiohttp_client, settings):
    client = await aiohttp_client(create_app(settings))
    for email, role in ((AGENT, "agent"), (VIEWER, "viewer"), (ADMIN, "admin")):
        await add_user(client.server.app, email, role)
    return client


@pytest.fixture
async def staff(client):
    opened: list[Staff] = []

    async def sign_in(email: str) -> Staff:
        person = await (await Staff(client, email).start()).login()
        opened.append(person)
        return person

    yield sign_in
    for person in opened:
        await person.close()


async def _audits(app, **where):
    async with app[keys.SESSIONS]() as s:
        query = select(AuditLogRow).order_by(AuditLogRow.id)
        for name, value in where.items():
            query = query.where(getattr(AuditLogRow, name) == value)
        return list(await s.scalars(query))


async def _session(app, session_id) -> ChatSessionRow:
    async with app[keys.SESSIONS]() as s:
        return await s.get(ChatSessionRow, session_id)


# Access ---------------------------------------------------------------------------------------


async def test_every_page_needs_a_login_and_the_json_endpoint_answers_401(client):
    for path in (
        "/support/",
        "/support/conversations",
        "/support/conversations/x",
        "/support/audit",
    ):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 303, path
        assert response.headers["Location"].startswith("/support/login?next="), path
    response = await client.post("/support/conversations/x/take-over", allow_redirects=False)
    assert response.status == 303
    api = await client.get("/support/api/conversations/x/status")
    assert api.status == 401
    assert (await api.json())["error"]["code"] == "unauthorized"
    login = await client.get("/support/login")
    assert login.status == 200 and "Sign in" in await login.text()


async def test_every_console_route_has_a_role():
    from aiohttp import web

    from bot.support import routes

    app = web.Application()
    routes.setup(app)
    console = next(r for r in app.router.resources() if hasattr(r, "_app"))._app
    names = {r.name for r in console.router.resources() if r.name}
    assert names == set(ROUTE_ROLES) | PUBLIC


async def test_sign_in_cookie_flags_and_sign_out(client, staff):
    person = await (await Staff(client, AGENT).start()).try_login()
    assert person.status == 303
    cookie = person.headers.getall("Set-Cookie")
    login_cookie = next(c for c in cookie if c.startswith("storybook_support="))
    assert "HttpOnly" in login_cookie and "SameSite=Lax" in login_cookie
    assert "Secure" not in login_cookie  # PUBLIC_BASE_URL is http here
    agent = await staff(AGENT)
    status, _, location = await agent.post("/support/logout")
    assert status == 303 and location == "/support/login"
    status, _ = await agent.get("/support/conversations")
    assert status == 303  # the login is over
    app = client.server.app
    actions = [a.action for a in await _audits(app, actor_id=AGENT)]
    assert "support.login" in actions and "support.logout" in actions
    async with app[keys.SESSIONS]() as s:
        logins = list(await s.scalars(select(SupportLoginRow)))
    assert all(len(row.id) == 64 for row in logins)  # only hashes of the tokens are kept


async def test_secure_cookies_when_the_public_address_is_https(
    aiohttp_client, make_settings, sqlite_db_url
):
    settings = make_settings(
        database_url=sqlite_db_url, public_base_url="https://books.example.test"
    )
    client = await aiohttp_client(create_app(settings))
    await add_user(client.server.app, AGENT, "agent")
    form = await client.get("/support/login")
    form_cookie = form.headers["Set-Cookie"]
    assert "Secure" in form_cookie and "HttpOnly" in form_cookie
    token = re.search(r'name="login_csrf" value="([^"]+)"', await form.text()).group(1)
    # The test talks plain http, so the browser-side jar would not send a Secure cookie back.
    response = await client.post(
        "/support/login",
        data={"email": AGENT, "password": PASSWORD, "login_csrf": token},
        headers={"Cookie": f"storybook_support_login={token}"},
        allow_redirects=False,
    )
    assert response.status == 303
    cookie = next(
        c for c in response.headers.getall("Set-Cookie") if c.startswith("storybook_support=")
    )
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


async def test_wrong_password_then_lock_out_after_five_failures(client):
    person = await Staff(client, AGENT).start()
    for attempt in range(4):
        response = await person.try_login("not the password")
        assert response.status == 401, attempt
        assert "Email or password is not right" in await response.text()
    response = await person.try_login("not the password")
    assert response.status == 429
    assert "locked for 15 more minutes" in await response.text()
    response = await person.try_login(PASSWORD)  # even the right password, while locked
    assert response.status == 429
    app = client.server.app
    async with app[keys.SESSIONS]() as s, s.begin():
        past = app[keys.SERVICES].clock.now() - timedelta(seconds=1)
        await s.execute(update(SupportUserRow).values(locked_until=past))
    assert (await person.try_login(PASSWORD)).status == 303
    actions = [a.action for a in await _audits(app, actor_id=AGENT)]
    assert actions.count("support.login_failed") == 5
    assert "support.locked_out" in actions and "support.login_refused_locked" in actions
    unknown = await person.try_login("whatever", email="nobody@example.test")
    assert unknown.status == 401
    await person.close()


async def test_sign_in_form_without_its_csrf_token_is_refused(client):
    response = await client.post(
        "/support/login", data={"email": AGENT, "password": PASSWORD}, allow_redirects=False
    )
    assert response.status == 403
    assert "storybook_support=" not in " ".join(response.headers.getall("Set-Cookie", []))


async def test_actions_without_the_csrf_token_are_refused_and_audited(client, staff):
    parent = await Parent(client).open()
    await parent.say("hi")
    agent = await staff(AGENT)
    status, html, _ = await agent.post(
        f"/support/conversations/{parent.session_id}/take-over", with_csrf=False
    )
    assert status == 403 and "This form has expired" in html
    status, _, _ = await agent.post(
        f"/support/conversations/{parent.session_id}/take-over", csrf="forged"
    )
    assert status == 403
    assert not (await _session(client.server.app, parent.session_id)).handed_off
    refused = await _audits(client.server.app, action="support.csrf_refused")
    assert len(refused) == 2 and refused[0].subject_id == parent.session_id
    await parent.close()


async def test_an_idle_login_expires(client, staff):
    agent = await staff(AGENT)
    app = client.server.app
    async with app[keys.SESSIONS]() as s, s.begin():
        old = app[keys.SERVICES].clock.now() - timedelta(hours=8, minutes=1)
        await s.execute(update(SupportLoginRow).values(last_seen_at=old))
    response = await agent.client.get("/support/conversations", allow_redirects=False)
    assert response.status == 303 and "reason=expired" in response.headers["Location"]
    page = await agent.client.get(response.headers["Location"])
    assert "signed out after a while without activity" in await page.text()
    status, _ = await agent.get("/support/conversations")
    assert status == 303  # and the login stays over
    assert await _audits(app, action="support.session_expired")


async def test_roles_on_every_route(client, staff):
    parent = await Parent(client).open()
    await parent.say("hi")
    sid = parent.session_id
    paths = {
        "home": ("GET", "/support/"),
        "logout": None,  # signs out; covered elsewhere
        "conversations": ("GET", "/support/conversations"),
        "transcript": ("GET", f"/support/conversations/{sid}"),
        "status": ("GET", f"/support/api/conversations/{sid}/status"),
        "take_over": ("POST", f"/support/conversations/{sid}/take-over"),
        "hand_back": ("POST", f"/support/conversations/{sid}/hand-back"),
        "reply": ("POST", f"/support/conversations/{sid}/reply"),
        "note": ("POST", f"/support/conversations/{sid}/notes"),
        "resend": ("POST", f"/support/conversations/{sid}/resend"),
        "refund": ("POST", f"/support/conversations/{sid}/refund"),
        "end_web_access": ("POST", f"/support/conversations/{sid}/end-web-access"),
        "file": ("GET", f"/support/conversations/{sid}/files/nothing"),
        "picture": ("GET", f"/support/conversations/{sid}/pictures/nothing"),
        "grant_regeneration": ("POST", f"/support/conversations/{sid}/grant-regeneration"),
        "regenerate": ("POST", f"/support/conversations/{sid}/regenerate"),
        "profile": ("POST", f"/support/conversations/{sid}/profile"),
        "users": ("GET", "/support/users"),
        "user_add": ("POST", "/support/users"),
        "user_change": ("POST", f"/support/users/{AGENT}"),
        "audit": ("GET", "/support/audit"),
        "print_queue": ("GET", "/support/print"),
        "print_order": ("GET", "/support/print/nothing"),
        "print_resubmit": ("POST", "/support/print/nothing/resubmit"),
        "print_cancel": ("POST", "/support/print/nothing/cancel"),
        "print_refresh": ("POST", "/support/print/nothing/refresh"),
        "rejected": ("GET", "/support/rejected"),
    }
    assert set(paths) == set(ROUTE_ROLES)
    rank = {"viewer": 0, "agent": 1, "admin": 2}
    people = {"viewer": await staff(VIEWER), "agent": await staff(AGENT)}
    for role, person in people.items():
        for name, target in paths.items():
            if target is None:
                continue
            method, path = target
            if method == "GET":
                status, _ = await person.get(path)
            else:
                status, _, _ = await person.post(path)
            allowed = rank[role] >= rank[ROUTE_ROLES[name]]
            assert (status != 403) == allowed, (role, name, status)
    assert not (await _session(client.server.app, sid)).handed_off  # the viewer could not
    refused = await _audits(client.server.app, action="support.refused")
    assert {a.actor_id for a in refused} == {VIEWER, AGENT}
    await parent.close()


# Conversations ---------------------------------------------------------------------------------


async def test_viewer_reads_a_redacted_transcript_and_every_view_is_audited(client, staff):
    parent = await Parent(client).open()
    await make_profile(parent, name="Zoya")
    await parent.tap("Looks good")  # the profile is saved
    viewer, agent = await staff(VIEWER), await staff(AGENT)
    status, html = await viewer.get(f"/support/conversations/{parent.session_id}")
    assert status == 200
    assert "Zoya" not in html and "[child]" in html
    assert "How old is [child]?" in html  # the bot's words, redacted
    status, html = await agent.get(f"/support/conversations/{parent.session_id}")
    assert "How old is Zoya?" in html
    assert "Tapped</span> <strong>I agree</strong>" in html  # a button as the parent saw it
    status, listing = await viewer.get("/support/conversations?q=Zoya")
    assert "0 found" in listing  # viewers cannot look parents up by the child's name
    status, listing = await agent.get("/support/conversations?q=zoy")
    assert "1 found" in listing and "for Zoya" in listing
    views = await _audits(client.server.app, action="support.transcript_viewed")
    assert [(v.actor_id, v.subject_id, v.data["redacted"]) for v in views] == [
        (VIEWER, parent.session_id, True),
        (AGENT, parent.session_id, False),
    ]
    await parent.close()


async def test_agent_finds_a_parent_stuck_at_payment_replies_and_hands_back(client, staff):
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Buy the book")
    assert await parent.state() == "awaiting_payment"
    agent = await staff(AGENT)
    status, html = await agent.get("/support/conversations?stuck=1")
    assert "0 found" in html  # not yet: the parent has only just been sent the link
    async with app[keys.SESSIONS]() as s, s.begin():  # three hours of silence pass
        when = app[keys.SERVICES].clock.now() - timedelta(hours=3)
        await s.execute(update(ChatSessionRow).values(last_activity_at=when))

    status, html = await agent.get("/support/conversations?stuck=1&state=awaiting_payment")
    assert status == 200 and "1 found" in html and "Waiting for payment" in html
    assert f"/support/conversations/{parent.session_id}" in html
    status, html = await agent.get("/support/conversations?payment=created")
    assert "1 found" in html
    async with app[keys.SESSIONS]() as s:
        book_id = await s.scalar(select(BookRow.id))
        payment_id = await s.scalar(select(PaymentRow.id))
    for query in (book_id, payment_id):
        status, html = await agent.get(f"/support/conversations?q={query}")
        assert "1 found" in html, query

    status, html = await agent.get(f"/support/conversations/{parent.session_id}")
    assert "Payment link created" in html and "Job book queued" in html
    assert "Has the preview → Waiting for payment" in html

    sid = parent.session_id
    status, _, location = await agent.post(f"/support/conversations/{sid}/take-over")
    assert status == 303 and "done=took_over" in location
    said = texts(await parent._new_messages())
    assert "Someone from our team is here with you now" in said
    assert (await _session(app, sid)).handed_off
    await agent.post(f"/support/conversations/{sid}/take-over")  # twice: told only once
    assert "Someone from our team" not in texts(await parent._new_messages())

    assert await parent.say("I paid but nothing happened") == []  # the bot stays quiet
    status, _, _ = await agent.post(
        f"/support/conversations/{sid}/reply", text="Hi! Checking your payment now."
    )
    assert status == 303
    [reply] = await parent._new_messages()
    # The widget labels a person's words by the topic; the first also names who is writing.
    assert reply["text"] == "Hi! Checking your payment now."
    assert (reply["topic"], reply["author"]) == ("support", "Support team")
    status, html = await agent.get(f"/support/conversations/{sid}")
    assert "Support (person)" in html and "Checking your payment now." in html
    assert "With asha.agent@example.test" in html

    status, _, _ = await agent.post(f"/support/conversations/{sid}/hand-back")
    back = texts(await parent._new_messages())
    assert "I'm back!" in back
    assert await parent.state() == "awaiting_payment"  # resumed where the parent was
    assert not (await _session(app, sid)).handed_off
    reply = await parent.say("help")
    assert reply  # the bot answers again

    actions = [(a.action, a.subject_id) for a in await _audits(app, actor_id=AGENT)]
    for action in ("transcript_viewed", "took_over", "replied", "handed_back"):
        assert (f"support.{action}", sid) in actions, action
    await parent.close()


async def test_waiting_for_a_person_until_someone_takes_over(client, staff):
    parent = await Parent(client).open()
    await parent.say("hi")
    await parent.say("talk to a person")
    agent = await staff(AGENT)
    status, html = await agent.get("/support/conversations?waiting=1")
    assert status == 200 and "1 found" in html and re.search(r"Waiting for a person · \d+ s", html)
    assert 'title="Parents waiting for a person">1<' in html  # the count in the top bar
    await agent.post(f"/support/conversations/{parent.session_id}/take-over")
    assert "Someone from our team is here" in texts(await parent._new_messages())
    _status, html = await agent.get("/support/conversations?waiting=1")
    assert "0 found" in html
    _, html = await agent.get("/support/conversations?handoff=on")
    assert "1 found" in html and "With asha.agent@example.test" in html
    await parent.close()


async def test_reply_needs_a_take_over_first(client, staff):
    parent = await Parent(client).open()
    await parent.say("hi")
    agent = await staff(AGENT)
    status, html, _ = await agent.post(
        f"/support/conversations/{parent.session_id}/reply", text="Hello"
    )
    assert status == 409 and "Press Take over before replying" in html
    assert "Hello" not in texts(await parent._new_messages())
    await parent.close()


async def test_notes_resends_files_and_failed_deliveries(client, staff):
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    sid = parent.session_id
    agent, viewer = await staff(AGENT), await staff(VIEWER)
    await agent.post(f"/support/conversations/{sid}/notes", text="Parent called about Zoya's book")
    status, html = await agent.get(f"/support/conversations/{sid}")
    assert "Note by asha.agent@example.test" in html and "Parent called about Zoya" in html
    status, html = await viewer.get(f"/support/conversations/{sid}")
    assert "Parent called about [child]" in html
    assert "/files/" not in html  # no file links for viewers

    async with app[keys.SESSIONS]() as s:
        book = await s.scalar(select(BookRow))
    status, _, _ = await agent.post(f"/support/conversations/{sid}/resend", book_id=book.id)
    assert status == 303
    again = await parent._new_messages()
    # An unpaid preview goes again as My books shows it: with its price and a Buy button.
    assert [m["kind"] for m in again] == ["document"]
    assert "free preview" in again[0]["caption"] and "costs ₹499" in again[0]["caption"]
    assert [b["title"] for b in again[0]["buttons"]] == ["Buy the book"]
    status, _, _ = await agent.post(f"/support/conversations/{sid}/resend", book_id="not-theirs")
    assert status == 409

    response = await agent.client.get(
        f"/support/conversations/{sid}/files/{book.preview_pdf_id}", allow_redirects=False
    )
    assert response.status == 303 and "/files/" in response.headers["Location"]
    pdf = await agent.client.get("/" + response.headers["Location"].split("/", 3)[3])
    assert (await pdf.read()).startswith(b"%PDF")

    async with app[keys.SESSIONS]() as s, s.begin():
        newest = await s.scalar(
            select(ChatMessageRow.id)
            .where(ChatMessageRow.direction == "out")
            .order_by(ChatMessageRow.id.desc())
        )
        await s.execute(
            update(ChatMessageRow)
            .where(ChatMessageRow.id == newest)
            .values(
                delivery_status="failed", error_code="131026", error_detail="Message undeliverable"
            )
        )
    status, html = await agent.get("/support/conversations?failed=1")
    assert "1 found" in html and "1 failed" in html
    status, html = await agent.get(f"/support/conversations/{sid}")
    assert "131026 Message undeliverable" in html
    actions = {a.action for a in await _audits(app, subject_id=sid, actor_id=AGENT)}
    assert {"support.note_added", "support.pdf_resent", "support.file_opened"} <= actions
    await parent.close()


async def test_whatsapp_parent_phone_masked_search_and_closed_window(client, staff):
    app = client.server.app
    runtime = app[keys.RUNTIME]
    ref = await runtime.chat.open_session(
        "whatsapp", "919876543210", identity={"wa_id": "919876543210"}
    )
    await runtime.turns.post(ref.id, TookOver("someone"))  # handed off, window long closed
    agent, viewer = await staff(AGENT), await staff(VIEWER)
    status, html = await viewer.get("/support/conversations?q=3210")
    assert "1 found" in html and "••••••3210" in html and "9876543210" not in html
    status, html = await agent.get("/support/conversations?channel=whatsapp")
    assert "+919876543210" in html
    status, html = await agent.get(f"/support/conversations/{ref.id}")
    assert "24-hour window closed" in html and "No template is configured" in html
    status, html, _ = await agent.post(f"/support/conversations/{ref.id}/reply", text="Hello")
    assert status == 409 and "no template is configured" in html


async def test_admin_manages_users_and_reads_the_audit_log(client, staff):
    admin = await staff(ADMIN)
    status, html, location = await admin.post(
        "/support/users", email="new.person@example.test", role="viewer", password=PASSWORD
    )
    assert status == 303 and location == "/support/users?done=added"
    status, html, _ = await admin.post(
        "/support/users", email="short@example.test", role="viewer", password="short"
    )
    assert status == 422 and "at least 10 characters" in html
    await admin.post(f"/support/users/{VIEWER}", change="role", role="agent")
    await admin.post(f"/support/users/{AGENT}", change="disable")
    status, html = await admin.get("/support/users")
    assert "disabled" in html
    person = await Staff(client, AGENT).start()
    assert (await person.try_login()).status == 401  # a disabled account cannot sign in
    await person.close()
    status, _, _ = await admin.post(f"/support/users/{ADMIN}", change="disable")
    assert status == 409  # not yourself
    status, html = await admin.get("/support/audit")
    for action in (
        "support.user_created",
        "support.user_role_changed",
        "support.user_disabled",
        "support.login",
    ):
        assert action in html, action
    status, html = await admin.get("/support/audit?action=support.user_disabled")
    assert html.count("<code>support.user_disabled</code>") == 1
    newcomer = await staff("new.person@example.test")  # signs in with what the admin set
    status, _ = await newcomer.get("/support/audit")
    assert status == 403  # a viewer


async def test_status_endpoint_tells_the_page_something_changed(client, staff):
    parent = await Parent(client).open()
    await parent.say("hi")
    agent = await staff(AGENT)
    response = await agent.client.get(f"/support/api/conversations/{parent.session_id}/status")
    first = await response.json()
    await parent.say("talk to a person")
    second = await (
        await agent.client.get(f"/support/api/conversations/{parent.session_id}/status")
    ).json()
    assert second["last_message_id"] > first["last_message_id"] and second["handed_off"]
    await settle(client.server.app)
    await parent.close()


async def test_the_transcript_folds_progress_ticks_into_one_line(client, staff):
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    agent = await staff(AGENT)
    status, html = await agent.get(f"/support/conversations/{parent.session_id}")
    assert status == 200
    assert html.count("Illustrating page") == 0  # the run's newest tick stands for it
    assert html.count("Putting the pages together") == 1
    assert re.search(r"Putting the pages together… \((\d+) earlier progress updates folded\)", html)
    await parent.close()

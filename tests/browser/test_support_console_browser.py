"""A support agent helps a parent, in real browsers: the agent is created with the CLI, the
parent chats in the web widget on a phone and asks for a person; the agent signs in on a laptop,
filters the waiting conversations, opens the transcript, takes over, replies (the parent's chat
shows it), hands back (the bot answers again), and an admin sees every step in the audit log.
Screenshots of the console at desktop and phone sizes go to tests/out/browser/support-*.png."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parents[1] / "out" / "browser"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 860}
REPLY_MS = 30_000
CHILD = "Juniper"  # invented
AGENT, ADMIN = "asha.agent@example.test", "ada.admin@example.test"
PASSWORD = "tea and biscuits at four"


def shot(page: Page, name: str, full_page: bool = False) -> None:
    page.screenshot(path=OUT / f"support-{name}.png", animations="disabled", full_page=full_page)


def support_user(tmp_path: Path, *args: str, stdin: str = "") -> None:
    """The CLI against the server's own database (the same file the server fixture uses)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'storybook.sqlite3'}",
        VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=str(REPO),
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "support-user", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr


def bot_says(chat: Page, text: str) -> None:
    expect(chat.locator(".sbc-msg--bot").filter(has_text=text).last).to_be_visible(timeout=REPLY_MS)


def parent_says(chat: Page, text: str) -> None:
    composer = chat.get_by_role("textbox", name="Message")
    composer.fill(text)
    composer.press("Enter")
    expect(chat.locator(".sbc-msg--parent").last).to_contain_text(text)


def sign_in(page: Page, server_url: str, email: str) -> None:
    page.goto(server_url + "/support/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Conversations")).to_be_visible()


def test_agent_takes_over_a_waiting_parent_and_hands_back(
    browser: Browser, server_url: str, tmp_path: Path
) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    support_user(tmp_path, "add", AGENT, "--role", "agent", stdin=PASSWORD + "\n")
    support_user(tmp_path, "add", ADMIN, "--role", "admin", stdin=PASSWORD + "\n")
    errors: list[str] = []

    # The parent, on a phone, starts a book and asks for a person.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    chat = phone.new_page()
    chat.on("pageerror", lambda e: errors.append(f"parent: {e}"))
    chat.goto(server_url + "/")
    expect(chat.locator(".sbc-root")).to_have_attribute("data-status", "online", timeout=REPLY_MS)
    parent_says(chat, "Hi")
    bot_says(chat, "Is that OK?")
    chat.locator(".sbc-log").get_by_role("button", name="I agree").last.click()
    bot_says(chat, "What's your child's first name?")
    parent_says(chat, CHILD)
    bot_says(chat, f"How old is {CHILD}?")
    parent_says(chat, "talk to a person")
    bot_says(chat, "I've asked a person from our team to join")

    # The agent, on a laptop, signs in and finds the parent waiting.
    laptop = browser.new_context(viewport=DESKTOP)
    console = laptop.new_page()
    console.on("pageerror", lambda e: errors.append(f"console: {e}"))
    console.goto(server_url + "/support/login")
    shot(console, "desktop-1-login")
    sign_in(console, server_url, AGENT)
    console.get_by_role("link", name="Waiting for a person", exact=True).click()
    expect(console.get_by_role("heading", name="Waiting for a person")).to_be_visible()
    row = console.locator(".conv").filter(has_text=f"for {CHILD}")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(re.compile(r"Waiting for a person · \d+ s"))
    shot(console, "desktop-2-waiting-list")
    row.click()

    # The transcript: what the parent said and saw, then take over.
    expect(console.locator(".msg-in").filter(has_text="talk to a person")).to_be_visible()
    expect(console.locator(".msg-in").filter(has_text="I agree")).to_contain_text("Tapped")
    expect(console.get_by_text("Parent asked for a person: the bot went quiet")).to_be_visible()
    shot(console, "desktop-3-transcript-waiting")
    console.get_by_role("button", name="Take over").click()
    expect(console.get_by_text("You have taken over")).to_be_visible()
    bot_says(chat, "Someone from our team is here with you now")

    reply = "Hi! I'm Asha from the Storybook team. How can I help with Juniper's book?"
    console.get_by_label("Reply to the parent").fill(reply)
    console.get_by_role("button", name="Send reply").click()
    expect(console.get_by_text("Reply sent to the parent.")).to_be_visible()
    expect(console.locator(".msg-support").filter(has_text="I'm Asha")).to_be_visible()
    bot_says(chat, "I'm Asha from the Storybook team")  # in the parent's web chat
    # From a person, and it shows: a label and a bubble unlike the bot's.
    asha = chat.locator(".sbc-msg--agent").filter(has_text="I'm Asha")
    expect(asha.locator(".sbc-author")).to_contain_text("Support team")
    joined = chat.locator(".sbc-msg--bot").filter(has_text="Someone from our team is here")
    expect(joined).not_to_have_class(re.compile("sbc-msg--agent"))
    colours = [
        m.locator(".sbc-bubble").evaluate("b => getComputedStyle(b).backgroundColor")
        for m in (asha, joined)
    ]
    assert colours[0] != colours[1], colours
    chat.screenshot(path=OUT / "support-parent-phone-agent-reply.png", animations="disabled")
    parent_says(chat, "Can the dragon be purple?")
    console.wait_for_timeout(300)
    console.reload()
    expect(console.locator(".msg-in").filter(has_text="Can the dragon be purple?")).to_be_visible()
    console.get_by_label("Note for the team (the parent does not see it)").fill(
        "Parent wants a purple dragon; told them the story can include it."
    )
    console.get_by_role("button", name="Add note").click()
    expect(console.get_by_text("Note added.")).to_be_visible()
    console.locator("#end").scroll_into_view_if_needed()
    shot(console, "desktop-4-transcript-taken-over")
    phone_console = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    small = phone_console.new_page()
    small.context.add_cookies(laptop.cookies())
    small.goto(console.url.split("?")[0])
    expect(small.get_by_role("button", name="Hand back to bot")).to_be_visible()
    shot(small, "phone-1-transcript-end")
    small.evaluate("window.scrollTo(0, 0)")
    shot(small, "phone-1b-transcript-top")
    small.goto(server_url + "/support/conversations")
    shot(small, "phone-2-list")
    phone_console.close()

    # The parent's chat on a laptop (same session, from history): the label is there too.
    token = chat.evaluate("localStorage.getItem('storybook.webchat.token')")
    parent_laptop = browser.new_context(viewport={"width": 1280, "height": 800})
    wide = parent_laptop.new_page()
    wide.on("pageerror", lambda e: errors.append(f"parent laptop: {e}"))
    wide.add_init_script(f"localStorage.setItem('storybook.webchat.token', {token!r})")
    wide.goto(server_url + "/")
    wide_asha = wide.locator(".sbc-msg--agent").filter(has_text="I'm Asha")
    expect(wide_asha.locator(".sbc-author")).to_contain_text("Support team", timeout=REPLY_MS)
    wide.screenshot(path=OUT / "support-parent-desktop-agent-reply.png", animations="disabled")
    parent_laptop.close()

    # Hand back: the bot picks up where the parent was.
    console.get_by_role("button", name="Hand back to bot").click()
    expect(console.get_by_text("Handed back: the bot answers again")).to_be_visible()
    bot_says(chat, "I'm back! Let's continue where we were.")
    bot_says(chat, f"How old is {CHILD}?")
    parent_says(chat, "6")
    bot_says(chat, f"Should the story call {CHILD} he, she or they?")  # the bot answers again
    chat.screenshot(path=OUT / "support-parent-phone-chat.png", animations="disabled")

    # An admin sees every step in the audit log.
    admin = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(admin, server_url, ADMIN)
    admin.get_by_role("link", name="Audit log").click()
    for action in ("took_over", "replied", "note_added", "handed_back", "transcript_viewed"):
        expect(admin.locator("td code", has_text=f"support.{action}").first).to_be_visible()
    expect(admin.locator("tr", has_text="support.took_over")).to_contain_text(AGENT)
    shot(admin, "desktop-5-audit-log")
    assert not errors, errors
    laptop.close()
    phone.close()

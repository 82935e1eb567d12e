"""An agent signs a parent's web chat out (a lost phone, a shared link), in real browsers: the
parent's open chat ends at once and starts afresh, its old saved token opens nothing, and a
reload stays in the fresh chat. Screenshots go to tests/out/browser/signout-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from test_support_console_browser import (
    DESKTOP,
    OUT,
    PASSWORD,
    PHONE,
    REPLY_MS,
    bot_says,
    parent_says,
    sign_in,
    support_user,
)

pytestmark = pytest.mark.browser

CHILD = "Marigold"  # invented
AGENT = "sam.agent@example.test"
ENDED = "Your earlier chat has ended, so we started a fresh one."


def test_an_agent_signs_a_web_chat_out_and_the_parent_starts_afresh(
    browser: Browser, server_url: str, tmp_path: Path
) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    support_user(tmp_path, "add", AGENT, "--role", "agent", stdin=PASSWORD + "\n")
    errors: list[str] = []

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    chat = phone.new_page()
    chat.on("pageerror", lambda e: errors.append(f"parent: {e}"))
    chat.goto(server_url + "/")
    expect(chat.locator(".sbc-root")).to_have_attribute("data-status", "online", timeout=REPLY_MS)
    parent_says(chat, "Hi")
    chat.locator(".sbc-log").get_by_role("button", name="I agree").last.click()
    bot_says(chat, "What's your child's first name?")
    parent_says(chat, CHILD)
    bot_says(chat, f"How old is {CHILD}?")
    old_token = chat.evaluate("() => localStorage.getItem('storybook.webchat.token')")
    assert old_token

    laptop = browser.new_context(viewport=DESKTOP)
    console = laptop.new_page()
    console.on("pageerror", lambda e: errors.append(f"console: {e}"))
    sign_in(console, server_url, AGENT)
    console.locator(".conv").filter(has_text=f"for {CHILD}").click()
    button = console.get_by_role("button", name="Sign out this web chat")
    expect(button).to_be_visible()
    button.click()
    expect(console.get_by_text("Web chat signed out")).to_be_visible()
    console.screenshot(path=OUT / "signout-desktop-console.png", animations="disabled")

    # The open chat ends at once and starts afresh: nothing of the earlier chat stays on screen.
    expect(chat.get_by_text(ENDED)).to_be_visible(timeout=REPLY_MS)
    expect(chat.locator(".sbc-root")).to_have_attribute("data-status", "online", timeout=REPLY_MS)
    expect(chat.get_by_text(f"How old is {CHILD}?")).to_have_count(0)
    chat.screenshot(path=OUT / "signout-phone-chat.png", animations="disabled")
    new_token = chat.evaluate("() => localStorage.getItem('storybook.webchat.token')")
    assert new_token and new_token.split(".")[0] != old_token.split(".")[0]

    # The old token opens nothing; a reload stays in the fresh chat.
    refused = chat.request.get(f"{server_url}/webchat/history", params={"token": old_token})
    assert refused.status == 401
    chat.reload()
    expect(chat.locator(".sbc-root")).to_have_attribute("data-status", "online", timeout=REPLY_MS)
    expect(chat.get_by_text(ENDED)).to_have_count(0)
    parent_says(chat, "Hi")
    bot_says(chat, "Is that OK?")
    assert errors == []

"""An agent at a desk and on a phone fixes what a parent asks for, in real browsers: search on
top of the list, visitors who never wrote hidden (a toggle shows them), the child panel, one
more regeneration for a parent who used them all (REGENERATION_LIMIT=0 here), and a hand-back
that warns about the parent's unanswered message, which the bot then answers.
Screenshots go to tests/out/browser/console-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser.test_support_console_browser import (
    AGENT,
    OUT,
    PASSWORD,
    PHONE,
    REPLY_MS,
    sign_in,
    support_user,
)
from browser.test_widget_journey import BOOK_MS, ParentOnPhone, open_list_and_choose
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

SERVER_ENV = {"REGENERATION_LIMIT": "0"}
DESKTOP = {"width": 1280, "height": 800}
CHILD = "Marisol"  # invented


def shot(page: Page, name: str, full_page: bool = False) -> None:
    page.screenshot(path=OUT / f"console-{name}.png", animations="disabled", full_page=full_page)


def parent_to_preview(parent: ParentOnPhone) -> None:
    parent.say("Hi")
    parent.tap("I agree")
    parent.bot_says("What's your child's first name?")
    parent.say(CHILD)
    parent.bot_says(f"How old is {CHILD}?")
    parent.say("5")
    parent.tap("She")
    parent.bot_says(f"What does {CHILD} love?")
    parent.say("owls, puddles and her brother Tomasz")
    parent.choose_row(parent.open_list("Choose"), "Look 3")
    parent.tap("Looks good")
    open_list_and_choose(parent, "See the stories", 0, {"5 new ideas", "Surprise me"})
    open_list_and_choose(parent, "See the storylines", 0, {"Back to series"})
    parent.bot_says("Would you like a dedication on the first page?")
    parent.tap("Skip")
    parent.bot_says("Here's your free preview", timeout=BOOK_MS)


def test_agent_finds_grants_a_regeneration_and_hands_back(
    browser: Browser, server_url: str, tmp_path: Path
) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    support_user(tmp_path, "add", AGENT, "--role", "agent", stdin=PASSWORD + "\n")
    errors: list[str] = []

    visitor = browser.new_context(viewport=PHONE).new_page()  # opens the chat, never writes
    visitor.goto(server_url + "/")
    expect(visitor.locator(".sbc-root")).to_have_attribute("data-status", "online")

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.set_default_timeout(REPLY_MS)
    chat = phone.new_page()
    chat.on("pageerror", lambda e: errors.append(f"parent: {e}"))
    chat.goto(server_url + "/")
    expect(chat.locator(".sbc-root")).to_have_attribute("data-status", "online")
    parent = ParentOnPhone(chat)
    parent_to_preview(parent)
    preview = parent.newest_document()
    expect(preview.get_by_role("button", name="Regenerate")).to_have_count(0)  # none left

    # The list: search on top, the silent visitor hidden until asked for.
    laptop = browser.new_context(viewport=DESKTOP)
    console = laptop.new_page()
    console.on("pageerror", lambda e: errors.append(f"console: {e}"))
    sign_in(console, server_url, AGENT)
    search = console.get_by_role("searchbox", name="Search conversations")
    expect(search).to_be_visible()
    expect(console.locator(".conv")).to_have_count(1)
    expect(console.get_by_text("1 web visitor opened the chat but never wrote")).to_be_visible()
    shot(console, "desktop-1-list")
    console.get_by_role("link", name="Show them").click()
    expect(console.locator(".conv")).to_have_count(2)
    expect(console.locator(".conv").filter(has_text="Not started")).to_have_count(1)
    search.fill(CHILD.lower()[:4])
    search.press("Enter")
    expect(console.get_by_text("1 found")).to_be_visible()
    console.locator(".conv").filter(has_text=f"for {CHILD}").click()

    # The child panel, and one more regeneration.
    panel = console.locator(".child-card")
    expect(panel).to_contain_text("she/her")
    expect(panel).to_contain_text("owls, puddles, her brother Tomasz")
    expect(console.get_by_text("Regenerations: 0 of 0 used")).to_be_visible()
    shot(console, "desktop-2-transcript")
    panel.screenshot(path=OUT / "console-desktop-2b-child-card.png", animations="disabled")
    console.get_by_role("button", name="Give one more regeneration").click()
    expect(
        console.get_by_text("One more regeneration granted; the parent was told.")
    ).to_be_visible()
    expect(console.get_by_text(f"One more regeneration granted by {AGENT}")).to_be_visible()
    parent.bot_says("our team has given you one more regeneration")
    expect(parent.newest_document().get_by_role("button", name="Regenerate")).to_be_enabled()
    chat.screenshot(path=OUT / "console-parent-phone-granted.png", animations="disabled")

    # The parent asks for a person, writes again; the agent sees the warning, hands back.
    parent.say("talk to a person")
    parent.bot_says("I've asked a person from our team to join")
    console.reload()
    console.get_by_role("button", name="Take over").click()
    parent.bot_says("Someone from our team is here with you now")
    parent.say("regenerate")
    console.wait_for_timeout(500)
    console.reload()
    expect(console.get_by_role("link", name="Last message unanswered")).to_be_visible()
    warning = console.locator("#pending-warning")
    expect(warning).to_be_in_viewport()  # beside the last message, where the page opens
    expect(warning).to_contain_text("The parent's last message has no answer yet: “regenerate”")
    shot(console, "desktop-3-hand-back-warning")
    small = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    small.context.add_cookies(laptop.cookies())
    small.goto(console.url.split("?")[0])
    expect(small.locator("#pending-warning")).to_be_in_viewport()
    shot(small, "phone-1-hand-back-warning")
    small.goto(server_url + "/support/conversations")
    expect(small.get_by_role("searchbox", name="Search conversations")).to_be_in_viewport()
    shot(small, "phone-2-list")
    small.context.close()
    console.get_by_role("button", name="Hand back to bot").click()
    parent.bot_says("I'm back!")
    parent.bot_says("What should I change?")  # "regenerate" answered, not dropped
    chat.screenshot(path=OUT / "console-parent-phone-answered.png", animations="disabled")
    assert not errors, errors
    laptop.close()
    phone.close()

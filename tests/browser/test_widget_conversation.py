"""The parent's conversation in the widget, on a phone and then on a laptop: progress is one
message that updates in place, buttons the conversation has moved past show as used (a typed
dedication's Skip, a paid "Pay now"), the preview says the price, and My books shows whole
titles with what each book allows. Screenshots go to tests/out/browser/conversation-*.png."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from test_widget_journey import (
    BOOK_MS,
    CHILD,
    DEDICATION,
    DESKTOP,
    OUT,
    PHONE,
    REPLY_MS,
    ParentOnPhone,
    open_list_and_choose,
    pay_in_new_tab,
    watch_for_script_errors,
)

pytestmark = pytest.mark.browser

# Counts the progress bubbles on screen at every change of the log, and the words they had.
WATCH_PROGRESS = """() => {
  const log = document.querySelector('.sbc-log');
  window.sbcProgress = { most: 0, texts: [] };
  new MutationObserver(() => {
    const shown = log.querySelectorAll('.sbc-topic-progress');
    window.sbcProgress.most = Math.max(window.sbcProgress.most, shown.length);
    shown.forEach((n) => window.sbcProgress.texts.push(n.querySelector('.sbc-text').textContent));
  }).observe(log, { childList: true, subtree: true });
}"""


def shot(page: Page, name: str) -> None:
    # Playwright's scroll-into-view before a click can scroll the widget's overflow-hidden root
    # (seen after tapping a button half under the composer); put it back for the picture.
    page.evaluate("document.querySelector('.sbc-root').scrollTop = 0")
    page.screenshot(path=OUT / f"conversation-{name}.png", animations="disabled")


def to_dedication(parent: ParentOnPhone) -> None:
    parent.say("Hi")
    parent.tap("I agree")
    parent.bot_says("What's your child's first name?")
    parent.say(CHILD)
    parent.bot_says(f"How old is {CHILD}?")
    parent.say("6")
    parent.tap("She")
    parent.bot_says(f"What does {CHILD} love?")
    parent.say("dragons, rockets and baking")
    parent.choose_row(parent.open_list("Choose"), "Look 1")
    parent.tap("Looks good")
    open_list_and_choose(parent, "See the stories", 1, {"5 new ideas", "Surprise me"})
    open_list_and_choose(parent, "See the storylines", 0, {"Back to series"})
    parent.bot_says("Would you like a dedication on the first page?")


def test_progress_used_buttons_and_my_books(browser: Browser, server_url: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(REPLY_MS)
    chat = context.new_page()
    watch_for_script_errors(chat, errors, "phone")
    chat.goto(server_url + "/")
    expect(chat.locator(".sbc-root")).to_have_attribute("data-status", "online", timeout=REPLY_MS)
    parent = ParentOnPhone(chat)
    to_dedication(parent)

    # A typed dedication moves past the Skip button; progress is one bubble, updated in place.
    expect(parent.button("Skip")).to_be_enabled()
    chat.evaluate(WATCH_PROGRESS)
    parent.say(DEDICATION)
    expect(parent.button("Skip")).to_be_disabled()
    # Ticks that come together replace each other in a blink: wait on what the watch saw.
    chat.wait_for_function(
        "() => window.sbcProgress.texts.some((t) => t.includes('Illustrating page'))",
        timeout=BOOK_MS,
    )
    shot(chat, "phone-1-progress")
    preview = parent.bot_says("Here's your free preview", timeout=BOOK_MS)
    seen = chat.evaluate("window.sbcProgress")
    assert seen["most"] == 1, seen  # never two progress bubbles at once
    assert {"Writing the story", "Illustrating page 12 of 12", "Putting the pages together"} <= {
        re.sub(r"[^\w ]", "", t).strip() for t in seen["texts"]
    }, seen["texts"]
    expect(chat.locator(".sbc-topic-progress")).to_have_count(1)
    expect(preview).to_contain_text("The full book costs ₹499")  # the price with the preview
    shot(chat, "phone-2-preview-with-price")

    # My books from another step: the whole title, and Buy for the unpaid preview.
    parent.tap("Regenerate")
    parent.bot_says("What should I change?")
    parent.say("my books")
    library = parent.bot_says("Your books")
    expect(library).to_contain_text("free preview, tap to see or buy")
    expect(preview.get_by_role("button", name=re.compile("^Buy the book"))).to_be_disabled()
    sheet = parent.open_list("My books")
    [title] = sheet.locator(".sbc-row-title").all_inner_texts()
    assert "…" not in title and title in library.inner_text(), title
    shot(chat, "phone-3-my-books")
    parent.choose_row(sheet, title)
    expect(chat.locator(".sbc-msg--parent").last).to_have_text(re.compile(re.escape(title)))
    again = parent.bot_says(f"Here's the free preview of {title} again")
    expect(again).to_contain_text("The full book costs ₹499")
    expect(again.get_by_role("button", name="Buy the book")).to_be_enabled()
    shot(chat, "phone-4-my-books-preview")
    parent.tap("Buy the book")

    # Paying: afterwards "Pay now" is shown as used.
    pay_link = parent.bot_says("Tap below to pay securely")
    pay_in_new_tab(context, pay_link, errors)
    chat.bring_to_front()
    parent.bot_says("Payment received, thank you!")
    expect(pay_link.locator(".sbc-cta--used")).to_contain_text("Pay now")
    expect(pay_link.get_by_role("link")).to_have_count(0)
    parent.bot_says("ready to print and treasure", timeout=BOOK_MS)
    pay_link.scroll_into_view_if_needed()
    shot(chat, "phone-5-pay-now-used")

    # My books for the bought book: its PDF, nothing to buy.
    parent.tap("My books")
    library = parent.bot_says("Your books")
    expect(library).to_contain_text("bought, tap for the PDF")
    parent.choose_row(parent.open_list("My books"), title)
    parent.bot_says("Here it is again")
    final = parent.newest_document()
    expect(final.locator(".sbc-doc-name")).not_to_have_text(re.compile(r"-preview\.pdf$"))
    expect(final.get_by_role("button")).to_have_count(0)
    token = chat.evaluate("localStorage.getItem('storybook.webchat.token')")
    context.close()

    # The same conversation on a laptop, from history: folded progress, used buttons.
    laptop = browser.new_context(viewport=DESKTOP)
    page = laptop.new_page()
    watch_for_script_errors(page, errors, "desktop")
    page.add_init_script(f"localStorage.setItem('storybook.webchat.token', {token!r})")
    page.goto(server_url + "/")
    expect(page.locator(".sbc-root")).to_have_attribute("data-status", "online", timeout=REPLY_MS)
    expect(page.locator(".sbc-topic-progress")).to_have_count(1)
    expect(page.locator(".sbc-topic-progress")).to_contain_text("Putting the pages together")
    log = page.locator(".sbc-log")
    expect(log.get_by_role("button", name=re.compile("^Skip"))).to_be_disabled()
    expect(log.locator(".sbc-cta--used")).to_have_count(1)
    expect(log.get_by_role("link", name=re.compile("^Pay now"))).to_have_count(0)
    # Never tapped, but moved past (the parent bought from My books instead).
    for title in ("Just try again", "Change the look", "Keep this one"):
        expect(log.get_by_role("button", name=title, exact=True)).to_be_disabled()
    page.locator(".sbc-topic-progress").scroll_into_view_if_needed()
    shot(page, "desktop-1-progress-and-used-buttons")
    page.locator(".sbc-cta--used").scroll_into_view_if_needed()
    shot(page, "desktop-2-pay-now-used")
    assert not errors, errors
    laptop.close()

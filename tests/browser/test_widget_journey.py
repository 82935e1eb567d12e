"""A parent makes and buys a book in the web chat widget, in a real browser on a phone.

From the demo page at `/`: greeting, consent, the child's profile, a series and a storyline from
the list sheets, a dedication, the watermarked preview, the sandbox checkout in a new tab, and the
final PDF. Screenshots of the main moments go to tests/out/browser/ for people to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parents[1] / "out" / "browser"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

REPLY_MS = 30_000  # the bot's answer to a message or a tap
BOOK_MS = 180_000  # writing and illustrating the whole book

CHILD = "Juniper"  # invented
DEDICATION = f"For {CHILD}, who loves the stars. Love, Mum"


def screenshot(page: Page, name: str) -> None:
    """Save a test artefact, with entrance animations finished as a parent would see them."""
    page.screenshot(path=OUT / f"{name}.png", animations="disabled")


def exactly(text: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(text)}$")


class ParentOnPhone:
    """What a parent does in the widget (type, tap, open a list) and what they see."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.composer = page.get_by_role("textbox", name="Message")

    def bot_says(self, text: str, timeout: float = REPLY_MS) -> Locator:
        """The newest bot message containing `text`, once it is on screen."""
        message = self.page.locator(".sbc-msg--bot").filter(has_text=text).last
        expect(message).to_be_visible(timeout=timeout)
        return message

    def keep_track(self) -> None:
        """Note every bot message as it is shown, also one replaced a moment later (the widget
        updates progress in place, and ticks that come together pass in a blink)."""
        self.page.evaluate(
            """() => {
              window.botSaid = new Set();
              const note = () => document.querySelectorAll('.sbc-msg--bot')
                .forEach(m => window.botSaid.add(m.textContent));
              new MutationObserver(note).observe(
                document.body, {subtree: true, childList: true, characterData: true});
            }"""
        )

    def was_shown(self, text: str, timeout: float) -> None:
        """A bot message containing `text` was on screen at some moment."""
        self.page.wait_for_function(
            "t => [...window.botSaid].some(said => said.includes(t))", arg=text, timeout=timeout
        )

    def say(self, text: str) -> None:
        """Type into the composer and press Enter."""
        self.composer.fill(text)
        self.composer.press("Enter")
        expect(self.composer).to_have_value("")
        self._sees_own_bubble(text)

    def tap(self, title: str) -> None:
        """Tap the newest button with this title."""
        button = self.button(title)
        expect(button).to_be_enabled(timeout=REPLY_MS)
        button.click()
        self._sees_own_bubble(title)
        expect(self.button(f"{title} (chosen)")).to_be_disabled()  # one tap answers once

    def open_list(self, opener: str) -> Locator:
        """Tap the newest list's button; the sheet it opens is titled like the button."""
        button = self.button(opener)
        expect(button).to_be_enabled(timeout=REPLY_MS)
        button.click()
        sheet = self.page.get_by_role("dialog", name=opener)
        expect(sheet).to_be_visible()
        return sheet

    def choose_row(self, sheet: Locator, title: str) -> None:
        sheet.locator(".sbc-row").filter(has=self.page.get_by_text(title, exact=True)).click()
        expect(sheet).to_be_hidden()
        self._sees_own_bubble(title)

    def button(self, title: str) -> Locator:
        return self.page.locator(".sbc-log").get_by_role("button", name=exactly(title)).last

    def newest_document(self) -> Locator:
        return self.page.locator(".sbc-kind-document").last

    def screenshot(self, name: str) -> None:
        screenshot(self.page, name)

    def _sees_own_bubble(self, text: str) -> None:
        expect(self.page.locator(".sbc-msg--parent").last).to_contain_text(text)


def open_list_and_choose(
    parent: ParentOnPhone, opener: str, pick: int, extras: set[str], shot: str | None = None
) -> str:
    """Open a list sheet, check it offers 5 stories (plus `extras`), choose story number `pick`."""
    sheet = parent.open_list(opener)
    titles = sheet.locator(".sbc-row-title").all_inner_texts()
    stories = [t for t in titles if t not in extras]
    assert len(stories) == 5, titles
    assert extras <= set(titles), titles
    if shot:
        parent.screenshot(shot)
    parent.choose_row(sheet, stories[pick])
    return stories[pick]


def watch_for_script_errors(page: Page, errors: list[str], where: str) -> None:
    page.on("pageerror", lambda error: errors.append(f"{where}: {error}"))


def look_at_desktop_demo(browser: Browser, server_url: str, errors: list[str]) -> None:
    """A first visit on a laptop: the intro beside the chat, which invites the parent to start."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    watch_for_script_errors(page, errors, "desktop")
    page.goto(server_url + "/")
    expect(
        page.get_by_role("heading", name="A picture book where your child is the hero")
    ).to_be_visible()
    expect(page.get_by_text("Let's make a storybook starring your child")).to_be_visible()
    expect(page.get_by_role("button", name="Say hello")).to_be_visible()
    screenshot(page, "desktop-demo")
    context.close()


def pay_in_new_tab(context: BrowserContext, pay_link: Locator, errors: list[str]) -> None:
    """Tap "Pay now", press Pay on the sandbox checkout that opens in a new tab."""
    with context.expect_page() as new_tab:
        pay_link.get_by_role("link", name=re.compile("^Pay now")).click()
    checkout = new_tab.value
    watch_for_script_errors(checkout, errors, "checkout")
    checkout.wait_for_load_state()
    assert "/sandbox/checkout/" in checkout.url, checkout.url
    expect(checkout.get_by_text("Sandbox: no real money moves")).to_be_visible()
    pay = checkout.get_by_role("button", name="Pay ₹499")
    expect(pay).to_be_visible()
    screenshot(checkout, "phone-4-checkout")
    pay.click()
    expect(checkout.get_by_role("heading", name=re.compile("^Payment received"))).to_be_visible(
        timeout=REPLY_MS
    )
    expect(checkout.get_by_text("Your book is on its way in your chat")).to_have_count(1)
    screenshot(checkout, "phone-4b-checkout-paid")


def test_parent_makes_and_buys_a_book_on_a_phone(browser: Browser, server_url: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    look_at_desktop_demo(browser, server_url, errors)

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(REPLY_MS)
    chat = context.new_page()
    watch_for_script_errors(chat, errors, "phone")
    chat.goto(server_url + "/")
    expect(chat.locator(".sbc-root")).to_have_attribute("data-status", "online", timeout=REPLY_MS)
    parent = ParentOnPhone(chat)
    parent.keep_track()

    # Greeting and consent
    parent.say("Hi")
    parent.bot_says("I make picture books where your child is the hero")
    parent.bot_says("Is that OK?")
    parent.screenshot("phone-1-greeting")
    parent.tap("I agree")

    # The child's profile and the hero's look
    parent.bot_says("What's your child's first name?")
    parent.say(CHILD)
    parent.bot_says(f"How old is {CHILD}?")
    parent.say("6")
    parent.bot_says(f"Should the story call {CHILD} he, she or they?")
    parent.tap("She")
    parent.bot_says(f"What does {CHILD} love?")
    parent.say("dragons, rockets and baking")
    # The look builder: a picture of ready-made looks, then a list to choose one from
    parent.bot_says(f"I'll draw {CHILD} exactly like that on every page")
    parent.choose_row(parent.open_list("Choose"), "Look 1")
    summary = parent.bot_says("Here's what I have")
    expect(summary).to_contain_text(f"Name: {CHILD}")
    expect(summary).to_contain_text("Loves: dragons, rockets, baking")
    parent.tap("Looks good")

    # A series, then a storyline, each from a list sheet
    parent.bot_says(f"Here are 5 story series for {CHILD}")
    series = open_list_and_choose(
        parent,
        "See the stories",
        pick=1,
        extras={"5 new ideas", "Surprise me"},
        shot="phone-2-series-list",
    )
    parent.bot_says(f"Writing 5 storylines for {series}")
    parent.bot_says(f"Which adventure should {series} be?")
    open_list_and_choose(parent, "See the storylines", pick=0, extras={"Back to series"})

    # A dedication, progress while the book is made, and the free preview
    parent.bot_says("Would you like a dedication on the first page?")
    parent.say(DEDICATION)
    parent.bot_says(f"Writing and illustrating {CHILD}'s book now")
    parent.was_shown("Illustrating page", timeout=BOOK_MS)
    parent.bot_says("Here's your free preview", timeout=BOOK_MS)
    preview = parent.newest_document()
    expect(preview.locator(".sbc-doc-name")).to_have_text(re.compile(r"-preview\.pdf$"))
    for title in ("Buy the book", "Regenerate", "Change story"):
        expect(preview.get_by_role("button", name=exactly(title))).to_be_enabled()
    parent.screenshot("phone-3-preview-card")

    # Buying: the payment link opens the sandbox checkout in a new tab
    parent.tap("Buy the book")
    pay_link = parent.bot_says("Tap below to pay securely")
    expect(pay_link).to_contain_text("₹499")
    pay_in_new_tab(context, pay_link, errors)

    # Back in the chat tab: the final book arrives by itself
    chat.bring_to_front()
    parent.bot_says("Payment received, thank you!")
    parent.bot_says("ready to print and treasure", timeout=BOOK_MS)
    final = parent.newest_document()
    filename = final.locator(".sbc-doc-name").inner_text()
    assert filename.endswith(".pdf") and not filename.endswith("-preview.pdf"), filename
    parent.bot_says("What would you like to do next?")
    for title in ("Make another book", "My books"):
        expect(parent.button(title)).to_be_enabled()
    parent.screenshot("phone-5-final-card")

    # Tapping the final card downloads the print-ready PDF
    with chat.expect_download(timeout=REPLY_MS) as download_info:
        final.get_by_role("link", name=re.compile(re.escape(filename))).click()
    download = download_info.value
    assert download.suggested_filename == filename
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF"), pdf[:20]

    assert not errors, errors
    context.close()

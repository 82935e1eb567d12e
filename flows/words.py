"""The bot's words: jinja2 templates keyed by name, rendered with the conversation's values.

Kept as data in one place so support and translators can read every sentence the bot says.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, StrictUndefined

WORDS: dict[str, str] = {
    # Greeting and consent
    "greeting": (
        "Hi! 👋 I make picture books where *your child is the hero*.\n\n"
        "I'll ask a few questions about your child, suggest stories, and send you a free "
        "preview of the whole book before you pay anything."
    ),
    "consent": (
        "To write the book I need your child's first name, age and interests. I use them only "
        "to make your books, and you can delete everything at any time by typing *delete my "
        "data*. Is that OK?"
    ),
    "consent_needed": (
        "No problem. I can't make a book without your child's details, so I'll wait here. "
        "Tap *I agree* whenever you're ready."
    ),
    "welcome_back": "Welcome back! Shall we make a new book for *{{ name }}*?",
    # Profile
    "ask_name": "What's your child's first name?",
    "bad_name": (
        "That name looks a little long. Please send just the first name (up to 40 letters)."
    ),
    "bad_name_letters": (
        "I couldn't read that as a name. Could you type your child's first name in letters, "
        "like *Zoya*?"
    ),
    "name_only": ("I only need your child's first name, like *Zoya*. Please send just the name."),
    "ask_age": "How old is {{ name }}? (1 to 12)",
    "bad_age": "I didn't catch the age. Please send a number from 1 to 12, like *6*.",
    "ask_pronouns": "Should the story call {{ name }} *he*, *she* or *they*?",
    "ask_interests": (
        "What does {{ name }} love? Send up to 5 things, like *dinosaurs, football, baking*."
    ),
    "interests_so_far": "Got it: {{ interests }}. Add more, or tap *Done*.",
    "more_interests": (
        "Send another thing {{ name }} loves, like *trains*, or tap *Done* if that's all."
    ),
    "bad_interests": "Please send at least one thing {{ name }} loves, like *space* or *cats*.",
    "interests_flagged": (
        "Hmm, I can't put that in a children's book. 🙂 Could you tell me something else "
        "{{ name }} loves, like *animals*, *trains* or *painting*?"
    ),
    # The look builder
    "choose_look": (
        "Now, how does {{ name }} look? Pick the look closest to {{ name }}: you can change "
        "the skin tone, hair, glasses and more next. I'll draw {{ name }} exactly like that on "
        "every page."
    ),
    "drawing_looks": "🎨 Drawing the looks…",
    "looks_caption": "{{ count }} look{{ 's' if count > 1 else '' }}, numbered as in the list.",
    "change_something_row": "Skin tone, hair, glasses, head covering and more",
    "change_look": "Here's {{ name }} now. What would you like to change?",
    "look_part": "Which {{ part }} for {{ name }}?",
    "look_chosen": "Lovely! {{ name }} will have {{ look }} on every page.",
    "look_redraw": "I'm redrawing the book with {{ name }}'s new look.",
    "look_saved_no_redraw": (
        "I've kept {{ name }}'s new look for the next book, but this one has used all "
        "{{ limit }} regenerations, so I can't redraw it."
    ),
    "photo_not_needed": (
        "Thank you! The pictures here are drawn from the look you choose, not from photos, so "
        "I haven't kept that photo."
    ),
    "photo_not_used": (
        "Thank you! The pictures here are drawn from the look you choose, not from photos, so "
        "I haven't added it to {{ name }}'s profile. It stays private with our conversation, "
        "and *delete my data* removes it. Tap *Edit* to change how {{ name }} looks."
    ),
    "look_feedback": (
        "To change how {{ name }} looks, choose it here and I'll redraw every page with it."
    ),
    "ask_photo_consent": (
        "Would you like to add a photo of {{ name }}? The illustrator uses it only to draw a "
        "character that looks like {{ them }}. The photo is stored privately and you can delete "
        "it any time. It's optional."
    ),
    "ask_photo": "Please send one clear photo of {{ name }}'s face (JPEG or PNG, up to 5 MB).",
    "photo_received": "Lovely photo, thank you! 📸",
    "photo_expected": "I'm waiting for a photo. Send one, or tap *Skip*.",
    "summary": (
        "Here's what I have:\n"
        "• Name: *{{ name }}*\n"
        "• Age: {{ age }}\n"
        "• Pronouns: {{ pronouns }}\n"
        "• Loves: {{ interests }}\n"
        "• Looks: {{ look or 'not chosen yet' }}\n"
        "{% if photos_used %}• Photo: {{ 'yes' if photo else 'no' }}\n{% endif %}\n"
        "All correct?"
    ),
    "edit_which": "What would you like to change?",
    "profile_saved": "Perfect! 🎉",
    # Series and storylines
    "writing_series": "✏️ Thinking up 5 story ideas for {{ name }}… this takes a moment.",
    "choose_series": "Here are 5 story series for {{ name }}. Pick the one {{ they }}'d love!",
    "writing_storylines": "📖 Great choice! Writing 5 storylines for *{{ series }}*…",
    "choose_storyline": "Which adventure should *{{ series }}* be?",
    "no_more_rounds": "That's all the new ideas I can offer this time. Please pick one of these.",
    "surprise_pick": "✨ My pick: *{{ title }}*. {{ reason }}",
    # Dedication and the book
    "ask_dedication": (
        "Would you like a dedication on the first page? Send it (e.g. *For {{ name }}, who "
        "loves the stars. Love, Mum*), or tap *Skip*."
    ),
    "dedication_hint": "Please type the dedication as a message, or tap *Skip* for none.",
    "dedication_too_long": "That's a bit long for the page. Please keep it under 200 characters.",
    "dedication_flagged": (
        "I'm sorry, I can't print that dedication in a children's book. Could you send a "
        "different one, or tap *Skip*?"
    ),
    "photo_set_aside": (
        "One note: the illustrator couldn't use the photo this time, so I drew {{ name }} "
        "from your description instead."
    ),
    "writing_book": (
        "🎨 Writing and illustrating *{{ name }}'s* book now. It takes a minute or two; "
        "I'll keep you posted."
    ),
    "writing_text": "✍️ Writing the story…",
    "illustrating": "🖌️ Illustrating page {{ done }} of {{ total }}…",
    "assembling": "📚 Putting the pages together…",
    "still_working": (
        "Still working on it ({{ progress }}). I'll message you as soon as it's ready."
    ),
    "preview_caption": (
        "Here's your free preview of *{{ title }}*! 📚 Have a look through. The final book has "
        "full-resolution pictures and no watermark."
    ),
    "regenerations_left": (
        "Not quite right? You can ask for {{ left }} new version{{ '' if left == 1 else 's' }}."
    ),
    "ask_feedback": (
        "What should I change? Tell me in a few words, like *shorter*, *funnier*, *calmer*, "
        "*a different ending*, *add Grandma* or *add a puppy*. Tap *Change the look* to change "
        "how {{ name }} looks, or *Just try again* for a fresh version."
    ),
    "feedback_followed": "Got it! The new version will have {{ changes }}. ✏️",
    "feedback_not_understood": (
        "Sorry, I can't tell what to change from that, so I haven't used a regeneration. I "
        "can make the pages *shorter* or *longer*, the story *calmer* or *funnier*, give it a "
        "*different ending*, add a person (*add Grandma*) or an animal (*add a puppy*), or "
        "change how {{ name }} looks. Or tap *Just try again* for a fresh version."
    ),
    "feedback_too_long": "That's a lot to take in! 🙂 Could you say it in under 300 characters?",
    "feedback_flagged": (
        "I'm sorry, I can't put that in a children's book. Could you ask for a different "
        "change, or tap *Just try again*?"
    ),
    "no_regenerations_left": (
        "You've used all {{ limit }} regenerations for this book, so this version is the one "
        "we'll print. You can still buy it or start a new book."
    ),
    "generation_failed": (
        "😔 I'm sorry, something went wrong while making the book. Nothing is lost. Tap "
        "*Try again*, or ask for a person."
    ),
    "options_failed": (
        "😔 Sorry, I couldn't come up with ideas just now. Tap *Try again* in a moment."
    ),
    # Buying
    "choose_fulfilment": "How would you like the book?",
    "ask_address_name": "Who should we send it to? (full name)",
    "ask_address_line1": "Street address (house number and street)",
    "ask_address_line2": "Apartment, floor or landmark (or tap *Skip*)",
    "ask_address_city": "City",
    "ask_address_state": "State",
    "ask_address_pin": "6-digit PIN code",
    "bad_pin": "A PIN code has exactly 6 digits, like *560001*. Please try again.",
    "ask_address_phone": "A phone number for the courier (10 digits)",
    "bad_phone": "Please send a 10-digit mobile number, like *9876543210*.",
    "bad_address_field": "Please send a little more detail (2 to 100 characters).",
    "pay_link": (
        "Your book *{{ title }}* is {{ price }}. Tap below to pay securely. "
        "I'll send the book here as soon as the payment is confirmed."
    ),
    "preparing_pay_link": ("Preparing your secure payment link for *{{ title }}*, one moment…"),
    "pay_link_failed": (
        "I couldn't get a payment link from our payment provider just now. "
        "Nothing was charged. Tap *Try again* in a moment."
    ),
    "payment_refunded": (
        "We've refunded your payment of {{ price }} for *{{ title }}*. It can take a few days "
        "to show on your statement."
    ),
    "price_line": "The full book costs {{ price }}.",
    "price_line_print": (
        "The full book costs {{ price }} as a PDF, or {{ printed }} printed and delivered."
    ),
    # Paying inside WhatsApp (India)
    "in_chat_order": (
        "*{{ title }}*, your personalised picture book: {{ price }}. Tap *Review and pay* to "
        "pay here in WhatsApp. I'll send the book here as soon as the payment is confirmed."
    ),
    "in_chat_footer": "Secure payment through Razorpay",
    "in_chat_waiting": (
        "I'm waiting for the payment confirmation. To pay, tap *Review and pay* on the order above."
    ),
    "in_chat_declined": (
        "The payment didn't go through, and you haven't been charged. You can try again: tap "
        "*Review and pay* on the order above."
    ),
    "order_failed": (
        "I couldn't prepare your order just now. Nothing was charged. Tap *Try again* in a moment."
    ),
    "order_processing": "Payment received for *{{ title }}*. Your printed book is being prepared.",
    "order_completed": "*{{ title }}* has been delivered in this chat. Thank you!",
    "order_shipped": "Your printed copy of *{{ title }}* is on its way.",
    "waiting_payment": "I'm waiting for the payment confirmation. Here's the link again:",
    "payment_declined": (
        "The payment didn't go through, and you haven't been charged. You can try again:"
    ),
    "payment_thanks": "🎉 Payment received, thank you! Preparing your print-ready book…",
    "final_caption": "Here's *{{ title }}*, ready to print and treasure. 💛",
    "print_ordered": (
        "Your printed copy is being ordered from our printer and will be shipped to {{ city }}. "
        "I'll tell you here when it goes to print and when it ships."
    ),
    "print_printing": "🖨️ *{{ title }}* has gone to print!",
    "print_shipped": (
        "📦 Your printed copy of *{{ title }}* is on its way"
        "{% if carrier %} with {{ carrier }}{% endif %}!"
        "{% if url %} Track it here: {{ url }}{% endif %}"
    ),
    "print_problem": (
        "There's a problem with printing *{{ title }}*. Someone from our support team will "
        "contact you here to sort it out. You still have the PDF."
    ),
    "address_confirm": "Please check the shipping address:\n\n{{ address }}\n\nIs it right?",
    "address_fix_which": "Which line should I change?",
    "checking_print": "Checking with our printer that they can deliver there…",
    "print_refused": (
        "Our printer can't deliver to this address ({{ reason }}). Nothing was charged. "
        "Please fix the line that's wrong."
    ),
    "print_check_failed": (
        "I couldn't reach our printer just now. Nothing was charged. Tap *Try again* in a moment."
    ),
    "after_delivery": "What would you like to do next?",
    # Library
    "library_empty": "You don't have any books yet. Let's make one!",
    "library": "Your books 📚\n\n{{ books }}\n\nTap *My books* to choose one.",
    "library_preview": "Here's the free preview of *{{ title }}* again.",
    "library_busy": (
        "I'm in the middle of something else right now, so I can't start buying *{{ title }}* "
        "yet. Once this is done, open *My books* and tap *Buy the book*."
    ),
    "library_resent": "Here it is again:",
    "library_not_ready": "That book isn't ready yet, I'll send it as soon as it is.",
    # Global commands
    "help": (
        "I help you make a picture book starring your child. You can type at any time:\n"
        "• *menu* or *help*: this message\n"
        "• *back*: go back one step\n"
        "• *restart*: start over (your child's details are kept)\n"
        "• *my books*: your books and PDFs\n"
        "• *talk to a person*: reach our team\n"
        "• *stop* / *start*: turn reminders off or on\n"
        "• *delete my data*: erase everything about you and your child"
    ),
    "cant_go_back": "We're at the beginning, there's nothing to go back to.",
    "restarted": "Starting over. 🔄",
    "handoff_on": (
        "I've asked a person from our team to join. They'll reply here soon. Until then I'll "
        "stay quiet. Type *menu* if you'd like to continue with me instead."
    ),
    "handoff_off": "I'm back! Let's continue where we were.",
    "regeneration_granted": (
        "Good news: our team has given you one more regeneration for *{{ title }}*."
    ),
    "support_regenerating": (
        "Our team has asked for a new version of your book with the changes you described. "
        "I'll send the new preview here when it's ready."
    ),
    "support_profile_edited": (
        "Our team has updated {{ changes }} in {{ name }}'s profile, as you asked. "
        "Every new version and new book uses it from now on."
    ),
    "support_joined": (
        "👋 Someone from our team is here with you now and will reply in this chat. "
        "Type *menu* any time to carry on with me instead."
    ),
    "opted_out": (
        "Okay, I won't send you any reminders. I'll still answer when you write. "
        "Type *start* to turn reminders back on."
    ),
    "opted_in": "Reminders are back on. 👍",
    "confirm_erasure": (
        "This deletes your child's details, photos, books and our conversation. Payment records "
        "are kept because the law requires it. Are you sure?"
    ),
    "erased": (
        "Done. Everything about you and your child has been deleted. Type *hi* to start again."
    ),
    "erasure_cancelled": "Okay, nothing was deleted.",
    # Repair
    "stale_choice": "That choice is from an earlier step, so I've left things as they are.",
    "not_understood": "Sorry, I didn't get that. {{ how }}",
    "type_answer": "Please type your answer as a message.",
    "turn_failed": "Sorry, something went wrong on my side. Please try that again.",
    "slow_down": (
        "I got several messages at once, give me a moment... I'll go through them in order."
    ),
    "unsupported": "I can only read text, button taps and photos here.",
    "photo_not_asked": (
        "Thank you! I haven't kept that photo: I'll ask for one when we get to it, "
        "once you've agreed to how it is used."
    ),
    "photo_refused": (
        "I couldn't use that photo. Please send a clear JPEG or PNG photo under 5 MB."
    ),
    "reminder_1": "Hi again! The story for {{ name }} is waiting whenever you're ready. 😊",
    "reminder_2": "Just one last gentle nudge: {{ name }}'s book is still here for you.",
}

# Chat text, not HTML: each channel escapes for its own medium (the widget never uses innerHTML).
_env = Environment(autoescape=False, undefined=StrictUndefined)  # noqa: S701
_TEMPLATES = {key: _env.from_string(text) for key, text in WORDS.items()}


def say(key: str, **values: Any) -> str:
    return _TEMPLATES[key].render(**values)

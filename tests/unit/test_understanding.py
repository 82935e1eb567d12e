"""A hundred ways parents answer each question, and what each one is read as.

Every table holds at least 100 answers, some of which must NOT be accepted (None): those get
the step's helpful re-ask instead (see tests/e2e/test_free_words.py for the replies)."""

from __future__ import annotations

import itertools

import pytest
from support.names import NAMES as REAL_NAMES

from flows.commands import command_of
from flows.messages import InboundText
from flows.parsing import is_done, is_skip, parse_interests, parse_pronouns
from flows.steps.profile import CONSENT, PHOTO_CONSENT, SUMMARY
from flows.steps.shipping import CONFIRM
from flows.steps.stories import BACK, MORE, PREVIEW, SURPRISE
from flows.understanding import Option, how_to_answer, pick, read_age, read_name, read_yes_no

# --- names -----------------------------------------------------------------------------------

NAMED = ["Zoya", "Aarav", "Mary Ann", "Kabir", "Anne-Marie", "O'Neil", "Do-yun", "Mira"]
NAME_WAYS = [
    "{}", "{}!", "{}.", "it's {}", "its {}", "It is {}", "her name is {}", "his name is {}",
    "Her name's {}", "my daughter's name is {}", "My son is {}", "name: {}", "she's called {}",
    "he is called {}", "we call her {}", "{} 😊", "The name is {}", "{} please", "ok, {}",
    "Their name is {}", "his first name is {}", "{}, thanks",
]  # fmt: skip
NAMES: list[tuple[str, str | None]] = [
    (way.format(name), name)
    for way, name in zip(NAME_WAYS * 4, itertools.cycle(NAMED), strict=False)
] + [
    ("zoya", "Zoya"), ("ZOYA", "Zoya"), ("her name is zoya khan", "Zoya Khan"),
    ("o'brien", "O'Brien"), ("आरव", "आरव"), ("it’s Zoya", "Zoya"), ("Zoya?", "Zoya"),
    ("   Zoya   ", "Zoya"), ("🌸Zoya🌸", "Zoya"), ("anne-marie", "Anne-Marie"),
    # Never a whole sentence, a question, an age or an answer to another question as the name.
    ("How old is her name is Zoya?", None), ("How old does she need to be?", None),
    ("what?", None), ("I don't know", None), ("yes", None), ("hi", None), ("ok", None),
    ("5", None), ("she's 5", None), ("Zoya, she's 5", None), ("I'm Zoya's mum", None),
    ("my daughter is five years old", None), ("her name is Zoya and she loves cats", None),
    ("skip", None), ("no", None), ("hello there", None), ("why do you need it", None),
    ("zoya@example.com", None), ("Zoya2", None), ("", None), ("!!!", None),
    ("the name of my child", None), ("please help", None), ("menu?", None),
    ("can I change it later?", None), ("what is this", None),
]  # fmt: skip


def test_fifty_real_names_are_kept_as_typed_alone_or_in_a_sentence():
    for name in REAL_NAMES:
        assert read_name(name) == name
        assert read_name(f"her name is {name}") == name
        assert read_name(f"it's {name}!") == name


def test_the_name_table_has_a_hundred_answers():
    assert len(NAMES) >= 100
    assert sum(1 for _, name in NAMES if name is None) >= 25


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_names(text, name):
    assert read_name(text) == name


# --- ages ------------------------------------------------------------------------------------

AGE_WAYS = [
    "{d}", "{w}", "{d} years", "{d} years old", "{w} years old", "she's {d}", "he is {w}",
    "{d}yo", "{d} yrs", "She's {w} years old", "{d}!", "{d} and a half", "turning {d}",
]  # fmt: skip
WORD = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
AGES: list[tuple[str, int | None]] = [
    *[(way.format(d=age, w=word), age) for way in AGE_WAYS for age, word in WORD.items()][:92],
    ("1", 1), ("twelve", 12), ("12", 12), ("10 years", 10), ("18 months", 1), ("5.5", 5),
    ("She is 7, nearly 8", None), ("5 or 6", None), ("13", None), ("0", None),
    ("6 months", None), ("a few", None), ("her name is Zoya", None), ("", None),
    ("9876543210", None), ("100", None), ("old enough", None), ("teen", None),
]  # fmt: skip


def test_the_age_table_has_a_hundred_answers():
    assert len(AGES) >= 100 and sum(1 for _, age in AGES if age is None) >= 10


@pytest.mark.parametrize(("text", "age"), AGES)
def test_ages(text, age):
    assert read_age(text) == age


# --- pronouns --------------------------------------------------------------------------------

PRONOUN_WAYS = {
    "he": ["he", "He", "him", "he/him", "boy", "a boy", "my son", "he's a boy", "his", "son",
           "He please", "he him", "male", "HE", "it's a boy", "he.", "he!", "boy 👦",
           "hes a boy", "he is my son", "use he", "Call him he", "he please", "a little boy",
           "he/his", "boy!", "my boy", "he, thanks"],
    "she": ["she", "She", "her", "she/her", "girl", "a girl", "my daughter", "she's a girl",
            "hers", "daughter", "She please", "she her", "female", "SHE", "it's a girl",
            "she.", "she!", "girl 👧", "shes a girl", "she is my daughter", "use she",
            "call her she", "she please", "a little girl", "she/hers", "girl!", "my girl",
            "she, thanks"],
    "they": ["they", "They", "them", "they/them", "They please", "they them", "non binary",
             "non-binary", "nonbinary", "their", "THEY", "they.", "use they", "they please",
             "they/their", "theirs", "gender neutral please", "they, thanks"],
}  # fmt: skip
PRONOUNS: list[tuple[str, str | None]] = [
    (text, pronoun) for pronoun, ways in PRONOUN_WAYS.items() for text in ways
] + [
    (text, None)
    for text in [
        "whatever", "he or she", "she/he", "boy or girl", "", "5", "Zoya", "not sure", "idk",
        "any", "doesn't matter", "you choose", "yes", "no", "ok", "both", "hmm", "skip",
        "what do you mean", "pronouns?", "twins", "neither", "?", "…", "👍", "none",
        "the usual",
    ]
]  # fmt: skip


def test_the_pronoun_table_has_a_hundred_answers():
    assert len(PRONOUNS) >= 100


@pytest.mark.parametrize(("text", "pronouns"), PRONOUNS)
def test_pronouns(text, pronouns):
    assert parse_pronouns(text) == pronouns


# --- interests -------------------------------------------------------------------------------

THINGS = [
    ["dinosaurs"], ["space", "rockets"], ["football", "cricket", "baking"], ["cats"],
    ["trains", "lego"], ["painting"], ["the ocean", "whales"], ["horses", "ballet"],
]  # fmt: skip
INTEREST_WAYS = [
    lambda t: ", ".join(t), lambda t: " and ".join(t), lambda t: "she loves " + " and ".join(t),
    lambda t: "he likes " + ", ".join(t), lambda t: "Loves " + ", ".join(t),
    lambda t: "She is really into " + " & ".join(t), lambda t: "; ".join(t),
    lambda t: "\n".join(t), lambda t: " / ".join(t), lambda t: ", ".join(t) + " please",
    lambda t: "they adore " + " + ".join(t), lambda t: "Zoya loves " + ", ".join(t) + "!",
]  # fmt: skip
INTERESTS: list[tuple[str, list[str]]] = [
    (way(things), things) for way in INTEREST_WAYS for things in THINGS
] + [
    (text, [])
    for text in [
        "yes", "no", "ok", "I don't know", "idk", "not sure", "", "?", "!!!", "nope", "sure",
    ]
]  # fmt: skip


def test_the_interest_table_has_a_hundred_answers():
    assert len(INTERESTS) >= 100


@pytest.mark.parametrize(("text", "things"), INTERESTS)
def test_interests(text, things):
    assert [t.casefold() for t in parse_interests(text)] == things


DONE = ["done", "Done!", "that's all", "thats it", "no more", "nope", "no", "nothing else"]
NOT_DONE = ["cats", "and dogs", "also trains", "more lego"]


@pytest.mark.parametrize(
    ("text", "done"), [(t, True) for t in DONE] + [(t, False) for t in NOT_DONE]
)
def test_no_more_interests(text, done):
    assert is_done(text) is done


# --- yes and no ------------------------------------------------------------------------------

YES = [
    "yes", "Yes!", "YES", "y", "yeah", "yep", "yup", "ya", "sure", "sure!", "ok", "OK",
    "okay", "ok go", "okay let's do it", "k", "alright", "fine", "yes thats fine",
    "yes, that's fine", "that's fine", "thats ok", "yes please", "sounds good", "looks good",
    "all good", "perfect", "great", "absolutely", "of course", "definitely", "go ahead",
    "go on", "lets go", "let's go!", "I agree", "agree", "agreed", "i accept", "correct",
    "that's right", "right", "no problem", "I don't mind", "why not", "👍", "👌", "✅",
    "yes go ahead", "yep that's right", "sure thing", "ok thanks", "yes ok", "cool", "haan",
]  # fmt: skip
NO = [
    "no", "No.", "NO", "n", "nope", "nah", "no thanks", "no thank you", "not now", "not yet",
    "maybe later", "later", "nope, not now", "no way", "never", "I don't agree", "disagree",
    "cancel", "not really", "👎", "❌", "no no", "nope thanks", "nahi", "don't",
]  # fmt: skip
NEITHER = [
    "ok wait", "yes but not now", "sure, how much?", "maybe", "what?", "hmm", "I'm not sure",
    "what is this for", "why", "yes no", "", "how do I pay", "Zoya", "tell me more",
    "ok what happens next?", "yes but first change the name", "👍👎", "idk", "depends",
    "can I think about it",
]  # fmt: skip
YES_NO = [(t, "yes") for t in YES] + [(t, "no") for t in NO] + [(t, None) for t in NEITHER]


def test_the_yes_no_table_has_a_hundred_answers():
    assert len(YES_NO) >= 100


@pytest.mark.parametrize(("text", "meaning"), YES_NO)
def test_yes_and_no(text, meaning):
    assert read_yes_no(text) == meaning


@pytest.mark.parametrize(
    ("options", "yes", "no"),
    [
        (CONSENT, "agree", "decline"),
        (SUMMARY, "ok", "edit"),
        (PHOTO_CONSENT, "photo", "skip"),
        (CONFIRM, "ok", "fix"),
    ],
)
def test_every_confirmation_reads_yes_and_no_and_its_own_buttons(options, yes, no):
    # Where a button's words are inside a "neither", the button is what was meant.
    meant = {("agree", "yes but not now"): "decline", ("ok", "yes but first change the name"): no}
    for text, meaning in YES_NO:
        want = meant.get((yes, text), {"yes": yes, "no": no}.get(meaning or ""))
        assert pick(text, options) == want, text
    for option in options:  # the button's title typed
        assert pick(option.title, options) == option.action
        assert pick(option.title.casefold() + " please", options) == option.action


SKIPS = [
    "skip", "Skip!", "no thanks", "none", "skip it please", "no dedication", "nope", "no",
    "no dedication please", "none for now", "no dedication needed, thanks", "nothing thanks",
    "we don't need one", "not needed", "no need",
]  # fmt: skip
NOT_SKIPS = [
    "For Zoya, with love from Mum", "To our little star", "skipping rope champion x",
    "Nothing but love, Mum", "No one loves you more than we do", "None so bright as you",
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "skip"), [(t, True) for t in SKIPS] + [(t, False) for t in NOT_SKIPS]
)
def test_skip(text, skip):
    assert is_skip(text) is skip


# --- the series and storylines ---------------------------------------------------------------

SERIES_TITLES = [
    "Zoya and the Jungle Friends", "Rocket Days", "The Muddy Boots Club", "Dino Detectives",
    "Zoya's Ocean Voyage",
]  # fmt: skip
SERIES = [Option(f"s{i}", t, i) for i, t in enumerate(SERIES_TITLES, 1)] + [MORE, SURPRISE]
ORDINAL_WAYS = {
    1: ["1", "one", "first", "the first one", "1st", "number 1", "#1", "option 1", "1 please",
        "the 1st one", "First!", "I'd like the first one"],
    2: ["2", "two", "second", "the second one", "2nd", "number two", "#2", "option 2",
        "2 please", "the 2nd", "Second one please", "we'll take the second one"],
    3: ["3", "three", "third", "the third one", "3rd", "number 3", "#3", "Option three",
        "3!", "the third please", "3rd one", "lets go with number 3"],
    4: ["4", "four", "fourth", "the fourth one", "4th", "number 4", "#4", "option 4", "4.",
        "4 please", "the 4th one", "i pick 4"],
    5: ["5", "five", "fifth", "the fifth one", "5th", "number 5", "#5", "option 5",
        "the last one", "last", "last one please", "5 pls"],
}  # fmt: skip
SERIES_BY_TITLE = [
    ("Jungle Friends", "s1"), ("jungle friends please", "s1"), ("jungle", "s1"),
    ("Zoya and the Jungle Friends", "s1"), ("the jungle one", "s1"), ("jungel frends", "s1"),
    ("Rocket Days", "s2"), ("rocket days!", "s2"), ("rockets", "s2"), ("the rocket one", "s2"),
    ("I want Rocket Days", "s2"), ("rocket dayz", "s2"), ("muddy boots", "s3"),
    ("The Muddy Boots Club please", "s3"), ("boots", "s3"), ("muddy", "s3"),
    ("dino detectives", "s4"), ("dino", "s4"), ("detectives", "s4"), ("the dinosaur one", "s4"),
    ("ocean voyage", "s5"), ("Zoya's Ocean Voyage", "s5"), ("ocean", "s5"),
    ("the ocean one please", "s5"), ("5 new ideas", "more"), ("new ideas please", "more"),
    ("none of these", "more"), ("I don't like any of these", "more"), ("something else", "more"),
    ("surprise me", "surprise"), ("Surprise me!", "surprise"), ("you pick", "surprise"),
    ("you choose for her", "surprise"),
]  # fmt: skip
SERIES_REFUSED = [
    "hmm", "zoya", "6", "0", "the sixth one", "yes", "no", "I want to buy this one", "",
    "not the jungle one", "skip", "what are these?", "the friends and the rockets", "12",
    "both", "any", "I don't know", "which is best?", "ok", "these are nice",
]  # fmt: skip
SERIES_TABLE = (
    [(text, f"s{n}") for n, ways in ORDINAL_WAYS.items() for text in ways]
    + SERIES_BY_TITLE
    + [(text, None) for text in SERIES_REFUSED]
)


def test_the_series_table_has_a_hundred_answers():
    assert len(SERIES_TABLE) >= 100


@pytest.mark.parametrize(("text", "action"), SERIES_TABLE)
def test_series_picks(text, action):
    assert pick(text, SERIES) == action


STORYLINE_TITLES = [
    "Lost and Found", "Zoya Makes a Friend", "Ready, Steady, Zoya!", "The Great Mystery",
    "The Broken Weather Vane",
]  # fmt: skip
STORYLINES = [Option(f"l{i}", t, i) for i, t in enumerate(STORYLINE_TITLES, 1)] + [BACK]
STORYLINE_BY_TITLE = [
    ("Lost and Found", "l1"), ("lost and found please", "l1"), ("lost", "l1"), ("found", "l1"),
    ("the lost and found one", "l1"), ("makes a friend", "l2"), ("friend", "l2"),
    ("Zoya Makes a Friend!", "l2"), ("the friend one", "l2"), ("ready steady", "l3"),
    ("Ready, Steady, Zoya!", "l3"), ("ready steady zoya please", "l3"), ("steady", "l3"),
    ("the great mystery", "l4"), ("mystery", "l4"), ("a mystery please", "l4"),
    ("great mistery", "l4"), ("the great one", "l4"), ("weather vane", "l5"), ("the broken weather vane", "l5"),
    ("weather", "l5"), ("broken", "l5"), ("back to series", "back"), ("other series", "back"),
    ("a different series", "back"), ("show me the series again", "back"),
]  # fmt: skip
STORYLINE_REFUSED = [
    "hmm", "zoya", "6", "yes", "no thanks", "the happy one", "I want to buy this one", "",
    "not the mystery", "skip", "what?", "lost friend", "any", "ok", "0",
]  # fmt: skip
STORYLINE_TABLE = (
    [(text, f"l{n}") for n, ways in ORDINAL_WAYS.items() for text in ways]
    + STORYLINE_BY_TITLE
    + [(text, None) for text in STORYLINE_REFUSED]
)


def test_the_storyline_table_has_a_hundred_answers():
    assert len(STORYLINE_TABLE) >= 100


@pytest.mark.parametrize(("text", "action"), STORYLINE_TABLE)
def test_storyline_picks(text, action):
    assert pick(text, STORYLINES) == action


# --- the preview -----------------------------------------------------------------------------

PREVIEW_TABLE = [
    (text, "buy")
    for text in [
        "buy", "Buy the book", "buy the book please", "I want to buy this one", "buy it",
        "I'll buy it", "let's buy", "pay", "I want to pay", "how do I pay", "purchase",
        "I'd like to purchase it", "order", "order it please", "I'll take it", "take it",
        "we want it", "I want it", "get it", "checkout", "check out", "ok buy", "Buy!",
        "yes buy it", "buy this one", "I want to order the book", "can I buy it",
        "we'll buy the book", "buy now", "let me pay", "I want to buy it now", "BUY",
        "buy please", "perfect, buy", "great, I'll take it", "purchase the book",
    ]
] + [
    (text, "regenerate")
    for text in [
        "regenerate", "Regenerate please", "try again", "can you try again", "new version",
        "another version please", "make a new version", "redo", "redo it", "remake it",
        "make changes", "I want to make changes", "change something", "tweak it", "fix it",
        "regenerate it", "please regenerate", "try again please", "another version",
        "a new version please", "let's try again", "REGENERATE", "redo please",
        "can you redo it", "i want a new version",
    ]
] + [
    (text, "change")
    for text in [
        "change story", "Change story please", "change the story", "different story",
        "a different story please", "another story", "new story", "other story",
        "change storyline", "different storyline", "another storyline", "other storyline",
        "a different adventure", "can we try a different story", "I'd like another story",
        "change the story please", "let's change the story", "pick another storyline",
        "CHANGE STORY", "I want a new story",
    ]
] + [
    (text, None)
    for text in [
        "hmm", "", "yes", "no", "ok", "I don't want to buy it yet", "don't buy", "change",
        "nice", "what?", "how much", "zoya", "1", "thanks", "wow", "not now",
        "I don't like it", "can I see it again", "later", "is it printed?",
        "in what order are the pages",
    ]
]  # fmt: skip


def test_the_preview_table_has_a_hundred_answers():
    assert len(PREVIEW_TABLE) >= 100


@pytest.mark.parametrize(("text", "action"), PREVIEW_TABLE)
def test_preview_answers(text, action):
    assert pick(text, PREVIEW) == action


# --- what the re-ask says --------------------------------------------------------------------


def test_the_re_ask_names_the_choices_offered():
    assert how_to_answer(SERIES, "See the stories") == (
        "Tap *See the stories* and pick one, or send a number from 1 to 5."
    )
    assert how_to_answer(CONSENT) == "Tap *I agree* or *Not now*, or type *yes* or *no*."
    assert how_to_answer(PREVIEW) == "Tap *Buy the book*, *Regenerate* or *Change story*."
    assert how_to_answer(PREVIEW[:1]) == "Tap *Buy the book*."


# --- commands said in a sentence -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "command", "handed_off"),
    [
        ("talk to a person", "human", False),
        ("can I talk to a person please?", "human", False),
        ("I want to speak to someone", "human", False),
        ("my books", "library", False),
        ("show me my books", "library", False),
        ("where are my books?", None, True),  # a person is talking: words for them
        ("stop the dragon being scary", None, False),  # feedback, not "stop"
        ("start over with a puppy in it", None, False),  # never a restart from a sentence
        ("please add my books and toys to the story and a real person called Mo", None, False),
    ],
)
def test_commands_said_in_a_short_sentence(text, command, handed_off):
    assert command_of(InboundText(text), handed_off=handed_off) == command

"""What a parent's typed answer means, read the way people type: "her name is Zoya", "she's 5",
"yes thats fine", "jungle friends please", "the second one", "I want to buy this one".

No language model: a few word lists and rules, each answer either understood or refused (so
the step can say what to send instead). Whole sentences are never taken as a name.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from domain.profiles import clean_text

# --- words -----------------------------------------------------------------------------------


def words_of(text: str) -> list[str]:
    """Lower-case words, apostrophes dropped ("it's" -> "its"), everything else a separator."""
    folded = unicodedata.normalize("NFKC", clean_text(text)).casefold()
    folded = re.sub(r"['’`´]", "", folded)
    return re.findall(r"\w+", folded)


def plain(text: str) -> str:
    return " ".join(words_of(text))


NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
}  # fmt: skip
NEGATIONS = {"not", "dont", "doesnt", "didnt", "never", "no", "nope", "nah", "cant", "wont"}
# Words that turn a choice named after them around: "don't buy", "not the jungle one".
_NOT = {"not", "dont", "doesnt", "didnt", "never", "cant", "wont", "without", "except"}

# --- yes and no ------------------------------------------------------------------------------

_YES_PHRASES = (
    "yes", "y", "yeah", "yea", "yeh", "yep", "yup", "ya", "yas", "yess", "yesss", "sure",
    "ok", "okay", "okey", "okk", "k", "kk", "alright", "all right", "fine", "correct", "right",
    "agree", "i agree", "agreed", "go ahead", "go on", "go", "lets go", "lets do it", "do it",
    "sounds good", "looks good", "all good", "good", "great", "perfect", "absolutely",
    "of course", "definitely", "certainly", "please do", "yes please", "why not", "i do",
    "thats fine", "thats ok", "thats okay", "thats right", "thats correct", "its fine",
    "its ok", "its correct", "its right", "no problem", "dont mind", "i dont mind", "haan",
    "ha", "ji", "accept", "i accept", "continue", "proceed", "cool", "nice", "done",
)  # fmt: skip
_NO_PHRASES = (
    "no", "n", "nope", "nah", "na", "not now", "not yet", "no thanks", "no thank you",
    "nothing", "never", "dont", "i dont", "do not", "i dont agree", "disagree", "cancel",
    "not really", "no way", "maybe later", "later", "nahi", "not ok", "not okay", "stop it",
)  # fmt: skip
_FILLER = {
    "please", "pls", "plz", "thanks", "thank", "you", "thx", "ty", "then", "sir", "maam",
    "mam", "dear", "bot", "oh", "ah", "um", "umm", "hmm", "well", "so", "and", "that",
    "thats", "its", "is", "fine", "ok", "okay", "good", "great", "with", "me", "by", "for",
    "sounds", "looks", "all", "right", "go", "ahead", "now", "sure", "yes", "it", "really",
}  # fmt: skip
# Words that hold an answer back: "ok wait", "yes but...", "sure, how much?"
_DOUBT = {
    "but", "wait", "hold", "hang", "later", "maybe", "what", "how", "why", "when", "where",
    "who", "which", "change", "edit", "first", "if", "unless", "though", "except", "stop",
    "cancel", "back", "hmm", "confused", "unsure", "idk", "question",
}  # fmt: skip
_YES_EMOJI = {"👍", "👌", "✅", "✔", "🙆", "💯", "🆗"}
_NO_EMOJI = {"👎", "❌", "✖", "🙅", "🚫"}


def _phrase_at_start(words: list[str], phrases: Sequence[str]) -> int:
    """The length in words of the longest phrase the message starts with (0 for none)."""
    best = 0
    for phrase in phrases:
        parts = phrase.split()
        if words[: len(parts)] == parts:
            best = max(best, len(parts))
    return best


def read_yes_no(text: str) -> str | None:
    """ "yes" | "no" | None. The answer leads ("yes thats fine", "ok go", "nope, not now");
    a message that says both, or says much else, is not read as either."""
    marks = set(text) & (_YES_EMOJI | _NO_EMOJI)
    words = words_of(text)
    if not words:
        if marks and not (marks & _NO_EMOJI):
            return "yes"
        if marks and not (marks & _YES_EMOJI):
            return "no"
        return None
    if len(words) > 8:
        return None
    no = _phrase_at_start(words, _NO_PHRASES)
    yes = _phrase_at_start(words, _YES_PHRASES)
    if no >= yes and no:
        rest = words[no:]
        return "no" if all(w in _FILLER or w in NEGATIONS for w in rest) else None
    if yes:
        rest = [w for w in words[yes:] if w not in _FILLER]
        if not rest:
            return "yes"
        if len(rest) > 3 or text.rstrip().endswith("?") or set(rest) & (NEGATIONS | _DOUBT):
            return None  # "yes but not now", "ok wait", "ok what happens next?"
        return "yes"
    return None


# --- names -----------------------------------------------------------------------------------

# What people put before a name: "her name is", "my daughter's name is", "it's", "she's called".
_WHO = (
    r"(?:her|his|their|my|our|the|child'?s?|kid'?s?|baby'?s?|daughter'?s?|son'?s?|"
    r"little one'?s?)"
)
_LEAD_INS = [
    rf"(?:{_WHO}\s+)*(?:first\s+|full\s+)?name\s*(?:is|'s|:|-|=|would be)?",
    r"(?:my|our)\s+(?:daughter|son|child|kid|little one|baby|girl|boy)(?:'s| is)?"
    r"(?:\s+(?:called|named))?",
    r"(?:(?:she|he|they)\s*(?:is|'s|are|'re)|it\s*(?:is|'s)|its|this is|that'?s|i\s*(?:am|'m)|"
    r"we|you can|please)(?:\s+(?:called|named|call\s+(?:her|him|them)))?",
    r"(?:we\s+)?call\s+(?:her|him|them)",
    r"(?:called|named|ok|okay|yes|hi|hello|sure)\b[,!.]?",
]
_LEAD_IN = re.compile(rf"^\s*(?:{'|'.join(_LEAD_INS)})\s*[:,\-–]?\s+", re.IGNORECASE)
_TRAILING = re.compile(
    r"[\s,.;:!]*(?:please|pls|thanks|thank you|thx|:\)|:-\))?[\s,.;:!?]*$", re.IGNORECASE
)
# Words of a sentence, never of a first name: "How old is her name is Zoya?"
_SENTENCE_WORDS = {
    "is", "are", "was", "am", "be", "name", "names", "how", "what", "who", "why", "when",
    "where", "which", "old", "years", "year", "age", "the", "my", "her", "his",
    "their", "she", "he", "they", "i", "you", "we", "it", "its", "want", "would", "like",
    "dont", "do", "does", "can", "cant", "have", "has", "not", "no", "yes", "and", "or",
    "of", "to", "in", "on", "for", "with", "this", "that", "about", "book", "story",
    "please", "called", "named", "child", "son", "daughter", "kid", "girl", "boy", "loves",
    "likes", "love", "hi", "hello", "hey", "ok", "okay", "sure", "thanks", "skip",
    "idk", "know", "help", "menu", "agree", "because", "but", "if", "mum", "mom", "mummy",
    "mommy", "dad", "daddy", "papa", "mother", "father", "parent", "thats", "im", "hes",
    "shes", "theyre", "there", "nope", "none", "nothing", "wait", "what's", "whats",
}  # fmt: skip
NAME_WORDS_MAX = 3


def read_name(text: str) -> str | None:
    """The child's name inside what was typed, or None when it is not just a name.

    "her name is Zoya" -> "Zoya"; "it's zoya!" -> "Zoya"; "Mary Ann" stays two words;
    "How old is her name is Zoya?" and "I don't know" -> None."""
    name = " ".join(clean_text(unicodedata.normalize("NFC", text)).split())
    name = re.sub("[’‘`´]", "'", name)
    for _ in range(3):  # "ok, her name is", "sure! it's" stack
        shorter = _LEAD_IN.sub("", name, count=1)
        if shorter == name:
            break
        name = shorter
    name = _TRAILING.sub("", name)
    name = name.strip(" \"'“”‘’*_~()[]{}<>.,;:!-–—")
    # Emoji and symbols at the ends ("Zoya 😊", "🌸Zoya🌸") are decoration, not the name.
    while name and unicodedata.category(name[-1])[0] in "SPZ":
        name = name[:-1]
    while name and unicodedata.category(name[0])[0] in "SPZ":
        name = name[1:]
    words = name.split()
    if not words or len(words) > NAME_WORDS_MAX or "?" in text.strip()[:-1]:
        return None
    if text.strip().endswith("?") and len(text.split()) > 1:
        return None  # a question back, not an answer
    if any(ch.isdigit() for ch in name) or "@" in name or "/" in name:
        return None
    if any(_bare(w) in _SENTENCE_WORDS for w in words):
        return None
    if name.islower() or (name.isupper() and len(name) > 1):
        name = " ".join(_capitalised(w) for w in words)
    return name


def _bare(word: str) -> str:
    """A word as the sentence-word list spells it: lower case, no apostrophes or edges."""
    return re.sub(r"['’]", "", word.casefold()).strip('.,!?;:"()')


def _capitalised(word: str) -> str:
    """ "zoya" -> "Zoya", "o'brien" -> "O'Brien", "anne-marie" -> "Anne-Marie"."""
    return re.sub(r"(^|['\-’])(\w)", lambda m: m.group(1) + m.group(2).upper(), word.lower())


# --- ages ------------------------------------------------------------------------------------

AGE_MIN, AGE_MAX = 1, 12


def read_age(text: str) -> int | None:
    """ "5", "five", "she's 5", "5 years old", "5 and a half", "18 months" -> whole years
    from 1 to 12; None when there is no age, or two different ones."""
    words = words_of(text.replace(".5", " and a half").replace(",5", " and a half"))
    months = bool({"month", "months", "mo", "mos", "mths"} & set(words))
    values: list[int] = []
    for word in words:
        match = re.fullmatch(r"(\d{1,3})(?:y|yo|yr|yrs|years?|m|mo|mos|months?|th)?", word)
        if match:
            values.append(int(match.group(1)))
        elif word in NUMBER_WORDS:
            values.append(NUMBER_WORDS[word])
        elif word.isdigit():
            return None  # a long number: a phone number, a PIN, not an age
    if len(set(values)) != 1:
        return None
    value = values[0] // 12 if months else values[0]
    return value if AGE_MIN <= value <= AGE_MAX else None


# --- choices among what was offered ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Option:
    """One thing the parent may choose at a step, and the ways they may type it.

    `number`: what the parent may send for it ("2", "the second one"); `means`: "yes" or "no"
    when a typed yes/no picks it; `words`: other phrases that name it ("buy", "pay")."""

    action: str
    title: str
    number: int | None = None
    means: str | None = None
    words: tuple[str, ...] = ()


# Words that say how, not what: "I'd like the second one please", "let's go with Jungle Friends".
_CHOICE_FILLER = {
    "the", "a", "an", "one", "ones", "please", "pls", "plz", "i", "id", "ill", "im", "want",
    "wanna", "would", "like", "love", "choose", "chose", "pick", "picked", "take", "select",
    "lets", "let", "us", "go", "with", "for", "this", "that", "we", "me", "my", "it", "option",
    "number", "no", "num", "well", "ll", "were", "going", "nr", "is", "be", "should", "will",
    "do", "can", "have", "ok", "okay", "yes", "sure", "thanks", "thank", "you", "how", "about",
    "maybe",
    "think", "prefer", "she", "he", "they", "her", "his", "their", "likes",
    "on", "of", "to", "and", "in", "say", "choice", "definitely",
}  # fmt: skip


def _number_said(words: list[str]) -> int | None:
    """The number of a message that says only a number: "2", "#2", "number two",
    "the second one", "2nd", "option 3 please", "one"."""
    content = _content(words)
    if not content and "one" in words:
        return 1
    if len(content) != 1:
        return None
    word = content[0]
    if word.isdigit() and len(word) <= 2:
        return int(word)
    return ORDINALS.get(word) or NUMBER_WORDS.get(word)


def said_inside(haystack: list[str], needle: list[str]) -> bool:
    """The words of `needle` appear together, in order, among `haystack`."""
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w not in _CHOICE_FILLER]


def _only(found: list[Option]) -> str | None:
    actions = {o.action for o in found}
    return actions.pop() if len(actions) == 1 else None


def pick(text: str, options: Sequence[Option]) -> str | None:
    """The action of the option a typed answer names, or None when it names none or several.

    In order: a number or ordinal ("2", "the second one", "last"); the whole title or one of
    the option's phrases inside the message ("jungle friends please", "I want to buy this
    one"); every word of the message inside one title ("jungle"); a close spelling
    ("jungel friends"); a yes or no where an option means one."""
    words = words_of(text)
    if not words:
        return _by_yes_no(text, options)
    numbered = [o for o in options if o.number is not None]
    said = _number_said(words)
    if said is None and _content(words) == ["last"] and numbered:
        said = max(o.number for o in numbered if o.number is not None)
    if said is not None and numbered:
        return _only([o for o in numbered if o.number == said])
    negated = bool(_NOT & set(words))
    # The whole title, or a phrase of the option, said inside the message.
    whole = [o for o in options if words == words_of(o.title)]
    if whole:
        return _only(whole)
    inside: list[tuple[int, Option]] = []
    for option in options:
        for phrase in (option.title, *option.words):
            needle = words_of(phrase)
            if negated and not _NOT & set(needle):
                continue  # "don't buy": a phrase said the other way round
            if said_inside(words, needle):
                inside.append((len(needle), option))
    if inside:
        longest = max(size for size, _ in inside)
        return _only([o for size, o in inside if size == longest])
    if any(o.means for o in options) and read_yes_no(text) is not None:
        return _by_yes_no(text, options)  # "yes thats fine" names no title
    # Part of one title: every word said is in it ("jungle", "the moon one").
    content = _content(words)
    if content and not negated:
        partial = [
            o
            for o in options
            if all(_word_in(w, words_of(o.title) + _phrase_words(o)) for w in content)
        ]
        if partial:
            return _only(partial)
        close = _close(" ".join(content), options)
        if close is not None:
            return close
    return _by_yes_no(text, options)


def _phrase_words(option: Option) -> list[str]:
    return [w for phrase in option.words for w in words_of(phrase)]


def _word_in(word: str, title_words: list[str]) -> bool:
    """A word said is in a title: the same word, or its start when long enough ("dino" in
    "dinosaurs"), or the same word in singular/plural."""
    for t in title_words:
        if word == t or word.rstrip("s") == t.rstrip("s"):
            return True
        if len(word) >= 4 and t.startswith(word):
            return True
        if len(t) >= 4 and word.startswith(t):  # "dinosaur" for "Dino Detectives"
            return True
    return False


def _close(said: str, options: Sequence[Option]) -> str | None:
    """A near spelling of one title, or of as many of its words ("jungel frends")."""
    if len(said) < 4:
        return None
    size = len(said.split())
    scores: dict[str, float] = {}
    for option in options:
        title = words_of(option.title)
        spans = [title[i : i + size] for i in range(max(1, len(title) - size + 1))]
        best = max(difflib.SequenceMatcher(None, said, " ".join(s)).ratio() for s in spans)
        scores[option.action] = max(best, scores.get(option.action, 0.0))
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if ranked and ranked[0][1] >= 0.8 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1] - 0.1):
        return ranked[0][0]
    return None


def _by_yes_no(text: str, options: Sequence[Option]) -> str | None:
    meaning = read_yes_no(text)
    if meaning is None:
        return None
    return _only([o for o in options if o.means == meaning])


# --- saying what to do -------------------------------------------------------------------


def listed(titles: Sequence[str], joiner: str = "or") -> str:
    """*A*, *B* or *C*."""
    marked = [f"*{t}*" for t in titles]
    if len(marked) <= 1:
        return "".join(marked)
    return f"{', '.join(marked[:-1])} {joiner} {marked[-1]}"


def how_to_answer(options: Sequence[Option], list_button: str | None = None) -> str:
    """What to send at a step, from the options it offers: "Tap *See the stories* to choose,
    or send a number from 1 to 5." / "Tap *I agree* or *Not now*, or type *yes* or *no*."."""
    numbers = sorted(o.number for o in options if o.number is not None)
    if list_button:
        text = f"Tap *{list_button}* and pick one"
        if numbers:
            text += f", or send a number from {numbers[0]} to {numbers[-1]}"
        return text + "."
    text = "Tap " + listed([o.title for o in options])
    if {o.means for o in options} >= {"yes", "no"}:
        text += ", or type *yes* or *no*"
    elif numbers:
        text += f", or send a number from {numbers[0]} to {numbers[-1]}"
    return text + "."

"""Fonts shipped with the renderer, registered with reportlab and opened with Pillow.

All fonts are TrueType under the SIL Open Font License or Apache 2.0 (see the license files beside
them) and are embedded (subset) in every PDF. Text is split into runs, each set in the first font
of its role's fallback chain that has the characters: Latin in Quicksand/Andika, Devanagari and
Tamil in Lohit, Arabic in Amiri, Chinese/Japanese/Korean in Droid Sans Fallback (so any name a
parent types is printed).
Characters no font covers (emoji, ...) are dropped and logged at debug level.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

FONT_DIR = Path(__file__).parent

# reportlab font name -> file in FONT_DIR
FONT_FILES: dict[str, str] = {
    "SB-Title": "Quicksand-Bold.ttf",
    "SB-Display": "Quicksand-Regular.ttf",
    "SB-Body": "Andika-Regular.ttf",
    "SB-BodyBold": "Andika-Bold.ttf",
    "SB-Deva": "Lohit-Devanagari.ttf",
    "SB-Taml": "Lohit-Tamil.ttf",
    "SB-Arab": "Amiri-Regular.ttf",
    "SB-CJK": "DroidSansFallback.ttf",
}
DEVA = "SB-Deva"
SCRIPTS = (DEVA, "SB-Taml", "SB-Arab", "SB-CJK")  # every role falls back to these, in order
SHAPED = frozenset({DEVA, "SB-Taml", "SB-Arab"})  # scripts whose letters join or reorder
# Used as the Canvas initialFontName so no standard-14 font is ever declared.
DEFAULT_FONT = "SB-Body"


class Role(Enum):
    """What a piece of text is; each role has a font fallback chain."""

    TITLE = "title"
    DISPLAY = "display"
    BODY = "body"
    BODY_BOLD = "body_bold"

    @property
    def chain(self) -> tuple[str, ...]:
        return _CHAINS[self]

    @property
    def primary(self) -> str:
        return _CHAINS[self][0]


_CHAINS: dict[Role, tuple[str, ...]] = {
    Role.TITLE: ("SB-Title", "SB-BodyBold", *SCRIPTS),
    Role.DISPLAY: ("SB-Display", "SB-Body", *SCRIPTS),
    Role.BODY: ("SB-Body", *SCRIPTS),
    Role.BODY_BOLD: ("SB-BodyBold", *SCRIPTS),
}


try:  # shaping (Devanagari conjuncts, matra reordering) needs reportlab[shaping]
    import uharfbuzz  # noqa: F401

    SHAPING_AVAILABLE = True
except ImportError:  # pragma: no cover - depends on the environment
    SHAPING_AVAILABLE = False

_register_lock = threading.Lock()
_registered = False
_warned_no_shaping = False


def register_fonts() -> None:
    """Register the shipped fonts with reportlab (idempotent, thread-safe)."""
    global _registered
    if _registered:
        return
    with _register_lock:
        if _registered:
            return
        known = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in FONT_FILES.items():
            if name not in known:
                pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
        _registered = True


@functools.cache
def _coverage(name: str) -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(name)
    return frozenset(font.face.charToGlyph)


@dataclass(frozen=True, slots=True)
class Run:
    font: str
    text: str


_SPACES = re.compile(r"[ \t\u00a0]{2,}")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")


def split_runs(text: str, role: Role) -> list[Run]:
    """Split `text` into runs of one font each, dropping characters no font of the role covers."""
    chain = role.chain
    runs: list[Run] = []
    font: str | None = None
    buf: list[str] = []
    dropped: list[str] = []
    for ch in _normalise(text):
        cp = ord(ch)
        if ch == "\n":
            buf.append(ch)
            continue
        if unicodedata.category(ch) == "Cf" and font not in SHAPED:
            # joiners / variation selectors only matter inside shaped scripts
            dropped.append(ch)
            continue
        chosen = next((f for f in chain if cp in _coverage(f)), None)
        if font is not None and cp in _coverage(font) and (chosen == font or not _letter(ch)):
            buf.append(ch)  # spaces, digits and punctuation stay with the run they are in
            continue
        if chosen is None:
            dropped.append(ch)
            continue
        if buf and font is not None:
            runs.append(Run(font, "".join(buf)))
        elif buf:  # leading newlines before any font was chosen
            runs.append(Run(chosen, "".join(buf)))
        font, buf = chosen, [ch]
    if buf:
        runs.append(Run(font or role.primary, "".join(buf)))
    if dropped:
        log.debug("dropped %d character(s) no font covers: %r", len(dropped), "".join(dropped))
    return _tidy(runs)


def _letter(ch: str) -> bool:
    """A letter or a mark: set in the first font of the chain that has it (Latin after an
    Arabic name goes back to the role's own font, not on in Amiri's Latin)."""
    return unicodedata.category(ch)[0] in "LM"


def _tidy(runs: list[Run]) -> list[Run]:
    """Collapse the double spaces that dropping characters leaves, trim the ends."""
    out: list[Run] = []
    for run in runs:
        t = _SPACES.sub(" ", run.text)
        if out and out[-1].text.endswith(" ") and t.startswith(" "):
            t = t[1:]
        if t:
            out.append(Run(run.font, t))
    if out:
        out[0] = Run(out[0].font, out[0].text.lstrip(" \n"))
        out[-1] = Run(out[-1].font, out[-1].text.rstrip(" \n"))
    return [r for r in out if r.text]


def clean_text(text: str, role: Role = Role.BODY) -> str:
    """The text as it will be printed: uncovered characters removed, spaces tidied."""
    return "".join(r.text for r in split_runs(text, role))


def needs_shaping(runs: list[Run]) -> bool:
    return any(r.font in SHAPED for r in runs)


def shaping_for(runs: list[Run]) -> bool:
    """Whether to switch reportlab shaping on for these runs (only when uharfbuzz imports)."""
    global _warned_no_shaping
    if not needs_shaping(runs):
        return False
    if SHAPING_AVAILABLE:
        return True
    if not _warned_no_shaping:
        _warned_no_shaping = True
        log.warning(
            "uharfbuzz is not installed: Indic and Arabic text is set unshaped "
            "(install reportlab[shaping])"
        )
    return False


# A space between two right-to-left letters, in a stretch of at most RTL_JOIN_WORDS words.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
_RTL_PHRASE = re.compile(f"[{_RTL}]+(?: [{_RTL}]+)+")
RTL_JOIN_WORDS = 4


def _rtl_phrases(text: str) -> str:
    """reportlab sets the words of a line left to right, each shaped alone: a two-word Arabic
    name would read backwards. Its words joined with no-break spaces are shaped as one
    right-to-left run (in the right order, and never broken over two lines). Longer Arabic
    passages keep their spaces, so they can still wrap."""

    def join(m: re.Match[str]) -> str:
        words = m.group(0).split(" ")
        return "\u00a0".join(words) if len(words) <= RTL_JOIN_WORDS else m.group(0)

    return _RTL_PHRASE.sub(join, text)


def paragraph_markup(runs: list[Run], role: Role) -> str:
    """reportlab Paragraph markup: one <font face> per run that is not the role's primary font."""
    parts: list[str] = []
    for run in runs:
        text = _rtl_phrases(run.text) if run.font in SHAPED else run.text
        body = escape(text).replace("\n", "<br/>")
        if run.font == role.primary:
            parts.append(body)
        else:
            parts.append(f'<font face="{run.font}">{body}</font>')
    return "".join(parts)


_pil_local = threading.local()


def pil_font(name: str, size_px: float) -> ImageFont.FreeTypeFont:
    """The same TTF opened with Pillow (raqm layout when available, for Devanagari shaping).

    Cached per thread: a FreeType face must not be used by two threads at once."""
    cache: dict[tuple[str, float], ImageFont.FreeTypeFont] | None = getattr(
        _pil_local, "fonts", None
    )
    if cache is None:
        cache = _pil_local.fonts = {}
    key = (name, round(size_px, 2))
    font = cache.get(key)
    if font is None:
        if len(cache) > 256:
            cache.clear()
        engine = ImageFont.Layout.RAQM if _raqm() else ImageFont.Layout.BASIC
        font = ImageFont.truetype(str(FONT_DIR / FONT_FILES[name]), key[1], layout_engine=engine)
        cache[key] = font
    return font


@functools.cache
def _raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))

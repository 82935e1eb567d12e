"""Lines that set a calmer or a funnier tone, for a regeneration that asks for one."""

from __future__ import annotations

CALM = {
    3: "Everything around them was soft and quiet, and {name} felt safe and snug.",
    6: "{name} took a slow, deep breath, and everything felt gentle again.",
    9: "The air grew still and peaceful, as quiet as a lullaby.",
    11: "The evening was calm and golden, and the whole world seemed to whisper.",
}
FUNNY = {
    2: "{Guide} sneezed so hard that {name} nearly fell over laughing.",
    5: "A beetle in a tiny hat tipped it politely and marched off, and {name} giggled.",
    7: "Somebody's tummy rumbled like a drum, and nobody would say whose it was.",
    10: "{Guide} tried to do a cartwheel and landed in a heap, and everyone laughed and laughed.",
}

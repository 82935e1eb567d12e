"""Mood lines made of two halves: what the world is doing and what the hero does, joined into
one sentence ("A cool breeze ruffled the leaves, and Zoya held on a little tighter").

They stand in for a story's details that an earlier book of the same child already told, so
a tenth book is as full as the first without repeating a sentence of it.
"""

from __future__ import annotations

import random

WORLD: dict[str, tuple[str, ...]] = {
    "calm": (
        "A soft breeze rustled through the leaves",
        "Somewhere nearby a bird was practising its song",
        "The light was warm and golden",
        "Everything was quiet except for the hum of the bees",
        "A little cloud drifted by as if it had nowhere to be",
        "The air smelled of flowers and fresh grass",
        "A butterfly zigzagged past on important business",
        "The day felt as cosy as a favourite jumper",
    ),
    "excited": (
        "Colours flashed and sparkled everywhere",
        "The ground seemed to hum with something about to happen",
        "A cheer rose up from somewhere far ahead",
        "Every path seemed to lead somewhere wonderful",
        "The wind whooshed past as if it was in a hurry too",
        "Bright flags fluttered in the breeze",
        "Something glittered just around the next corner",
        "{guide} was bouncing with excitement",
    ),
    "curious": (
        "Strange little tracks led off into the distance",
        "A faint tinkling sound came from somewhere nearby",
        "Shadows made odd shapes on the ground",
        "Something small and shiny winked from under a leaf",
        "The path split into three, each one more mysterious than the last",
        "A door that had not been there before stood slightly open",
        "{guide} sniffed the air thoughtfully",
        "A trail of crumbs wound away between the stones",
    ),
    "worried": (
        "A cold wind tugged at their sleeves",
        "Grey clouds gathered overhead",
        "The path grew narrow and wobbly",
        "Everything went very still and very quiet",
        "A rumble echoed from somewhere far away",
        "The shadows stretched long and thin",
        "{guide} gave a small, nervous squeak",
        "The light began to fade a little too quickly",
    ),
    "hopeful": (
        "A thin ray of sunshine broke through the clouds",
        "The breeze turned warm again",
        "A bird began to sing as if to say try again",
        "The path ahead looked a little less steep",
        "{guide} sat up, ears pricked, waiting",
        "A tiny flower had pushed its way up between the rocks",
        "The sky brightened at its edges",
        "Somewhere a bell rang, clear and bright",
    ),
    "triumphant": (
        "Confetti swirled through the air like happy snow",
        "Music burst out from every corner",
        "The whole place seemed to glow",
        "Cheers bounced off the hills and came back twice as loud",
        "{guide} turned three somersaults in a row",
        "Balloons bobbed up into the bright sky",
        "Everyone was clapping and stamping their feet",
        "The sun came out as if it wanted to join in",
    ),
    "sleepy": (
        "The moon peeped in at the window",
        "Outside, an owl hooted a soft goodnight",
        "The house gave a sleepy creak",
        "The stars came out one by one",
        "A warm glow came from the landing light",
        "The curtains swayed gently in the night breeze",
        "Somewhere a clock ticked slowly",
        "The garden lay silver and still under the moon",
    ),
}
HERO: dict[str, tuple[str, ...]] = {
    "calm": (
        "{name} hummed a happy little tune",
        "{name} stretched {their} arms up high and smiled",
        "{name} felt as light as a dandelion seed",
        "{name} thought it was just about perfect",
        "{name} listened and let the quiet settle",
        "{name} wiggled {their} toes in delight",
        "{name} took a long, slow, happy breath",
        "{name} could have stayed there all day",
    ),
    "excited": (
        "{name} could not stop grinning",
        "{name} gave a little skip of joy",
        "{name} clapped {their} hands together",
        "{name} wanted to see absolutely everything at once",
        "{name} laughed so hard that {they} had to hold {their} tummy",
        "{name} felt {their} heart go pitter-patter",
        "{name} ran ahead to look",
        "{name} let out a whoop that echoed all around",
    ),
    "curious": (
        "{name} crouched down for a closer look",
        "{name} tilted {their} head and listened",
        "{name} followed the clue one careful step at a time",
        "{name} made a mental note of everything",
        "{name} wondered what it could possibly mean",
        "{name} peered around the corner",
        "{name} tapped {their} chin, thinking hard",
        "{name} decided it was worth investigating",
    ),
    "worried": (
        "{name} held on a little tighter",
        "{name} moved closer to {guide}",
        "{name} whispered that it would be all right",
        "{name} squeezed {their} hands into brave little fists",
        "{name} counted slowly to five",
        "{name} felt {their} tummy do a flip",
        "{name} looked around for a way through",
        "{name} kept going, one small step at a time",
    ),
    "hopeful": (
        "{name} felt a plan begin to grow",
        "{name} stood up a little straighter",
        "{name} smiled for the first time in ages",
        "{name} rolled up {their} sleeves",
        "{name} felt the worry loosen its grip",
        "{name} nodded to {guide}, ready to try",
        "{name} felt brave all the way down to {their} socks",
        "{name} knew exactly what to do next",
    ),
    "triumphant": (
        "{name} threw {their} arms up in the air",
        "{name} did a victory dance on the spot",
        "{name} felt ten feet tall",
        "{name} laughed and laughed",
        "{name} beamed from ear to ear",
        "{name} hugged {guide} tight",
        "{name} spun round and round until {they_were} dizzy",
        "{name} felt as proud as could be",
    ),
    "sleepy": (
        "{name} snuggled deeper under the covers",
        "{name} gave an enormous yawn",
        "{name_s} eyes grew heavier and heavier",
        "{name} smiled a sleepy smile",
        "{name} whispered goodnight to the stars",
        "{name} curled up as cosy as a kitten",
        "{name} listened to the quiet and drifted off",
        "{name} held {their} teddy close",
    ),
}


def mood_lines(mood: str, rng: random.Random) -> list[str]:
    """Every pairing of the mood's halves, both ways round (128 per mood), to be taken from
    the end: the first eight taken use each half once, so a page never says a half twice."""
    world = list(WORLD.get(mood, WORLD["calm"]))
    hero = list(HERO.get(mood, HERO["calm"]))
    rng.shuffle(world)
    rng.shuffle(hero)
    pairs = [(w, hero[(i + k) % len(hero)]) for k in range(len(hero)) for i, w in enumerate(world)]
    lines = [f"{w}, and {h}." for w, h in pairs]
    lines += [f"{h}, while {w[:1].lower() + w[1:]}." for w, h in pairs]
    return lines[::-1]

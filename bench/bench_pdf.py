"""Benchmark the PDF pipeline on a 12-page book with print-resolution illustrations.

    .venv/bin/python bench/bench_pdf.py [--runs 5] [--out DIR]

Illustrations (2625 x 2625 px JPEG, i.e. 8.75 in at 300 ppi) are generated with Pillow before any
timing: gradients, shapes and fine noise, so they compress like real art rather than like flat
colour. The process is pinned to one core where the OS allows it.
Targets: interior + cover < 0.5 s, preview < 1 s.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.pdf import ReportLabBookRenderer
from domain.story import STORY_PAGES, BookLayout, IllustratedPage, PageText, SceneSpec

SIDE = 2625
TARGET_FINAL_S = 0.5
TARGET_PREVIEW_S = 1.0

STORY = [
    "Mira looked up at the night sky and saw a star blink twice, as if it were saying hello.",
    "She packed her torch, a jam sandwich and her brave red boots, and tiptoed into the garden.",
    "A little fox with a silver tail was waiting by the gate. "
    "\u201cAre you coming?\u201d it asked.",
    "Together they followed a path of glowing pebbles all the way to the edge of the woods.",
    "The trees whispered secrets, and the owls hooted a song only Mira could understand.",
    "At the river, a boat made of leaves carried them across the moonlit water.",
    "On the other side stood a hill so tall that its top was tickled by the clouds.",
    "Mira climbed and climbed, and when her legs felt wobbly the fox told her a joke.",
    "At the very top, the blinking star floated down and landed softly in her hands. "
    "It was warm, like a cup of cocoa on a winter morning, and it hummed a quiet tune.",
    "\u201cI was lonely up there,\u201d said the star. \u201cWill you be my friend?\u201d",
    "Mira promised to wave every night, and the star promised to blink back.",
    "Then the fox walked her home, and Mira fell asleep smiling under her warm blanket.",
]


def illustration(seed: int, side: int = SIDE, quality: int = 92) -> bytes:
    rng = random.Random(seed)
    base = Image.linear_gradient("L").resize((side, side))
    r = base.rotate(rng.randint(0, 359)).point(lambda v: 40 + v * 3 // 4)
    g = base.rotate(rng.randint(0, 359)).point(lambda v: 60 + v // 2)
    b = Image.radial_gradient("L").resize((side, side)).point(lambda v: 255 - v * 2 // 3)
    im = Image.merge("RGB", (r, g, b))
    draw = ImageDraw.Draw(im)
    for _ in range(40):
        x, y = rng.randrange(side), rng.randrange(side)
        s = rng.randint(side // 40, side // 6)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + s, y + s), fill=colour)
        else:
            draw.polygon([(x, y), (x + s, y + s // 3), (x + s // 2, y + s)], fill=colour)
    im = im.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise((side, side), 24).convert("RGB")
    im = Image.blend(im, noise, 0.14)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=quality)
    return out.getvalue()


def make_book(
    name: str = "Mira", dedication: str | None = "For Mira, who is brave and kind."
) -> BookLayout:
    pages = tuple(
        IllustratedPage(
            page=PageText(
                number=i + 1,
                text=STORY[i % len(STORY)],
                illustration_prompt="",
                scene=SceneSpec(setting="night"),
            ),
            image_jpeg=illustration(100 + i),
        )
        for i in range(STORY_PAGES)
    )
    return BookLayout(
        title="Mira and the Blinking Star",
        child_name=name,
        author="",
        dedication=dedication,
        cover_image_jpeg=illustration(7),
        pages=pages,
        ending="And every night since, when Mira waves, a little star blinks back.",
    )


def timed(fn, runs: int) -> tuple[float, bytes]:  # type: ignore[no-untyped-def]
    times, out = [], b""
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=None, help="write the PDFs here")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    t0 = time.perf_counter()
    book = make_book()
    prep = time.perf_counter() - t0
    art = sum(len(p.image_jpeg) for p in book.pages) + len(book.cover_image_jpeg)
    print(f"prepared 13 illustrations {SIDE}px in {prep:.1f}s, {art / 1e6:.1f} MB of JPEG")

    renderer = ReportLabBookRenderer()
    renderer.render_final(book), renderer.render_cover(book), renderer.render_preview(book)  # warm

    def final_and_cover() -> bytes:
        return renderer.render_final(book) + renderer.render_cover(book)

    t_final, _ = timed(lambda: renderer.render_final(book), args.runs)
    t_cover, cover = timed(lambda: renderer.render_cover(book), args.runs)
    t_both, _ = timed(final_and_cover, args.runs)
    t_prev, preview = timed(lambda: renderer.render_preview(book), args.runs)
    final = renderer.render_final(book)

    print(
        f"final interior : {t_final * 1000:7.1f} ms  {len(final) / 1e6:6.2f} MB "
        f"({renderer.page_count(book)} pages)"
    )
    print(f"cover spread   : {t_cover * 1000:7.1f} ms  {len(cover) / 1e6:6.2f} MB")
    print(f"final + cover  : {t_both * 1000:7.1f} ms  (target < {TARGET_FINAL_S * 1000:.0f} ms)")
    print(
        f"preview        : {t_prev * 1000:7.1f} ms  {len(preview) / 1e6:6.2f} MB "
        f"(target < {TARGET_PREVIEW_S * 1000:.0f} ms)"
    )
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "final.pdf").write_bytes(final)
        (args.out / "cover.pdf").write_bytes(cover)
        (args.out / "preview.pdf").write_bytes(preview)
        print(f"wrote {args.out}/final.pdf, cover.pdf, preview.pdf")
    ok = t_both < TARGET_FINAL_S and t_prev < TARGET_PREVIEW_S
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

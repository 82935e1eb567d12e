"""Draw page drafts with Pillow at preview resolution (the trim area only, no bleed)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageStat

from adapters.pdf.fonts import Run, pil_font, split_runs
from adapters.pdf.geometry import BLEED, TRIM, Rect, hex_to_rgb
from adapters.pdf.ops import FillRect, Line, Op, Picture, Polygon, RotatedText, RoundRect, TextBox


@dataclass(frozen=True, slots=True)
class Frame:
    """Maps page points (origin bottom-left, bleed included) to pixels of the trimmed image."""

    px: int  # image side in pixels

    @property
    def scale(self) -> float:
        return self.px / TRIM

    def x(self, x: float) -> float:
        return (x - BLEED) * self.scale

    def y(self, y: float) -> float:
        return (TRIM + BLEED - y) * self.scale

    def box(self, r: Rect) -> tuple[float, float, float, float]:
        return (self.x(r.x), self.y(r.top), self.x(r.right), self.y(r.y))


def _decode(jpeg: bytes, w: int, h: int) -> Image.Image:
    """Decode at the smallest DCT scale that still covers w x h, then resize to exactly w x h."""
    src = Image.open(io.BytesIO(jpeg))
    src.draft("RGB", (w, h))
    im = src.convert("RGB")
    if im.size != (w, h):
        im = im.resize((w, h), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return im


def is_light(jpeg: bytes, zone: tuple[float, float, float, float]) -> bool:
    """Whether a part of a picture (fractions: left, top, right, bottom) is light enough for
    dark words on it."""
    with Image.open(io.BytesIO(jpeg)) as im:
        small = im.convert("L").resize((64, 64))
    left, top, right, bottom = zone
    part = small.crop((round(left * 64), round(top * 64), round(right * 64), round(bottom * 64)))
    return float(ImageStat.Stat(part).mean[0]) >= 150


def _picture(canvas: Image.Image, op: Picture, f: Frame) -> None:
    with Image.open(io.BytesIO(op.jpeg)) as probe:
        iw, ih = probe.size
    r = op.rect
    scale = max(r.w / iw, r.h / ih)
    dw, dh = iw * scale, ih * scale
    x0, y0 = r.x + (r.w - dw) / 2, r.y + (r.h - dh) / 2
    left, top = round(f.x(x0)), round(f.y(y0 + dh))
    w, h = max(1, round(dw * f.scale)), max(1, round(dh * f.scale))
    im = _decode(op.jpeg, w, h)
    clip = op.clip or r
    cx0, cy0, cx1, cy1 = (round(v) for v in f.box(clip))
    cx0, cy0 = max(cx0, left, 0), max(cy0, top, 0)
    cx1, cy1 = min(cx1, left + w, canvas.width), min(cy1, top + h, canvas.height)
    if cx1 <= cx0 or cy1 <= cy0:
        return
    part = im.crop((cx0 - left, cy0 - top, cx1 - left, cy1 - top))
    mask = None
    if op.radius > 0:
        mask = Image.new("L", part.size, 0)
        rad = round(op.radius * f.scale)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, part.width - 1, part.height - 1), rad, 255)
    canvas.paste(part, (cx0, cy0), mask)


def _words(runs: list[Run]) -> list[list[Run] | None]:
    """Runs -> words (each a list of single-font pieces); None marks a hard line break."""
    words: list[list[Run] | None] = []
    cur: list[Run] = []
    for run in runs:
        for i, line in enumerate(run.text.split("\n")):
            if i:
                if cur:
                    words.append(cur)
                    cur = []
                words.append(None)
            for j, piece in enumerate(line.split(" ")):
                if j and cur:
                    words.append(cur)
                    cur = []
                if piece:
                    cur.append(Run(run.font, piece))
    if cur:
        words.append(cur)
    return words


def _layout(runs: list[Run], size: float, width: float) -> list[list[list[Run]]]:
    def wlen(word: list[Run]) -> float:
        return sum(pil_font(r.font, size).getlength(r.text) for r in word)

    lines: list[list[list[Run]]] = [[]]
    used = 0.0
    for word in _words(runs):
        if word is None:
            lines.append([])
            used = 0.0
            continue
        wl = wlen(word)
        space = pil_font(word[0].font, size).getlength(" ") if lines[-1] else 0.0
        if lines[-1] and used + space + wl > width * 1.01:  # metrics differ by a hair
            lines.append([word])
            used = wl
        else:
            lines[-1].append(word)
            used += space + wl
    return lines


def _textbox(canvas: Image.Image, op: TextBox, f: Frame) -> None:
    runs = split_runs(op.text, op.role)
    x0, y0, x1, y1 = f.box(op.rect)
    width, height = x1 - x0, y1 - y0
    size, leading = op.size * f.scale, op.leading * f.scale
    lines = _layout(runs, size, width)
    while len(lines) * leading > height + 1 and size > 4:  # Pillow's metrics differ slightly
        size, leading = size * 0.95, leading * 0.95
        lines = _layout(runs, size, width)
    block = len(lines) * leading
    top = {"top": y0, "bottom": y1 - block}.get(op.valign, y0 + (height - block) / 2)
    draw = ImageDraw.Draw(canvas)
    colour = hex_to_rgb(op.colour)
    for i, line in enumerate(lines):
        pieces: list[Run] = []
        for k, word in enumerate(line):
            for run in [Run(word[0].font, " "), *word] if k else word:
                if pieces and pieces[-1].font == run.font:  # one draw call per font on a line
                    pieces[-1] = Run(run.font, pieces[-1].text + run.text)
                else:
                    pieces.append(run)
        widths = [pil_font(r.font, size).getlength(r.text) for r in pieces]
        x = x0 + ((width - sum(widths)) / 2 if op.align == "center" else 0.0)
        baseline = top + size + i * leading  # reportlab: first baseline one font size down
        for run, w in zip(pieces, widths, strict=True):
            font = pil_font(run.font, size)
            draw.text((x, baseline), run.text, font=font, fill=colour, anchor="ls")
            x += w


def draw_ops(canvas: Image.Image, ops: Sequence[Op], f: Frame) -> None:
    draw = ImageDraw.Draw(canvas)
    for op in ops:
        if isinstance(op, Picture):
            _picture(canvas, op, f)
        elif isinstance(op, FillRect):
            draw.rectangle(f.box(op.rect), fill=hex_to_rgb(op.colour))
        elif isinstance(op, RoundRect):
            draw.rounded_rectangle(
                f.box(op.rect),
                radius=op.radius * f.scale,
                fill=hex_to_rgb(op.fill) if op.fill else None,
                outline=hex_to_rgb(op.stroke) if op.stroke else None,
                width=max(1, round(op.stroke_width * f.scale)) if op.stroke else 0,
            )
        elif isinstance(op, TextBox):
            _textbox(canvas, op, f)
        elif isinstance(op, Polygon):
            draw.polygon([(f.x(x), f.y(y)) for x, y in op.points], fill=hex_to_rgb(op.colour))
        elif isinstance(op, Line):
            draw.line(
                (f.x(op.x1), f.y(op.y1), f.x(op.x2), f.y(op.y2)),
                fill=hex_to_rgb(op.colour),
                width=max(1, round(op.width * f.scale)),
            )
        elif isinstance(op, RotatedText):
            pass  # only on the cover spread's spine, which has no preview


def rasterise(ops: Sequence[Op], px: int) -> Image.Image:
    """The page's trim area as a px x px RGB image."""
    canvas = Image.new("RGB", (px, px), (255, 255, 255))
    draw_ops(canvas, ops, Frame(px))
    return canvas

"""The PDF pipeline end to end: print-ready interior, cover spread, watermarked preview.

Illustrations are small JPEGs made here with Pillow; names are invented.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import threading

import pytest
from PIL import Image, ImageChops, ImageDraw
from pypdf import PdfReader
from reportlab import rl_config

from adapters.pdf import ReportLabBookRenderer, spine_width_in, spine_width_pt
from adapters.pdf.cover import cover_spread
from adapters.pdf.fonts import Role
from adapters.pdf.geometry import CREAM, INK, SAFE, SAFE_RECT, Rect, spread_geometry
from adapters.pdf.layout import book_info, interior_pages, story_page
from adapters.pdf.ops import Picture, TextBox
from adapters.pdf.textfit import fit_text
from domain.ports import BookRenderer
from domain.story import STORY_PAGES, TEXT_ZONES, BookLayout, IllustratedPage, PageText, SceneSpec

STANDARD_14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
    "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
}  # fmt: skip
PAGE_PT = 630.0
TRIM_BOX = [9.0, 9.0, 621.0, 621.0]


def jpeg(seed: int, side: int = 360) -> bytes:
    im = Image.linear_gradient("L").resize((side, side)).rotate(seed * 37 % 360)
    rgb = Image.merge("RGB", (im, im.rotate(90), Image.new("L", (side, side), seed * 23 % 256)))
    draw = ImageDraw.Draw(rgb)
    for k in range(6):
        x = (seed * 53 + k * 71) % side
        draw.ellipse((x, x // 2, x + side // 5, x // 2 + side // 5), fill=(255, k * 40, 90))
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=85)
    return out.getvalue()


def make_book(
    name: str = "Tavi",
    *,
    dedication: str | None = "For Tavi, who always asks why.",
    title: str = "Tavi and the Paper Moon",
    author: str = "",
    text: str | None = None,
) -> BookLayout:
    pages = tuple(
        IllustratedPage(
            page=PageText(
                number=i + 1,
                text=text or f"Page {i + 1}: {name} tiptoed past sleeping hedgehog number {i + 1}.",
                illustration_prompt="",
                scene=SceneSpec(setting="night"),
            ),
            image_jpeg=jpeg(i + 1),
        )
        for i in range(STORY_PAGES)
    )
    return BookLayout(
        title=title,
        child_name=name,
        author=author,
        dedication=dedication,
        cover_image_jpeg=jpeg(99, 420),
        pages=pages,
        ending=f"And {name} slept, dreaming of paper moons.",
    )


@pytest.fixture(scope="module")
def renderer() -> ReportLabBookRenderer:
    return ReportLabBookRenderer(company="Little Tales")


@pytest.fixture(scope="module")
def book() -> BookLayout:
    return make_book()


@pytest.fixture(scope="module")
def final(renderer, book) -> bytes:
    return renderer.render_final(book)


@pytest.fixture(scope="module")
def preview(renderer, book) -> bytes:
    return renderer.render_preview(book)


@pytest.fixture(scope="module")
def cover(renderer, book) -> bytes:
    return renderer.render_cover(book)


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_text(pdf: bytes, index: int) -> str:
    return " ".join(reader(pdf).pages[index].extract_text().split())


def xobject_images(page) -> list:
    res = page["/Resources"].get_object()
    xobjs = res.get("/XObject")
    if xobjs is None:
        return []
    xobjs = xobjs.get_object()
    return [xobjs[k].get_object() for k in xobjs if xobjs[k].get_object()["/Subtype"] == "/Image"]


def fonts_of(pdf: bytes) -> list:
    fonts = []
    for page in reader(pdf).pages:
        res = page["/Resources"].get_object()
        for ref in (res.get("/Font") or {}).values():
            fonts.append(ref.get_object())
    return fonts


def test_is_a_book_renderer(renderer) -> None:
    r: BookRenderer = renderer
    assert callable(r.render_final)


class TestFinal:
    def test_every_page_is_630pt_with_trim_and_bleed_boxes(self, final) -> None:
        for page in reader(final).pages:
            assert [float(v) for v in page.mediabox] == [0.0, 0.0, PAGE_PT, PAGE_PT]
            assert "/TrimBox" in page and "/BleedBox" in page  # set, not inherited defaults
            assert [float(v) for v in page.trimbox] == TRIM_BOX
            assert [float(v) for v in page.bleedbox] == [0.0, 0.0, PAGE_PT, PAGE_PT]

    @pytest.mark.parametrize("dedication", ["For Tavi, who always asks why.", None])
    def test_page_order_and_count(self, renderer, dedication) -> None:
        pdf = renderer.render_final(make_book(dedication=dedication))
        n = len(reader(pdf).pages)
        assert n % 4 == 0 and n >= 3 + STORY_PAGES
        assert "Tavi and the Paper Moon" in page_text(pdf, 0)
        assert "starring Tavi" in page_text(pdf, 0)
        assert "A story starring Tavi" in page_text(pdf, 1)
        first_story = 3 if dedication else 2
        if dedication:
            assert "who always asks why" in page_text(pdf, 2)
        assert "hedgehog number 1" in page_text(pdf, first_story)
        assert "hedgehog number 12" in page_text(pdf, first_story + STORY_PAGES - 1)
        assert "The End" in page_text(pdf, first_story + STORY_PAGES)
        if n > first_story + STORY_PAGES + 1:
            assert "This book was made for Tavi" in page_text(pdf, first_story + STORY_PAGES + 1)

    def test_text_starts_inside_the_safe_margin(self, final) -> None:
        for page in reader(final).pages:
            origins: list[tuple[float, float, float]] = []

            def visit(text, cm, tm, font, size, origins=origins) -> None:
                if text.strip():
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    origins.append((x, y, size * tm[3] * cm[3]))

            page.extract_text(visitor_text=visit)
            for x, y, size in origins:
                assert 45 <= x <= 585 and y >= 45 and y + size <= 585 + 0.5

    def test_min_pages_pads_to_a_multiple_of_four(self, book) -> None:
        r = ReportLabBookRenderer(min_pages=22)
        pdf = r.render_final(book)
        assert len(reader(pdf).pages) == 24 == r.page_count(book)

    def test_fonts_are_embedded_truetype_and_never_standard_14(self, final, cover) -> None:
        for pdf in (final, cover):
            fonts = fonts_of(pdf)
            assert fonts
            for font in fonts:
                base = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
                assert base not in STANDARD_14
                if font["/Subtype"] == "/Type0":
                    font = font["/DescendantFonts"][0].get_object()
                assert "/FontFile2" in font["/FontDescriptor"].get_object()

    def test_metadata(self, final, renderer) -> None:
        meta = reader(final).metadata
        assert meta.title == "Tavi and the Paper Moon"
        assert meta.author == "Little Tales for Tavi"
        assert "Tavi" in meta.subject
        assert meta.creator
        given = renderer.render_final(make_book(author="Grandma Ines"))
        assert reader(given).metadata.author == "Grandma Ines"

    def test_story_images_pass_through_as_dct(self, final, book) -> None:
        pdf = reader(final)
        story = pdf.pages[3]  # cover, title, dedication, first story page
        (image,) = xobject_images(story)
        assert image["/Filter"] in ("/DCTDecode", ["/DCTDecode"])
        assert (image["/Width"], image["/Height"]) == (360, 360)
        assert image.get_data() == book.pages[0].image_jpeg  # byte for byte: not re-encoded

    def test_reproducible_and_leaves_rl_config_alone(self, renderer, book, final) -> None:
        before = rl_config.useA85
        assert renderer.render_final(book) == final
        assert rl_config.useA85 == before

    def test_png_illustration_is_converted_not_rejected(self, renderer) -> None:
        b = make_book()
        png = io.BytesIO()
        Image.new("RGB", (200, 200), (10, 200, 30)).save(png, "PNG")
        pages = (dataclasses.replace(b.pages[0], image_jpeg=png.getvalue()), *b.pages[1:])
        pdf = renderer.render_final(dataclasses.replace(b, pages=pages))
        (image,) = xobject_images(reader(pdf).pages[3])
        assert image["/Filter"] in ("/DCTDecode", ["/DCTDecode"])


class TestPreview:
    def test_same_pages_as_final_each_one_small_jpeg(self, preview, final) -> None:
        pdf = reader(preview)
        assert len(pdf.pages) == len(reader(final).pages)
        for page in pdf.pages:
            images = xobject_images(page)
            assert len(images) == 1
            assert images[0]["/Filter"] in ("/DCTDecode", ["/DCTDecode"])
            assert images[0]["/Width"] <= 800 and images[0]["/Height"] <= 800
        assert len(preview) < 3_000_000

    def test_no_copyable_text_and_no_fonts(self, preview) -> None:
        text = " ".join(p.extract_text() for p in reader(preview).pages)
        assert "hedgehog" not in text and "Tavi" not in text
        assert fonts_of(preview) == []

    def test_watermark_is_in_the_pixels(self, renderer, book, preview) -> None:
        clean = renderer.render_preview(book, watermark=False)

        def first_image(pdf: bytes) -> Image.Image:
            (img,) = xobject_images(reader(pdf).pages[3])
            return Image.open(io.BytesIO(img.get_data())).convert("L")

        diff = ImageChops.difference(first_image(preview), first_image(clean))
        changed = sum(diff.histogram()[41:])
        assert changed > 0.03 * diff.width * diff.height


class TestCover:
    def test_spread_size_and_boxes(self, cover, renderer, book) -> None:
        (page,) = reader(cover).pages
        spine = spine_width_pt(renderer.page_count(book))
        width = 2 * 8.5 * 72 + spine + 2 * 0.125 * 72
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(630.0)
        assert "/TrimBox" in page and "/BleedBox" in page
        assert [float(v) for v in page.trimbox] == pytest.approx([9, 9, width - 9, 621])
        text = page_text(cover, 0)
        assert "Tavi and the Paper Moon" in text and "starring Tavi" in text

    def test_spine_grows_with_page_count(self, book) -> None:
        assert spine_width_in(16) == pytest.approx(0.0625)  # minimum
        assert spine_width_in(200) == pytest.approx(200 * 0.002252)
        widths = []
        for min_pages in (0, 120, 200):
            pdf = ReportLabBookRenderer(min_pages=min_pages).render_cover(book)
            widths.append(float(reader(pdf).pages[0].mediabox.width))
        assert widths[0] < widths[1] < widths[2]
        thick = ReportLabBookRenderer(min_pages=120).render_cover(book)
        assert "Tavi and the Paper Moon" in page_text(thick, 0).split("Tavi is the hero")[-1]


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_check_passes(final, cover, preview, tmp_path) -> None:
    for name, pdf in (("final", final), ("cover", cover), ("preview", preview)):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{name}: {result.stdout}{result.stderr}"


@pytest.mark.parametrize(
    "name",
    ["आरव", "Zoë 🦄‍🔥", "🦄", "Ana-Lucía 👩🏽‍🚀 O’Neil"],
    ids=["devanagari", "emoji", "only-emoji", "mixed"],
)
def test_any_name_renders(renderer, name) -> None:
    b = make_book(name, title=f"{name} और चाँद" if name == "आरव" else f"{name} and the Moon")
    final = renderer.render_final(b)
    assert renderer.render_cover(b)
    assert len(reader(renderer.render_preview(b)).pages) == len(reader(final).pages)
    text = page_text(final, 0)
    assert "🦄" not in text and "\u200d" not in text
    if name == "आरव":
        bases = {str(f["/BaseFont"]).split("+")[-1] for f in fonts_of(final)}
        assert "Lohit-Devanagari" in bases


def test_long_text_shrinks_instead_of_overflowing(renderer) -> None:
    short = fit_text("A fox.", Role.BODY, 400, 120, max_size=21, min_size=11)
    long_text = " ".join(["The little fox ran all the way round the big old oak tree."] * 8)
    long = fit_text(long_text, Role.BODY, 400, 120, max_size=21, min_size=11)
    assert short.size == 21
    assert long.size < short.size and long.height <= 120
    huge = fit_text(long_text * 5, Role.BODY, 400, 120, max_size=21, min_size=11)
    assert huge.height <= 120 and huge.text.endswith("\u2026")
    assert renderer.render_final(make_book(text=long_text))


def inside(inner: Rect, outer: Rect) -> bool:
    eps = 0.01
    return (
        inner.x >= outer.x - eps
        and inner.y >= outer.y - eps
        and inner.right <= outer.right + eps
        and inner.top <= outer.top + eps
    )


@pytest.mark.parametrize("name", ["Tavi", "Maximiliana-Esperanza Wolfeschlegel"])
def test_every_text_box_is_inside_the_safe_area(name) -> None:
    long = "Tiny words. " * 80
    b = make_book(name, title="A " + "very " * 30 + "long title", text=long)
    for page in interior_pages(b, company="Little Tales", min_pages=20):
        for op in page.ops:
            if isinstance(op, TextBox):
                assert inside(op.rect, SAFE_RECT), (page.kind, op)
    spread = cover_spread(b, book_info(b, company="X"), 200)
    g = spread_geometry(200)
    safe_areas = [g.back.inset(SAFE), g.front.inset(SAFE)]
    for op in spread.ops:
        if isinstance(op, TextBox):
            assert any(inside(op.rect, area) for area in safe_areas), op


def test_concurrent_renders_in_threads(renderer, book, final, preview) -> None:
    results: list[bytes] = []

    def work(kind: str) -> None:
        if kind == "final":
            results.append(renderer.render_final(book))
        else:
            results.append(renderer.render_preview(book))

    threads = [threading.Thread(target=work, args=(k,)) for k in ("final", "preview") * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == sorted([final, preview] * 2)


class TestPrintedBook:
    """A print partner's page minimum met with real pages; the cover spread checked like the
    interior (boxes, fonts, resolution) at the width its page count asks for."""

    @pytest.mark.parametrize(("minimum", "dedication"), [(24, None), (24, "For Tavi."), (32, None)])
    def test_minimum_is_met_with_real_pages(self, minimum, dedication) -> None:
        b = make_book(dedication=dedication)
        pages = interior_pages(b, company="Little Tales", min_pages=minimum)
        kinds = [p.kind for p in pages]
        assert len(pages) == minimum
        assert "blank" not in kinds and all(p.ops for p in pages)
        assert kinds[:3] == ["cover", "endpaper", "title"] and kinds[-1] == "endpaper"
        assert kinds[3] == ("dedication" if dedication else "belongs_to")  # the title spread
        assert kinds.count("story") == STORY_PAGES
        assert {"about_hero", "cast", "made_for", "draw"} <= set(kinds)
        pdf = ReportLabBookRenderer(min_pages=minimum).render_final(b)
        assert len(reader(pdf).pages) == minimum
        text = " ".join(page_text(pdf, i) for i in range(minimum))
        assert "About the hero" in text and "Tavi and friends" in text
        for page in reader(pdf).pages:
            assert page.get_contents() is not None and len(page.get_contents().get_data()) > 50

    def test_cover_spread_passes_the_interior_checks(self) -> None:
        b = dataclasses.replace(make_book(), cover_image_jpeg=jpeg(7, 2625))
        r = ReportLabBookRenderer(min_pages=24)
        cover = r.render_cover(b)
        interior = r.render_final(b)
        (page,) = reader(cover).pages
        width = 2 * 612 + spine_width_pt(len(reader(interior).pages)) + 18
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
        assert [float(v) for v in page.bleedbox] == pytest.approx([0, 0, width, 630])
        assert [float(v) for v in page.trimbox] == pytest.approx([9, 9, width - 9, 621])
        for font in fonts_of(cover):
            assert str(font["/BaseFont"]).lstrip("/").split("+")[-1] not in STANDARD_14
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
        # The front cover's art fills the 8.75 in bleed page: 2625 px is 300 ppi, kept as is.
        widest = max(int(im["/Width"]) for im in xobject_images(page))
        assert widest / (630 / 72) >= 300


def test_cover_at_the_partners_size_keeps_the_trim_and_grows_the_wrap() -> None:
    b = make_book()
    r = ReportLabBookRenderer(min_pages=24)
    spine = spine_width_pt(24)
    size = (2 * 612 + 22.0 + 2 * 54, 612 + 2 * 54)  # a case-wrap: 0.75 in wrap, wider spine
    (page,) = reader(r.render_cover(b, size=size)).pages
    assert [float(page.mediabox.width), float(page.mediabox.height)] == pytest.approx(list(size))
    mx = (size[0] - 2 * 612 - spine) / 2
    assert [float(v) for v in page.trimbox] == pytest.approx([mx, 54, size[0] - mx, 54 + 612])
    assert [float(v) for v in page.bleedbox] == pytest.approx([0, 0, size[0], size[1]])
    text = page_text(r.render_cover(b, size=size), 0)
    assert "Tavi and the Paper Moon" in text and "starring Tavi" in text
    g = spread_geometry(24, size)
    spread = cover_spread(b, book_info(b, company="X"), 24, size=size)
    for op in spread.ops:
        if isinstance(op, TextBox):
            assert any(inside(op.rect, area.inset(SAFE)) for area in (g.back, g.front)), op


def _flat(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 300), colour).save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.mark.parametrize("zone", ["top", "bottom", "left", "right", "full", "vignette"])
def test_every_layout_keeps_its_words_in_its_zone_and_the_safe_area(zone) -> None:
    """The words of a page sit inside its layout's zone (where the illustrator kept faces
    out): a panel on the picture, words on the open sky, or paper under a vignette's window."""
    page = story_page("Zoya ran to the gate. " * (2 if zone == "full" else 6), jpeg(3), zone)
    left, top, right, bottom = TEXT_ZONES[zone]
    area = Rect(left * PAGE_PT, (1 - bottom) * PAGE_PT, (right - left) * PAGE_PT,
                (bottom - top) * PAGE_PT)  # fmt: skip
    boxes = [op for op in page.ops if isinstance(op, TextBox)]
    assert boxes and all(inside(b.rect, SAFE_RECT) for b in boxes)
    assert all(inside(b.rect, area) for b in boxes if zone != "full"), boxes
    pictures = [op for op in page.ops if isinstance(op, Picture)]
    if zone == "vignette":  # the picture shows through a rounded window above the words
        window = pictures[0].clip
        assert window is not None and pictures[0].radius > 0
        assert all(b.rect.top <= window.y for b in boxes)
    else:
        assert pictures[0].clip is None and pictures[0].rect.w == PAGE_PT


def test_words_on_the_sky_are_dark_on_a_light_sky_and_light_on_a_night_one() -> None:
    day = story_page("Up went the kite.", _flat((200, 225, 250)), "full")
    night = story_page("Up went the moon.", _flat((25, 30, 80)), "full")
    assert [op.colour for op in day.ops if isinstance(op, TextBox)] == [INK]
    assert [op.colour for op in night.ops if isinstance(op, TextBox)][-1] == CREAM

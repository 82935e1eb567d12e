"""Generate a book version: text, then illustrations, then the watermarked preview PDF.

Every step is idempotent, so a retried or redelivered job continues where the last one stopped:
the text is kept once written, a page that has its image is not drawn again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from domain.audit import book_status_entry
from domain.book_rules import book_problems
from domain.books import Book, BookStatus, BookVersion, pdf_filename
from domain.errors import GenerationFailed, NotFound, PhotoRefused
from domain.generation import ImageModelPolicy, digest
from domain.options import SeriesOption, StorylineOption
from domain.parents import StoredProfile
from domain.ports import BookRenderer, Clock, Illustrator, PortraitPainter, StoryWriter
from domain.repositories import UnitOfWorkFactory
from domain.services.assets import AssetStore
from domain.services.book_layout import load_layout
from domain.services.generation_log import CallInfo, GenerationLogger
from domain.services.moderation import ContentModeration
from domain.story import (
    PORTRAIT_KEY,
    PORTRAIT_REFUSED,
    BookText,
    IllustrationRequest,
    SceneSpec,
)
from domain.story_codec import book_text_from_dict, book_text_to_dict

logger = logging.getLogger(__name__)

PRINT_IMAGE_PX = 2625  # 8.75 in (trim + bleed) at 300 ppi


@dataclass(frozen=True, slots=True)
class Progress:
    step: str  # writing | illustrating | assembling | ready
    done: int
    total: int


ProgressCallback = Callable[[Progress], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class _Inputs:
    book: Book
    version: BookVersion
    child: StoredProfile
    series: SeriesOption
    storyline: StorylineOption


async def _no_progress(_progress: Progress) -> None:
    return None


class BookGenerator:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        writer: StoryWriter,
        illustrator: Illustrator,
        renderer: BookRenderer,
        assets: AssetStore,
        policy: ImageModelPolicy,
        clock: Clock,
        *,
        image_px: int = PRINT_IMAGE_PX,
        concurrency: int = 4,
        watermark: bool = True,
        author: str = "Storybook",
        text_attempts: int = 3,
        moderation: ContentModeration | None = None,
        portraits: PortraitPainter | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._writer = writer
        self._illustrator = illustrator
        self._renderer = renderer
        self._assets = assets
        self._policy = policy
        self._clock = clock
        self._image_px = image_px
        self._concurrency = concurrency
        self._watermark = watermark
        self._author = author
        self._text_attempts = text_attempts
        self._moderation = moderation
        self._portraits = portraits
        self._log = GenerationLogger(uow_factory)

    async def generate(
        self, book_id: str, progress: ProgressCallback = _no_progress
    ) -> BookVersion | None:
        """Run the GENERATING book's latest version to PREVIEW_READY (or GENERATION_FAILED).
        None when the parent erased the book before or while it was made: nothing to do."""
        try:
            inputs = await self._load(book_id)
        except NotFound:
            if not await self._erased(book_id):
                raise
            logger.info("book erased before its generation", extra={"book_id": book_id})
            return None
        if inputs.book.status is not BookStatus.GENERATING:
            return inputs.version  # already finished: a redelivered job is harmless
        try:
            text = await self._text(inputs, progress)
            images = await self._images(inputs, text, progress)
            await progress(Progress("assembling", 0, 1))
            layout = await load_layout(
                self._uow_factory,
                self._assets,
                text,
                images,
                child_name=inputs.child.profile.name,
                author=self._author,
            )
            preview = await asyncio.to_thread(
                self._renderer.render_preview, layout, watermark=self._watermark
            )
            version = await self._finish(inputs, text, preview)
        except Exception as exc:
            if await self._erased(book_id):  # the parent erased their data meanwhile: done
                logger.info("book erased during its generation", extra={"book_id": book_id})
                return None
            await self._fail(inputs, exc)
            raise GenerationFailed(f"book {book_id} could not be generated: {exc}") from exc
        await progress(Progress("ready", 1, 1))
        return version

    async def give_up(self, book_id: str, reason: str) -> None:
        """Its job's workers kept dying: the book counts as failed, so the parent may try again
        (the pages drawn so far stay with the version)."""
        await self._fail(await self._load(book_id), GenerationFailed(reason))

    async def _erased(self, book_id: str) -> bool:
        async with self._uow_factory() as uow:
            return await uow.books.get(book_id) is None

    async def _load(self, book_id: str) -> _Inputs:
        async with self._uow_factory() as uow:
            book = await uow.books.get(book_id)
            version = await uow.books.latest_version(book_id)
            if book is None or version is None:
                raise NotFound(f"no book {book_id} with a version to generate")
            assert book.storyline_id and book.series_id and book.child_profile_id
            storyline = await uow.options.get_storyline(book.storyline_id)
            series = await uow.options.get_series(book.series_id)
            child = await uow.profiles.get(book.child_profile_id)
        if storyline is None or series is None or child is None:
            raise NotFound(f"book {book_id} lost its profile, series or storyline")
        return _Inputs(book, version, child, series, storyline)

    async def _text(self, inputs: _Inputs, progress: ProgressCallback) -> BookText:
        if inputs.version.text is not None:
            return book_text_from_dict(inputs.version.text)
        await progress(Progress("writing", 0, 1))
        child, series, storyline = inputs.child.profile, inputs.series.idea, inputs.storyline.idea
        earlier = await self._earlier_texts(inputs)

        async def call() -> BookText:
            return await self._writer.write_book(
                child,
                series,
                storyline,
                inputs.book.dedication,
                version=inputs.version.round,
                feedback=inputs.version.feedback,
                earlier=earlier,
            )

        info = CallInfo(
            kind="book_text",
            model=self._writer.model,
            prompt_version=self._writer.prompt_version,
            inputs={
                "child": child,
                "series": series,
                "storyline": storyline,
                "feedback": inputs.version.feedback,
            },
            params={"version": inputs.version.round, "feedback": bool(inputs.version.feedback)},
            book_id=inputs.book.id,
        )
        text = await self._checked_text(info, call, inputs)
        async with self._uow_factory() as uow:
            version = await uow.books.latest_version(inputs.book.id)
            assert version is not None
            await uow.books.save_version(replace(version, text=book_text_to_dict(text)))
            await uow.commit()
        return text

    async def _earlier_texts(self, inputs: _Inputs) -> list[str]:
        """The pages of every version of the child's books made before this one."""
        texts: list[str] = []
        async with self._uow_factory() as uow:
            books = await uow.books.for_user(inputs.book.user_id)
            for book in books:
                if book.id == inputs.book.id or book.created_at > inputs.book.created_at:
                    continue
                for version in await uow.books.versions(book.id):
                    if version.text is not None:
                        told = book_text_from_dict(version.text)
                        texts += [p.text for p in told.pages] + [told.ending]
        return texts

    async def _checked_text(
        self, info: CallInfo, call: Callable[[], Awaitable[BookText]], inputs: _Inputs
    ) -> BookText:
        """Ask up to `text_attempts` times for a book that keeps the rules and passes
        moderation; a writer error counts as a failed attempt too."""
        child = inputs.child.profile
        failures: list[str] = []
        for attempt in range(1, self._text_attempts + 1):
            try:
                text, problems = await self._log.run(
                    info, call, check=lambda t: book_problems(t, child)
                )
            except Exception as exc:
                failures.append(f"attempt {attempt}: {type(exc).__name__}: {exc}")
                continue
            if not problems and self._moderation is not None:
                texts = [text.title, text.ending, *(p.text for p in text.pages)]
                problems = await self._moderation.generated_problems(
                    texts, "book_text", inputs.book.id
                )
            if not problems:
                return text
            failures.append(f"attempt {attempt}: {'; '.join(problems)}")
        logger.error("book text failed", extra={"book_id": inputs.book.id, "failures": failures})
        raise GenerationFailed(f"could not write a valid book: {failures[-1]}")

    def _requests(
        self, inputs: _Inputs, text: BookText, reference: bytes | None = None
    ) -> list[IllustrationRequest]:
        def request(key: str, prompt: str, scene: SceneSpec) -> IllustrationRequest:
            seed = int(digest([inputs.book.id, inputs.version.round, key])[:8], 16)
            return IllustrationRequest(
                key=key,
                prompt=prompt,
                scene=scene,
                character=text.character,
                width_px=self._image_px,
                height_px=self._image_px,
                seed=seed,
                reference_jpeg=reference,
            )

        cover_prompt = f"Book cover: {text.title}. {text.character.description}"
        requests = [request("cover", cover_prompt, text.cover_scene)]
        for page in text.pages:
            requests.append(
                request(f"page-{page.number:02d}", page.illustration_prompt, page.scene)
            )
        return requests

    async def _images(
        self, inputs: _Inputs, text: BookText, progress: ProgressCallback
    ) -> dict[str, str]:
        """Illustrate every page not illustrated yet, a few at a time. Returns key -> asset id."""
        self._policy.check(self._illustrator.model)
        done = dict(inputs.version.image_ids)
        reference = await self._portrait(inputs, text, done)
        requests = self._requests(inputs, text, reference)
        pending = [r for r in requests if r.key not in done]
        gate = asyncio.Semaphore(self._concurrency)
        save_lock = asyncio.Lock()

        def pages_done() -> Progress:  # parents count story pages, not the cover
            pages = sum(1 for key in done if key.startswith("page-"))
            return Progress("illustrating", pages, len(text.pages))

        await progress(pages_done())

        async def illustrate(request: IllustrationRequest) -> None:
            async with gate:
                asset_id = await self._illustrate_one(inputs, request)
            async with save_lock:  # one writer of image_ids at a time: no lost updates
                done[request.key] = asset_id
                await self._save_images(inputs.book.id, done)
                if request.key.startswith("page-"):
                    await progress(pages_done())

        tasks = [asyncio.create_task(illustrate(r)) for r in pending]
        try:
            await asyncio.gather(*tasks)
        except BaseException:  # one page failed (or the book was erased): stop drawing the rest
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        return done

    async def _portrait(
        self, inputs: _Inputs, text: BookText, done: dict[str, str]
    ) -> bytes | None:
        """The hero's master portrait, painted once per version from the parent's photo (only
        given with the parent's consent); None when there is no photo or it was refused."""
        photo_id = inputs.child.profile.photo_asset_id
        painter = self._portraits
        if painter is None or photo_id is None or done.get(PORTRAIT_KEY) == PORTRAIT_REFUSED:
            return None
        async with self._uow_factory() as uow:
            kept = await uow.assets.get(done[PORTRAIT_KEY]) if PORTRAIT_KEY in done else None
            photo = await uow.assets.get(photo_id)
        if kept is not None:
            return await self._assets.read(kept)
        if photo is None:
            return None
        self._policy.check(painter.model)
        photo_bytes = await self._assets.read(photo)

        async def call() -> bytes:
            return await painter.paint_portrait(
                photo_bytes, photo.mime, text.character, self._image_px
            )

        info = CallInfo(
            kind="portrait",
            model=painter.model,
            prompt_version=self._writer.prompt_version,
            inputs={"photo": digest(photo_bytes), "character": text.character.description},
            params={"size": f"{self._image_px}x{self._image_px}"},
            book_id=inputs.book.id,
        )
        try:
            jpeg, _ = await self._log.run(info, call)
        except PhotoRefused:
            logger.info("photo refused; drawing from the description", extra=_book(inputs))
            done[PORTRAIT_KEY] = PORTRAIT_REFUSED
            await self._save_images(inputs.book.id, done)
            return None
        asset = await self._assets.keep(
            jpeg,
            kind="portrait",
            mime="image/jpeg",
            owner_user_id=inputs.book.user_id,
            book_id=inputs.book.id,
            width=self._image_px,
            height=self._image_px,
        )
        done[PORTRAIT_KEY] = asset.id
        await self._save_images(inputs.book.id, done)
        return jpeg

    async def _illustrate_one(self, inputs: _Inputs, request: IllustrationRequest) -> str:
        model = self._illustrator.model
        self._policy.check(model)  # per call too: configuration can never slip past the rule

        async def call() -> bytes:
            return await self._illustrator.illustrate(request)

        info = CallInfo(
            kind="image",
            model=model,
            prompt_version=self._writer.prompt_version,
            inputs={"prompt": request.prompt, "key": request.key, "seed": request.seed},
            params={"size": f"{request.width_px}x{request.height_px}", "key": request.key},
            book_id=inputs.book.id,
        )
        jpeg, _ = await self._log.run(info, call)
        asset = await self._assets.keep(
            jpeg,
            kind="illustration",
            mime="image/jpeg",
            owner_user_id=inputs.book.user_id,
            book_id=inputs.book.id,
            width=request.width_px,
            height=request.height_px,
        )
        return asset.id

    async def _save_images(self, book_id: str, image_ids: dict[str, str]) -> None:
        """Keep what is done so far (a redelivered job continues from here)."""
        async with self._uow_factory() as uow:
            version = await uow.books.latest_version(book_id)
            assert version is not None
            await uow.books.save_version(replace(version, image_ids=dict(image_ids)))
            await uow.commit()

    async def _finish(self, inputs: _Inputs, text: BookText, preview: bytes) -> BookVersion:
        name = pdf_filename(inputs.child.profile.name, text.title, "preview")
        asset = await self._assets.keep(
            preview,
            kind="preview",
            mime="application/pdf",
            owner_user_id=inputs.book.user_id,
            book_id=inputs.book.id,
            filename=name,
        )
        now = self._clock.now()
        async with self._uow_factory() as uow:
            book = await uow.books.get_for_update(inputs.book.id)
            version = await uow.books.latest_version(inputs.book.id)
            assert book is not None and version is not None
            version = replace(version, status="ready", preview_pdf_id=asset.id, finished_at=now)
            await uow.books.save_version(version)
            book.title, book.preview_pdf_id = text.title, asset.id
            book.move_to(BookStatus.PREVIEW_READY, now)
            await uow.books.save(book)
            await uow.audit.add(book_status_entry(book.id, "GENERATING", "PREVIEW_READY", now))
            await uow.commit()
        return version

    async def _fail(self, inputs: _Inputs, exc: BaseException) -> None:
        logger.error(
            "book generation failed",
            extra={"book_id": inputs.book.id, "error": f"{type(exc).__name__}: {exc}"},
        )
        now = self._clock.now()
        async with self._uow_factory() as uow:
            book = await uow.books.get_for_update(inputs.book.id)
            version = await uow.books.latest_version(inputs.book.id)
            if book is None or version is None or book.status is not BookStatus.GENERATING:
                return
            error = f"{type(exc).__name__}: {exc}"[:2000]
            await uow.books.save_version(
                replace(version, status="failed", error=error, finished_at=now)
            )
            book.move_to(BookStatus.GENERATION_FAILED, now)
            await uow.books.save(book)
            await uow.audit.add(book_status_entry(book.id, "GENERATING", "GENERATION_FAILED", now))
            await uow.commit()


def _book(inputs: _Inputs) -> dict[str, str]:
    return {"book_id": inputs.book.id}

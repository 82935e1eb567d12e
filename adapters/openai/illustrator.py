"""OpenAIIllustrator: page pictures and the hero's master portrait from the Images API.

Only OpenAI image generation models are accepted (the domain's policy, at construction and on
every call). gpt-image models answer in base64; the picture is converted to an RGB JPEG of
the requested print size. With a master portrait, pages are drawn as edits that reference it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from openai import AsyncOpenAI, BadRequestError

from adapters.openai.client import usage_tokens
from adapters.openai.images import decode_b64, to_jpeg
from adapters.openai.prompting import PAGE_IMAGE, PORTRAIT
from adapters.openai.scene_words import page_prompt
from domain.errors import PhotoRefused
from domain.generation import ImageModelPolicy, report_call
from domain.story import CharacterSheet, IllustrationRequest

logger = logging.getLogger(__name__)
POLICY = ImageModelPolicy(allow_offline=False)
REFUSAL_CODES = frozenset({"moderation_blocked", "content_policy_violation"})
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


class OpenAIIllustrator:
    def __init__(
        self,
        client: AsyncOpenAI,
        model: str,
        *,
        size: str = "1024x1024",
        quality: str = "medium",
        timeout_seconds: float = 180.0,
    ) -> None:
        POLICY.check(model)  # at start-up: a non-OpenAI image model never gets this far
        self._client = client
        self._model = model
        self._size = size
        self._quality = quality
        self._timeout = timeout_seconds

    @property
    def model(self) -> str:
        return self._model

    @property
    def takes_references(self) -> bool:
        """gpt-image models can draw from reference images (the photo, the portrait)."""
        return self._model.startswith("gpt-image-")

    def _params(self) -> dict[str, Any]:
        if self.takes_references:
            return {"size": self._size, "quality": self._quality, "output_format": "jpeg"}
        return {"size": "1024x1024", "response_format": "b64_json"}  # legacy dall-e-*

    async def illustrate(self, request: IllustrationRequest) -> bytes:
        POLICY.check(self._model)  # and on every call
        reference = request.reference_jpeg if self.takes_references else None
        prompt = page_prompt(request, has_reference=reference is not None)
        params = self._params()
        # Generations take a moderation level: 'auto' is the stricter one, right for children.
        extra: dict[str, Any] = {"moderation": "auto"} if self.takes_references else {}
        report_call(
            prompt_version=PAGE_IMAGE.version,
            model=self._model,
            params={**params, "reference": reference is not None, "key": request.key},
        )
        if reference is not None:
            response = await self._client.images.edit(
                model=self._model,
                image=[("portrait.jpg", reference, "image/jpeg")],
                prompt=prompt,
                timeout=self._timeout,
                **params,
            )
        else:
            response = await self._client.images.generate(
                model=self._model, prompt=prompt, n=1, timeout=self._timeout, **params, **extra
            )
        return await self._finish(response, request.width_px, request.height_px)

    async def paint_portrait(
        self, photo: bytes, photo_mime: str, character: CharacterSheet, size_px: int
    ) -> bytes:
        POLICY.check(self._model)
        if not self.takes_references:
            raise PhotoRefused(f"{self._model} cannot draw from a photo")
        params = {**self._params(), "input_fidelity": "high"}
        report_call(prompt_version=PORTRAIT.version, model=self._model, params=params)
        filename = f"photo.{_EXTENSIONS.get(photo_mime, 'jpg')}"
        try:
            response = await self._client.images.edit(
                model=self._model,
                image=[(filename, photo, photo_mime)],
                prompt=PORTRAIT.render(character=character.description),
                timeout=self._timeout,
                **params,
            )
        except BadRequestError as exc:
            if exc.code in REFUSAL_CODES:
                raise PhotoRefused(f"the photo was refused ({exc.code})") from exc
            raise
        return await self._finish(response, size_px, size_px)

    async def _finish(self, response: Any, width: int, height: int) -> bytes:
        tokens_in, tokens_out = usage_tokens(getattr(response, "usage", None))
        report_call(tokens_in=tokens_in, tokens_out=tokens_out)
        data = decode_b64(response.data[0].b64_json if response.data else None)
        return await asyncio.to_thread(to_jpeg, data, width, height)

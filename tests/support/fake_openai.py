"""A fake OpenAI API on loopback: the Responses API with structured outputs, image generations
and edits, moderations and the models list, strict like the provider (it refuses a missing or
wrong key, unknown models and parameters, non-strict schemas, sizes a model cannot draw), with
scripted failures (429, 500, slow answers, invalid JSON, wrong counts) and a record of calls."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import itertools
import json
import re
from collections.abc import Callable
from typing import Any

from aiohttp import web
from PIL import Image

API_KEY = "sk-test-fake-openai-key"
TEXT_MODELS = {"gpt-5-mini", "gpt-5", "gpt-4.1-mini"}
IMAGE_MODELS = {"gpt-image-2", "gpt-image-1", "gpt-image-1-mini"}  # dall-e-* are shut down
MODERATION_MODELS = {"omni-moderation-latest", "omni-moderation-2024-09-26"}
SHUTDOWN_DATES = {"gpt-image-1": "2026-10-23", "gpt-image-1-mini": "2026-12-01"}
RESPONSES_PARAMS = {
    "model", "input", "instructions", "text", "max_output_tokens", "reasoning",
    "temperature", "top_p", "store", "metadata", "safety_identifier", "user", "stream",
}  # fmt: skip
IMAGE_PARAMS = {
    "model", "prompt", "n", "size", "quality", "output_format", "output_compression",
    "background", "moderation", "response_format", "style", "user", "input_fidelity",
    "image", "image[]", "mask", "safety_identifier",
}  # fmt: skip
UNSUPPORTED_SCHEMA_KEYWORDS = {"minLength", "maxLength", "minimum", "maximum", "format"}
MODERATION_CATEGORIES = (
    "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit",
    "illicit/violent", "self-harm", "self-harm/instructions", "self-harm/intent", "sexual",
    "sexual/minors", "violence", "violence/graphic",
)  # fmt: skip

Hook = Callable[[dict[str, Any]], Any]


def api_error(
    status: int, message: str, code: str | None, kind: str = "invalid_request_error", **headers
) -> web.Response:
    body = {"error": {"message": message, "type": kind, "param": None, "code": code}}
    return web.json_response(body, status=status, headers=headers)


def _schema_problems(schema: Any, where: str = "schema") -> list[str]:
    """What strict structured outputs refuse: open objects, optional properties, keywords
    outside the supported subset."""
    problems: list[str] = []
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            props = schema.get("properties", {})
            if schema.get("additionalProperties") is not False:
                problems.append(f"{where}: additionalProperties must be false")
            if sorted(schema.get("required", [])) != sorted(props):
                problems.append(f"{where}: every property must be required")
        for keyword in UNSUPPORTED_SCHEMA_KEYWORDS & schema.keys():
            if keyword != "format" or schema.get("type") == "string":
                problems.append(f"{where}: '{keyword}' is not permitted")
        for key, value in schema.items():
            problems += _schema_problems(value, f"{where}.{key}")
    elif isinstance(schema, list):
        for n, item in enumerate(schema):
            problems += _schema_problems(item, f"{where}[{n}]")
    return problems


def _size_problem(model: str, size: str) -> str | None:
    if size == "auto":
        return None
    if model != "gpt-image-2":
        ok = size in ("1024x1024", "1536x1024", "1024x1536")
        return None if ok else f"Invalid size '{size}' for {model}."
    match = re.fullmatch(r"(\d+)x(\d+)", size)
    if not match:
        return f"Invalid size '{size}'."
    w, h = int(match[1]), int(match[2])
    if w % 16 or h % 16 or max(w, h) > 3840 or max(w, h) / min(w, h) > 3:
        return f"Invalid size '{size}': both sides multiples of 16, up to 3840, ratio up to 3:1."
    return None


def picture(seed: str, size: tuple[int, int], fmt: str) -> bytes:
    colour = tuple(hashlib.sha256(seed.encode()).digest()[:3])
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, {"jpeg": "JPEG", "webp": "WEBP"}.get(fmt, "PNG"))
    return out.getvalue()


# Content the fake "model" writes: valid unless a test mangles it.
SERIES_WORDS = [
    "Moon Map", "Sea Song", "Cake Quest", "Cat Castle", "Sky Kite", "Star Train",
    "Leaf Boat", "Snow Owl", "Rain Drum", "Sun Garden", "Cloud Farm", "Reef Racer",
    "Wind Whistle", "Pebble Path", "Lantern Hill",
]  # fmt: skip


def _hero(text: str) -> tuple[str, str]:
    match = re.search(r"Hero: (.+?), age (\d+)", text)
    interests = re.search(r"Loves: (.+?)\.?\n", text + "\n")
    return (match[1] if match else "the hero"), (interests[1] if interests else "play")


def write(schema_name: str, prompt: str) -> dict[str, Any]:
    name, loves = _hero(prompt)
    round_no = int(m[1]) if (m := re.search(r"Round (\d+)", prompt)) else 1
    if schema_name == "SeriesRound":
        words = SERIES_WORDS[(round_no - 1) * 5 % 15 :][:5]
        return {
            "series": [
                {"title": w, "hook": f"{name} and a {w.lower()} adventure", "theme": w.split()[0]}
                for w in words
            ]
        }
    if schema_name == "StorylineRound":
        return {
            "storylines": [
                {"title": f"The {w}", "hook": f"{name} finds a {w.lower()} that needs help"}
                for w in ("Lost Star", "Sleepy Dragon", "Secret Door", "Big Race", "Kind Giant")
            ]
        }
    if schema_name == "Book":
        return _book(name, loves)
    if schema_name == "SeriesPick":
        return {"position": 2, "reason": f"It is full of {loves.split(',')[0]}, just right."}
    return {}


# What a model answers per page: (place, action, companions, objects); some answers are off the
# vocabulary or name what the words do not, as a real model's sometimes are.
SCENES = [
    ("the cosy kitchen", "baking", [("little brother", "Arjun")], ["cake", "football"]),
    ("garden", "wave", [("elephant", "")], ["kite"]),
    ("a misty jungle", "walking", [("elephant", ""), ("monkey", "Mango")], []),
    ("jungle", "point", [("monkey", "Mango")], ["map"]),
    ("riverbank", "jump", [("monkey", "Mango")], []),
    ("jungle", "hug", [("elephant", ""), ("hero", "{name}")], []),
    ("castle", "twirl", [], ["crown"]),
    ("castle", "run", [("grandma", "")], []),
    ("meadow", "cheer", [("little brother", "Arjun"), ("elephant", "")], ["map"]),
    ("park", "sit", [], ["book"]),
    ("living room", "read", [("grandma", "Nani")], ["book"]),
    ("bedroom", "sleep", [], ["bed"]),
]


def _book(name: str, loves: str) -> dict[str, Any]:
    def scene(n: int) -> dict[str, Any]:
        place, action, companions, objects = SCENES[n - 1]
        return {
            "setting": "indoor" if n in (1, 11, 12) else "outdoor",
            "place": place,
            "time_of_day": "night" if n == 12 else "day",
            "action": action,
            "companions": [{"kind": k, "name": v.format(name=name)} for k, v in companions],
            "objects": objects,
            "mood": "sleepy" if n == 12 else "excited",
        }

    return {
        "title": f"{name} and the Lost Star",
        "character": {
            "description": "A cheerful child with curly dark hair, warm brown skin, a "
            "yellow raincoat over a blue striped jumper, red wellies and a green scarf."
        },
        "cover_scene": scene(3),
        "pages": [
            {
                "number": n,
                "text": f"On page {n}, {name} smiled and set off again, because {name} "
                f"loves {loves} and every friend deserves a helping hand. A cake, a map, "
                "a crown and a book waited."
                if n != 12
                else f"{name} snuggled into bed, happy and proud.",
                "illustration_prompt": f"The hero in scene {n}, wide shot, soft morning light, "
                "a lost star glowing in the grass.",
                "scene": scene(n),
            }
            for n in range(1, 13)
        ],
        "ending": f"And {name} fell asleep, happy and proud.",
    }


class FakeOpenAI:
    def __init__(self, api_key: str = API_KEY) -> None:
        self.api_key = api_key
        self.base_url = ""  # http://127.0.0.1:port/v1, once the server listens
        self.calls: list[tuple[str, dict[str, Any]]] = []  # (endpoint, body) accepted or not
        self.rejected: list[tuple[str, str]] = []  # (endpoint, why) for bad requests
        self.flag_words = {"knife fight", "gore", "zombie blood"}  # moderation says flagged
        self.blocked_images: set[str] = set()  # sha256 of photos an edit refuses
        self.models = sorted(TEXT_MODELS | IMAGE_MODELS | MODERATION_MODELS)
        self.shutdown_dates = dict(SHUTDOWN_DATES)
        self._hooks: dict[str, list[Hook]] = {}
        self._ids = itertools.count(1)

    # Scripting: the next calls of an endpoint fail, stall or answer oddly.
    def on_next(self, endpoint: str, *hooks: Hook) -> None:
        self._hooks.setdefault(endpoint, []).extend(hooks)

    def fail_next(self, endpoint: str, status: int, times: int = 1) -> None:
        code = {429: "rate_limit_exceeded", 500: "server_error", 503: "server_error"}
        kind = "requests" if status == 429 else "server_error"

        def fail(_body: dict[str, Any]) -> web.Response:
            return api_error(
                status, f"Injected {status}", code.get(status), kind, **{"retry-after-ms": "5"}
            )

        self.on_next(endpoint, *[fail] * times)

    def stall_next(self, endpoint: str, seconds: float, times: int = 1) -> None:
        async def stall(_body: dict[str, Any]) -> None:
            await asyncio.sleep(seconds)

        self.on_next(endpoint, *[stall] * times)

    def refuse_next_edit(self) -> None:
        """The next image edit is refused by the safety system, as child photos sometimes are."""

        def refuse(_body: dict[str, Any]) -> web.Response:
            return api_error(
                400, "Your request was rejected as a result of our safety system.",
                "moderation_blocked", "image_generation_user_error",
            )  # fmt: skip

        self.on_next("images/edits", refuse)

    def mangle_next(self, change: Callable[[dict[str, Any]], Any], times: int = 1) -> None:
        """The next structured answers pass through `change` (returning a dict, or a str sent
        as the raw output text)."""

        def mangle(_body: dict[str, Any]) -> Callable[[dict[str, Any]], Any]:
            return change

        self.on_next("responses", *[mangle] * times)

    def count(self, endpoint: str) -> int:
        return sum(1 for e, _ in self.calls if e == endpoint)

    def app(self) -> web.Application:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_post("/v1/responses", self._responses)
        app.router.add_post("/v1/images/generations", self._generations)
        app.router.add_post("/v1/images/edits", self._edits)
        app.router.add_post("/v1/moderations", self._moderations)
        app.router.add_get("/v1/models", self._models)
        return app

    # -- plumbing --------------------------------------------------------------------------
    def _reject(self, endpoint: str, status: int, message: str, code: str | None) -> web.Response:
        self.rejected.append((endpoint, message))
        return api_error(status, message, code)

    async def _enter(self, request: web.Request, endpoint: str, body: dict[str, Any]) -> Any:
        """Auth, record, then a scripted hook if one is due: a Response ends the call, a
        callable is a change of the answer, None carries on."""
        self.calls.append((endpoint, body))
        if request.headers.get("Authorization") != f"Bearer {self.api_key}":
            return api_error(401, "Incorrect API key provided.", "invalid_api_key")
        hooks = self._hooks.get(endpoint)
        if hooks:
            outcome = hooks.pop(0)(body)
            if asyncio.iscoroutine(outcome):
                outcome = await outcome
            return outcome
        return None

    def _usage(self, body: Any, output: str) -> dict[str, Any]:
        tokens_in = max(1, len(json.dumps(body, default=str)) // 4)
        tokens_out = max(1, len(output) // 4)
        return {"input_tokens": tokens_in, "output_tokens": tokens_out}

    # -- endpoints -------------------------------------------------------------------------
    async def _responses(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except json.JSONDecodeError:
            return self._reject("responses", 400, "We could not parse the JSON body.", None)
        outcome = await self._enter(request, "responses", body)
        if isinstance(outcome, web.Response):
            return outcome
        unknown = sorted(set(body) - RESPONSES_PARAMS)
        if unknown:
            return self._reject(
                "responses", 400, f"Unknown parameter: '{unknown[0]}'.", "unknown_parameter"
            )
        model = body.get("model")
        if model not in TEXT_MODELS:
            return api_error(
                404, f"The model `{model}` does not exist or you do not have access to it.",
                "model_not_found",
            )  # fmt: skip
        if "temperature" in body and str(model).startswith("gpt-5"):
            return self._reject(
                "responses", 400, "Unsupported parameter: 'temperature' is not supported "
                "with this model.", "unsupported_parameter",
            )  # fmt: skip
        if not body.get("input"):
            return self._reject("responses", 400, "Missing required parameter: 'input'.", None)
        fmt = (body.get("text") or {}).get("format") or {}
        if fmt.get("type") != "json_schema" or fmt.get("strict") is not True:
            return self._reject("responses", 400, "Expected a strict json_schema format.", None)
        problems = _schema_problems(fmt.get("schema"))
        if problems:
            return self._reject(
                "responses", 400, f"Invalid schema for response_format: {problems[0]}",
                "invalid_json_schema",
            )  # fmt: skip
        tokens = body.get("max_output_tokens")
        if tokens is not None and (not isinstance(tokens, int) or tokens < 16):
            return self._reject("responses", 400, "max_output_tokens must be >= 16.", None)
        prompt = json.dumps(body["input"]) if not isinstance(body["input"], str) else body["input"]
        answer: Any = write(fmt.get("name", ""), prompt)
        if callable(outcome):
            answer = outcome(answer)
        text = answer if isinstance(answer, str) else json.dumps(answer)
        usage = self._usage(body, text)
        return web.json_response(
            {
                "id": f"resp_{next(self._ids)}",
                "object": "response",
                "created_at": 1767225600,
                "model": model,
                "status": "completed",
                "output": [
                    {
                        "type": "message",
                        "id": f"msg_{next(self._ids)}",
                        "role": "assistant",
                        "status": "completed",
                        "content": [{"type": "output_text", "text": text, "annotations": []}],
                    }
                ],
                "parallel_tool_calls": False,
                "tool_choice": "auto",
                "tools": [],
                "usage": {
                    **usage,
                    "total_tokens": usage["input_tokens"] + usage["output_tokens"],
                    "input_tokens_details": {"cached_tokens": 0},
                    "output_tokens_details": {"reasoning_tokens": 0},
                },
            }
        )

    def _image_problems(self, endpoint: str, body: dict[str, Any]) -> web.Response | None:
        unknown = sorted(set(body) - IMAGE_PARAMS)
        if unknown:
            return self._reject(
                endpoint, 400, f"Unknown parameter: '{unknown[0]}'.", "unknown_parameter"
            )
        model = body.get("model")
        if model not in IMAGE_MODELS:
            return api_error(
                404, f"The model `{model}` does not exist or you do not have access to it.",
                "model_not_found",
            )  # fmt: skip
        if "response_format" in body:  # gpt-image models always answer in base64
            return self._reject(
                endpoint, 400, "Unknown parameter: 'response_format'.", "unknown_parameter"
            )
        if not str(body.get("prompt") or "").strip() or len(body["prompt"]) > 32000:
            return self._reject(endpoint, 400, "The prompt must be 1..32000 characters.", None)
        size_problem = _size_problem(str(model), str(body.get("size", "auto")))
        if size_problem:
            return self._reject(endpoint, 400, size_problem, "invalid_value")
        if body.get("quality", "auto") not in ("low", "medium", "high", "auto"):
            return self._reject(endpoint, 400, "Invalid quality.", "invalid_value")
        if body.get("output_format", "png") not in ("png", "jpeg", "webp"):
            return self._reject(endpoint, 400, "Invalid output_format.", "invalid_value")
        if str(body.get("n", 1)) not in {str(n) for n in range(1, 11)}:
            return self._reject(endpoint, 400, "n must be 1..10.", "invalid_value")
        return None

    def _image_answer(self, body: dict[str, Any]) -> web.Response:
        size = str(body.get("size", "1024x1024"))
        w, h = (int(v) for v in (size if size != "auto" else "1024x1024").split("x"))
        fmt = str(body.get("output_format", "png"))
        data = picture(str(body["prompt"]), (w, h), fmt)
        usage = self._usage(body.get("prompt"), "x" * 4 * 1056)
        return web.json_response(
            {
                "created": 1767225600,
                "data": [{"b64_json": base64.b64encode(data).decode()}],
                "output_format": fmt,
                "size": size,
                "quality": body.get("quality", "auto"),
                "usage": {
                    **usage,
                    "total_tokens": usage["input_tokens"] + usage["output_tokens"],
                    "input_tokens_details": {
                        "text_tokens": usage["input_tokens"],
                        "image_tokens": 0,
                    },
                },
            }
        )

    async def _generations(self, request: web.Request) -> web.Response:
        body = await request.json()
        outcome = await self._enter(request, "images/generations", body)
        if isinstance(outcome, web.Response):
            return outcome
        return self._image_problems("images/generations", body) or self._image_answer(body)

    async def _edits(self, request: web.Request) -> web.Response:
        form = await request.post()
        files = [f for key in ("image", "image[]") for f in form.getall(key, [])]
        body: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
        body["images"] = [
            {"filename": f.filename, "type": f.content_type, "sha256": "", "size": 0}
            for f in files
            if hasattr(f, "file")
        ]
        blobs = [f.file.read() for f in files if hasattr(f, "file")]
        for info, blob in zip(body["images"], blobs, strict=True):
            info.update(sha256=hashlib.sha256(blob).hexdigest(), size=len(blob))
        outcome = await self._enter(request, "images/edits", body)
        if isinstance(outcome, web.Response):
            return outcome
        if not blobs:
            return self._reject("images/edits", 400, "Missing required parameter: 'image'.", None)
        for info, blob in zip(body["images"], blobs, strict=True):
            if not blob.startswith((b"\xff\xd8", b"\x89PNG", b"RIFF")) or len(blob) > 50 << 20:
                return self._reject("images/edits", 400, "Invalid image file.", "invalid_image")
            if info["sha256"] in self.blocked_images:
                return api_error(
                    400, "Your request was rejected as a result of our safety system.",
                    "moderation_blocked", "image_generation_user_error",
                )  # fmt: skip
        checked = {k: v for k, v in body.items() if k not in ("images",)}
        return self._image_problems("images/edits", checked) or self._image_answer(body)

    async def _moderations(self, request: web.Request) -> web.Response:
        body = await request.json()
        outcome = await self._enter(request, "moderations", body)
        if isinstance(outcome, web.Response):
            return outcome
        model = body.get("model", "omni-moderation-latest")
        if model not in MODERATION_MODELS:
            return api_error(404, f"The model `{model}` does not exist.", "model_not_found")
        items = body.get("input")
        items = [items] if isinstance(items, str) else items
        if not items or not all(isinstance(i, str) for i in items):
            return self._reject("moderations", 400, "input must be text or a list of text.", None)
        results = []
        for item in items:
            hit = any(word in item.casefold() for word in self.flag_words)
            categories = {c: hit and c == "violence" for c in MODERATION_CATEGORIES}
            results.append(
                {
                    "flagged": hit,
                    "categories": categories,
                    "category_scores": {c: 0.9 if v else 0.001 for c, v in categories.items()},
                    "category_applied_input_types": {c: ["text"] for c in categories},
                }
            )
        return web.json_response(
            {"id": f"modr-{next(self._ids)}", "model": model, "results": results}
        )

    async def _models(self, request: web.Request) -> web.Response:
        outcome = await self._enter(request, "models", {})
        if isinstance(outcome, web.Response):
            return outcome
        data = [
            {
                "id": m,
                "object": "model",
                "created": 1767225600,
                "owned_by": "openai",
                **({"shutdown_date": self.shutdown_dates[m]} if m in self.shutdown_dates else {}),
            }
            for m in self.models
        ]
        return web.json_response({"object": "list", "data": data})

"""A fake WhatsApp Cloud API (Graph) on loopback: answers sends, media metadata, uploads and
downloads like Meta does, records what it received, and rejects whatever breaks WhatsApp's
limits with a Graph-style 400 error (counted in code points, as Meta does)."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from support.fake_graph_payments import FakeOrders

MEDIA_PATH = "/whatsapp_business/attachments"


def graph_error(status: int, code: int, message: str, details: str = "") -> web.Response:
    error = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "error_data": {"messaging_product": "whatsapp", "details": details or message},
        "fbtrace_id": "AFakeTraceId",
    }
    return web.json_response({"error": error}, status=status)


def _text_limit(problems: list[str], where: str, text: Any, limit: int) -> None:
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{where} is empty")
    elif len(text) > limit:
        problems.append(f"{where} has {len(text)} characters, over {limit}")


def _interactive(problems: list[str], item: dict[str, Any]) -> None:
    kind, action = item.get("type"), item.get("action", {})
    if kind in ("button", "list", "cta_url"):
        _text_limit(problems, "body.text", item.get("body", {}).get("text"), 1024)
    if "footer" in item:
        _text_limit(problems, "footer.text", item["footer"].get("text"), 60)
    header = item.get("header")
    if header and header.get("type") == "text":
        _text_limit(problems, "header.text", header.get("text"), 60)
    elif header and not (header.get(header.get("type"), {}).keys() & {"id", "link"}):
        problems.append("header media has no id or link")
    if kind == "button":
        buttons = action.get("buttons", [])
        if not 1 <= len(buttons) <= 3:
            problems.append(f"{len(buttons)} buttons (1..3 allowed)")
        titles = [b["reply"]["title"] for b in buttons]
        ids = [b["reply"]["id"] for b in buttons]
        for title in titles:
            _text_limit(problems, "button title", title, 20)
        for button_id in ids:
            _text_limit(problems, "button id", button_id, 256)
        if len(set(titles)) != len(titles) or len(set(ids)) != len(ids):
            problems.append("button titles and ids must be unique")
    elif kind == "list":
        _text_limit(problems, "list button", action.get("button"), 20)
        sections = action.get("sections", [])
        rows = [r for s in sections for r in s.get("rows", [])]
        if not 1 <= len(sections) <= 10 or not 1 <= len(rows) <= 10:
            problems.append(f"{len(sections)} sections / {len(rows)} rows (<=10 each)")
        for section in sections:
            if len(sections) > 1 or section.get("title"):
                _text_limit(problems, "section title", section.get("title"), 24)
        for row in rows:
            _text_limit(problems, "row title", row.get("title"), 24)
            _text_limit(problems, "row id", row.get("id"), 200)
            if row.get("description") is not None:
                _text_limit(problems, "row description", row["description"], 72)
        if len({r.get("id") for r in rows}) != len(rows):
            problems.append("row ids must be unique")
    elif kind in ("order_details", "order_status"):
        pass  # checked with the orders they make or move (FakeOrders)
    elif kind == "cta_url":
        parameters = action.get("parameters", {})
        _text_limit(problems, "display_text", parameters.get("display_text"), 20)
        if not str(parameters.get("url", "")).startswith(("http://", "https://")):
            problems.append("cta url is not a URL")
    else:
        problems.append(f"unexpected interactive type {kind!r}")


def violations(payload: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if payload.get("messaging_product") != "whatsapp":
        problems.append("messaging_product must be whatsapp")
    if not (payload.get("to") or payload.get("recipient")):
        problems.append("no recipient")
    kind = payload.get("type")
    item = payload.get(kind, {}) if isinstance(kind, str) else {}
    if kind == "text":
        _text_limit(problems, "text.body", item.get("body"), 4096)
    elif kind == "interactive":
        _interactive(problems, item)
    elif kind == "template":
        if not item.get("name") or not item.get("language", {}).get("code"):
            problems.append("template needs a name and a language code")
    elif kind in ("document", "image"):
        if not item.keys() & {"id", "link"}:
            problems.append(f"{kind} has no id or link")
        if "caption" in item:
            _text_limit(problems, "caption", item["caption"], 1024)
    else:
        problems.append(f"unexpected message type {kind!r}")
    if len(str(payload.get("biz_opaque_callback_data", ""))) > 512:
        problems.append("biz_opaque_callback_data over 512")
    return problems


class FakeGraph:
    def __init__(
        self, token: str, phone_number_id: str, payment_configuration: str = "storybook-razorpay"
    ) -> None:
        self.token = token
        self.phone_number_id = phone_number_id
        self.base_url = ""  # set once the server listens
        self.sent: list[tuple[str, dict[str, Any]]] = []  # (wamid, payload) accepted
        self.rejected: list[tuple[dict[str, Any], list[str]]] = []
        self.reads: list[dict[str, Any]] = []  # mark-read / typing indicator calls
        self.uploads: dict[str, tuple[bytes, str]] = {}  # media id -> (data, mime)
        self.media: dict[str, tuple[bytes, str]] = {}  # the parents' media, to download
        self.downloads: list[str] = []
        self.fail_sends: list[tuple[int, int]] = []  # (http status, code) for the next sends
        self.closed_windows: set[str] = set()  # recipients free-form messages cannot reach
        self.payments = FakeOrders(phone_number_id, payment_configuration)
        self.refuse_orders: list[tuple[int, int]] = []  # (http status, code) for order_details
        self.down = False  # an outage: every send is refused as Meta does when it is unavailable
        # Seconds a send takes before Meta has it: a sender that dies meanwhile never sent it.
        self.delay = 0.0
        self.cut_off = 0  # sends whose sender went away before they arrived
        self.refused = 0  # sends refused during outages
        self._last_id = 0

    def _new_id(self) -> int:
        self._last_id += 1
        return self._last_id

    def next_wamid(self) -> str:
        """The id the next accepted message will get (tests send statuses ahead of it)."""
        return f"wamid.FAKE{self._last_id + 1:06d}"

    def app(self) -> web.Application:
        app = web.Application(client_max_size=200 * 1024 * 1024)
        app.router.add_get(MEDIA_PATH + "/{media_id}", self._download)
        app.router.add_post("/{version}/{phone}/messages", self._messages)
        app.router.add_post("/{version}/{phone}/media", self._upload)
        app.router.add_get("/{version}/{media_id}", self._media_info)
        app.router.add_get("/{version}/{phone}/payments/{configuration}/{ref}", self._lookup)
        app.router.add_post("/{version}/{phone}/payments_refund", self._refund)
        return app

    def _authorised(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {self.token}"

    async def _messages(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return graph_error(401, 190, "Invalid OAuth access token")
        if request.match_info["phone"] != self.phone_number_id:
            return graph_error(400, 100, "Unsupported post request")
        payload = await request.json()
        if payload.get("status") == "read":
            self.reads.append(payload)
            return web.json_response({"success": True})
        if self.delay:
            await asyncio.sleep(self.delay)
            if request.transport is None or request.transport.is_closing():
                self.cut_off += 1  # the request never arrived whole: nothing is sent
                return web.Response(status=400)
        if self.down:
            self.refused += 1
            return graph_error(503, 2, "Service temporarily unavailable")
        if self.fail_sends:
            status, code = self.fail_sends.pop(0)
            return graph_error(status, code, "Injected failure")
        to = payload.get("to") or payload.get("recipient")
        if to in self.closed_windows and payload.get("type") != "template":
            return graph_error(
                400, 131047, "Re-engagement message", "More than 24 hours have passed"
            )
        problems = violations(payload)
        if problems:
            self.rejected.append((payload, problems))
            return graph_error(
                400, 131009, "(#131009) Parameter value is not valid", "; ".join(problems)
            )
        wamid = self.next_wamid()
        interactive = payload.get("interactive", {}) if payload.get("type") == "interactive" else {}
        if interactive.get("type") == "order_details":
            if self.refuse_orders:
                status, code = self.refuse_orders.pop(0)
                return graph_error(status, code, "Injected refusal", "payments not possible")
            problems = self.payments.accept_order(wamid, to, interactive)
            if problems:
                self.rejected.append((payload, problems))
                return graph_error(400, 131009, "(#131009) Parameter value is not valid",
                                   "; ".join(problems))  # fmt: skip
        elif interactive.get("type") == "order_status":
            code, problems = self.payments.status_violations(interactive)
            if problems:
                self.rejected.append((payload, problems))
                return graph_error(
                    400, code, f"(#{code}) Order status refused", "; ".join(problems)
                )
        wamid = f"wamid.FAKE{self._new_id():06d}"
        self.sent.append((wamid, payload))
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to}],
                "messages": [{"id": wamid}],
            }
        )

    async def _lookup(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return graph_error(401, 190, "Invalid OAuth access token")
        if request.match_info["phone"] != self.phone_number_id:
            return graph_error(400, 100, "Unsupported get request")
        code, body = self.payments.lookup(
            request.match_info["configuration"], request.match_info["ref"]
        )
        if code:
            return graph_error(400, code, body["message"])
        return web.json_response(body)

    async def _refund(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return graph_error(401, 190, "Invalid OAuth access token")
        if request.match_info["phone"] != self.phone_number_id:
            return graph_error(400, 100, "Unsupported post request")
        code, body = self.payments.refund(await request.json())
        if code:
            return graph_error(400, code, body["message"])
        return web.json_response(body)

    async def _upload(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return graph_error(401, 190, "Invalid OAuth access token")
        form = await request.post()
        upload = form.get("file")
        if form.get("messaging_product") != "whatsapp" or not hasattr(upload, "file"):
            return graph_error(400, 100, "Invalid upload")
        media_id = str(800000000 + self._new_id())
        self.uploads[media_id] = (upload.file.read(), str(form.get("type") or ""))
        return web.json_response({"id": media_id})

    async def _media_info(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return graph_error(401, 190, "Invalid OAuth access token")
        media_id = request.match_info["media_id"]
        if "phone_number_id" in request.query:  # Meta refuses it for incoming media
            return graph_error(400, 100, "Invalid parameter")
        if media_id not in self.media:
            return graph_error(404, 100, "Unsupported get request")
        data, mime = self.media[media_id]
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "url": f"{self.base_url}{MEDIA_PATH}/{media_id}?ext=1&hash=fake",
                "mime_type": mime,
                "sha256": "ZmFrZQ==",
                "file_size": len(data),
                "id": media_id,
            }
        )

    async def _download(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.Response(status=401, text="no token")
        media_id = request.match_info["media_id"]
        self.downloads.append(media_id)
        data, mime = self.media[media_id]
        return web.Response(body=data, content_type=mime)

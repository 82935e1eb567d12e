"""A strict fake Lulu Print API on loopback: client-credentials tokens, cost calculations,
print jobs (create, list/search, get, cancel) moving only along Lulu's transition graph, and
`PRINT_JOB_STATUS_CHANGED` webhooks signed with `Lulu-HMAC-SHA256` (hex HMAC of the raw body).

Strict where Lulu is: Basic auth with form `grant_type=client_credentials` for tokens, Bearer
for the rest, the required fields of addresses and jobs, the shipping levels, page minimums by
binding; like Lulu, it does NOT deduplicate jobs by external_id (the client must look first).
It fetches the interior and cover from their source URLs and rejects a job whose files are not
PDFs with enough pages."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import io
import itertools
import json
from typing import Any

import aiohttp
from aiohttp import web
from pypdf import PdfReader

from domain.printing import min_pages_for

LEVELS = {"MAIL", "PRIORITY_MAIL", "GROUND_HD", "GROUND_BUS", "GROUND", "EXPEDITED", "EXPRESS"}
ADDRESS_REQUIRED = ("street1", "city", "country_code", "postcode", "phone_number")
STATE_REQUIRED = {"US", "CA", "AU", "IN", "MX"}
NEXT = {
    "CREATED": {"UNPAID", "REJECTED", "CANCELED", "PRODUCTION_READY"},
    "UNPAID": {"PAYMENT_IN_PROGRESS", "CANCELED", "PRODUCTION_DELAYED"},
    "PAYMENT_IN_PROGRESS": {"UNPAID", "PRODUCTION_DELAYED"},
    "PRODUCTION_DELAYED": {"PRODUCTION_READY", "CANCELED"},
    "PRODUCTION_READY": {"IN_PRODUCTION", "PRODUCTION_DELAYED"},
    "IN_PRODUCTION": {"SHIPPED", "ERROR"},
    "SHIPPED": {"DELIVERED"},
}


def bad(errors: dict[str, Any], status: int = 400) -> web.Response:
    return web.json_response(errors, status=status)


class FakeLulu:
    def __init__(self, client_key: str, client_secret: str) -> None:
        self.key, self.secret = client_key, client_secret
        self.base_url = ""
        self.tokens: dict[str, int] = {}
        self.token_requests = 0
        self.jobs: dict[int, dict[str, Any]] = {}
        self.create_calls = 0
        self.cost_calls: list[dict[str, Any]] = []
        self.refused_postcodes: set[str] = set()
        self.delay_next_create = 0.0  # the job is made, the answer comes this late
        self.slow_create = 0.0  # every create waits this long before making the job
        self.fail_next_create: int | None = None  # answer this status once, make nothing
        self.fetch_files = True
        self.fetched: list[tuple[str, int]] = []  # (which, pages)
        # (public base URL in the links, where that service really listens in the test)
        self.reach: tuple[str, str] | None = None
        self.webhooks: list[bytes] = []  # every signed body, in the order Lulu would send them
        self._ids = itertools.count(4201)

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._auth])
        app.router.add_post("/auth/realms/glasstree/protocol/openid-connect/token", self._token)
        app.router.add_post("/print-job-cost-calculations/", self._cost)
        app.router.add_post("/cover-dimensions/", self._cover_dimensions)
        app.router.add_post("/print-jobs/", self._create)
        app.router.add_get("/print-jobs/", self._list)
        app.router.add_get("/print-jobs/{id}/", self._get)
        app.router.add_put("/print-jobs/{id}/status/", self._status)
        return app

    @web.middleware
    async def _auth(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith("/auth/"):
            return await handler(request)
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer ") or header[7:] not in self.tokens:
            return bad({"detail": "Authentication credentials were not provided."}, 401)
        if not request.path.endswith("/") and request.path != "/":
            return bad({"detail": "Lulu's paths end with a slash"}, 404)
        return await handler(request)

    async def _token(self, request: web.Request) -> web.Response:
        expected = "Basic " + base64.b64encode(f"{self.key}:{self.secret}".encode()).decode()
        if request.headers.get("Authorization") != expected:
            return bad({"error": "unauthorized_client"}, 401)
        if request.content_type != "application/x-www-form-urlencoded":
            return bad({"error": "invalid_request"})
        form = await request.post()
        if form.get("grant_type") != "client_credentials":
            return bad({"error": "unsupported_grant_type"})
        self.token_requests += 1
        token = f"tok-{self.token_requests}"
        self.tokens[token] = 3600
        return web.json_response(
            {"access_token": token, "expires_in": 3600, "token_type": "bearer"}
        )

    def _address_errors(self, address: Any, *, for_job: bool) -> dict[str, Any]:
        if not isinstance(address, dict):
            return {"shipping_address": ["This field is required."]}
        needed = (*ADDRESS_REQUIRED, "name") if for_job else ADDRESS_REQUIRED
        errors = {k: ["This field is required."] for k in needed if not address.get(k)}
        if address.get("country_code") in STATE_REQUIRED and not address.get("state_code"):
            errors["state_code"] = ["A valid state code is required for this country."]
        if address.get("postcode") in self.refused_postcodes:
            errors["postcode"] = ["We cannot ship to this postcode."]
        return {"shipping_address": {"detail": {"errors": errors}}} if errors else {}

    def _line_errors(self, item: Any, *, for_job: bool) -> list[str]:
        if not isinstance(item, dict):
            return ["a line item must be an object"]
        errors = []
        norm = item.get("printable_normalization") or {}
        pod = item.get("pod_package_id") or norm.get("pod_package_id")
        if not isinstance(pod, str) or len(pod.replace(".", "")) != 27:
            errors.append("pod_package_id is not a valid product")
        if item.get("quantity") != 1 and not (isinstance(item.get("quantity"), int)):
            errors.append("quantity must be an integer")
        if for_job:
            if not item.get("title"):
                errors.append("title is required")
            for part in ("cover", "interior"):
                if not (norm.get(part) or {}).get("source_url", "").startswith("http"):
                    errors.append(f"printable_normalization.{part}.source_url is required")
        elif isinstance(pod, str):
            pages = item.get("page_count")
            if not isinstance(pages, int) or pages < min_pages_for(pod):
                errors.append(f"page_count must be at least {min_pages_for(pod)}")
        return errors

    async def _cost(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.cost_calls.append(body)
        items = body.get("line_items") or []
        errors: dict[str, Any] = {}
        if body.get("shipping_option") not in LEVELS:
            errors["shipping_option"] = ["not a valid choice"]
        line_errors = [e for item in items for e in self._line_errors(item, for_job=False)]
        if not items or line_errors:
            errors["line_items"] = line_errors or ["This field is required."]
        errors.update(self._address_errors(body.get("shipping_address"), for_job=False))
        if errors:
            return bad(errors)
        return web.json_response(
            {
                "total_cost_incl_tax": "21.40", "total_cost_excl_tax": "19.80",
                "total_tax": "1.60", "currency": "USD",
                "shipping_cost": {"total_cost_incl_tax": "5.20"},
                "line_item_costs": [{"total_cost_incl_tax": "16.20"}],
            },
            status=201,
        )  # fmt: skip

    @staticmethod
    def cover_points(pod: str, pages: int) -> tuple[float, float]:
        """This fake's cover rule (invented numbers in Lulu's shape): trim x 2 + spine, plus a
        0.75 in wrap all round for case-wrap and linen-wrap hardcovers, else a 0.125 in bleed."""
        compact = pod.replace(".", "")
        trim_w, trim_h = (float(v) / 100 for v in compact[:9].split("X"))
        hard = compact[14:16] in ("CW", "LW", "DJ")
        spine = pages / 444 + (0.25 if hard else 0.0)
        margin = 0.75 if hard else 0.125
        return ((2 * trim_w + spine + 2 * margin) * 72, (trim_h + 2 * margin) * 72)

    async def _cover_dimensions(self, request: web.Request) -> web.Response:
        body = await request.json()
        pod, pages = body.get("pod_package_id"), body.get("interior_page_count")
        errors = {}
        if not isinstance(pod, str) or len(pod.replace(".", "")) != 27:
            errors["pod_package_id"] = ["not a valid product"]
        if not isinstance(pages, int) or pages < 2:
            errors["interior_page_count"] = ["a whole number of pages, at least 2"]
        if body.get("unit", "pt") != "pt":
            errors["unit"] = ["this fake answers in pt only"]
        if errors:
            return bad(errors)
        width, height = self.cover_points(pod, pages)
        return web.json_response(
            {"width": f"{width:.3f}", "height": f"{height:.3f}", "unit": "pt"}, status=201
        )

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.create_calls += 1
        if self.fail_next_create is not None:
            status, self.fail_next_create = self.fail_next_create, None
            return bad({"detail": "Service unavailable"}, status)
        if self.slow_create:
            await asyncio.sleep(self.slow_create)
        errors: dict[str, Any] = {}
        if not body.get("contact_email"):
            errors["contact_email"] = ["This field is required."]
        if body.get("shipping_level") not in LEVELS:
            errors["shipping_level"] = ["not a valid choice"]
        items = body.get("line_items") or []
        line_errors = [e for item in items for e in self._line_errors(item, for_job=True)]
        if len(items) != 1 or line_errors:
            errors["line_items"] = line_errors or ["exactly one line item, please"]
        errors.update(self._address_errors(body.get("shipping_address"), for_job=True))
        if errors:
            return bad(errors)
        job_id = next(self._ids)
        job = {
            "id": job_id,
            "external_id": body.get("external_id"),
            "contact_email": body["contact_email"],
            "shipping_level": body["shipping_level"],
            "shipping_address": body["shipping_address"],
            "line_items": [
                {"id": job_id * 10, "external_id": items[0].get("external_id"),
                 "title": items[0]["title"], "quantity": items[0]["quantity"],
                 "status": {"name": "CREATED", "messages": {}},
                 "printable_normalization": items[0]["printable_normalization"],
                 "pod_package_id": items[0].get("pod_package_id")}
            ],
            "status": {"name": "CREATED", "message": "", "changed": self._stamp()},
        }  # fmt: skip
        self.jobs[job_id] = job
        self._notify(job)
        if self.fetch_files:
            problem = await self._check_files(job)
            if problem:
                self.move(job_id, "REJECTED", message=problem)
        if self.delay_next_create:
            delay, self.delay_next_create = self.delay_next_create, 0.0
            await asyncio.sleep(delay)
        return web.json_response(job, status=201)

    async def _check_files(self, job: dict[str, Any]) -> str | None:
        item = job["line_items"][0]
        norm = item["printable_normalization"]
        pod = item.get("pod_package_id") or norm.get("pod_package_id")
        async with aiohttp.ClientSession() as http:
            pages: dict[str, int] = {}
            for part in ("interior", "cover"):
                url = norm[part]["source_url"]
                if self.reach is not None:
                    url = url.replace(self.reach[0].rstrip("/"), self.reach[1].rstrip("/"), 1)
                async with http.get(url) as response:
                    data = await response.read()
                if response.status != 200 or not data.startswith(b"%PDF"):
                    return f"{part} file could not be fetched as a PDF ({response.status})"
                pdf = PdfReader(io.BytesIO(data))
                pages[part] = len(pdf.pages)
                self.fetched.append((part, pages[part]))
                if part == "cover":
                    box = pdf.pages[0].mediabox
                    size = (float(box.width), float(box.height))
        if pages["interior"] < min_pages_for(pod):
            return f"interior has {pages['interior']} pages; at least {min_pages_for(pod)}"
        if pages["cover"] != 1:
            return "the cover must be one page (the whole spread)"
        want = self.cover_points(pod, pages["interior"])
        if any(abs(got - need) > 1.0 for got, need in zip(size, want, strict=True)):
            return (
                f"cover is {size[0]:.1f} x {size[1]:.1f} pt; {want[0]:.1f} x {want[1]:.1f} needed"
            )
        return None

    async def _list(self, request: web.Request) -> web.Response:
        search = request.query.get("search", "")
        found = [
            j for j in self.jobs.values()
            if not search or search in str(j.get("external_id") or "") or search == str(j["id"])
        ]  # fmt: skip
        return web.json_response(
            {"count": len(found), "next": None, "previous": None, "results": found}
        )

    async def _get(self, request: web.Request) -> web.Response:
        job = self.jobs.get(int(request.match_info["id"]))
        if job is None:
            return bad({"detail": "Not found."}, 404)
        return web.json_response(job)

    async def _status(self, request: web.Request) -> web.Response:
        job = self.jobs.get(int(request.match_info["id"]))
        if job is None:
            return bad({"detail": "Not found."}, 404)
        body = await request.json()
        if body.get("name") != "CANCELED":
            return bad({"name": ["Only CANCELED can be set."]})
        if "CANCELED" not in NEXT.get(job["status"]["name"], set()):
            return bad({"detail": f"A {job['status']['name']} print job cannot be canceled."})
        self.move(job["id"], "CANCELED", message="canceled by the client")
        return web.json_response(job["status"])

    # --- what Lulu does by itself ------------------------------------------------------

    def _stamp(self) -> str:
        return f"2026-12-02T10:{len(self.webhooks):02d}:00Z"

    def move(
        self, job_id: int, status: str, *, message: str = "", carrier: str = "", url: str = ""
    ) -> None:
        job = self.jobs[job_id]
        current = job["status"]["name"]
        if status not in NEXT.get(current, set()):
            raise AssertionError(f"Lulu never moves a job from {current} to {status}")
        job["status"] = {"name": status, "message": message, "changed": self._stamp()}
        item = job["line_items"][0]
        item["status"] = {"name": status if status != "UNPAID" else "ACCEPTED", "messages": {}}
        if status == "SHIPPED":
            item["status"]["messages"] = {
                "tracking_id": f"TRK{job_id}", "tracking_urls": [url], "carrier_name": carrier,
            }  # fmt: skip
        self._notify(job)

    def walk(self, job_id: int, *statuses: str, **shipped: str) -> None:
        for status in statuses:
            self.move(job_id, status, **(shipped if status == "SHIPPED" else {}))

    def _notify(self, job: dict[str, Any]) -> None:
        body = {"topic": "PRINT_JOB_STATUS_CHANGED", "data": json.loads(json.dumps(job))}
        self.webhooks.append(json.dumps(body).encode())

    def signature(self, raw: bytes) -> str:
        return hmac.new(self.secret.encode(), raw, hashlib.sha256).hexdigest()

    def job_for(self, external_id: str) -> dict[str, Any]:
        (job,) = [j for j in self.jobs.values() if j.get("external_id") == external_id]
        return job

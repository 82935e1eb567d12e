"""LuluPrintPartner: the PrintPartner port over Lulu's Print API (client-credentials token).

Lulu does not deduplicate print jobs itself, so `submit` first looks for a job that carries our
`external_id` and only creates one when there is none; the create call is made once per try (no
blind retry after a timeout: the next try looks again first)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from adapters.lulu.jobs import address_body, job_body, job_state, refusal
from adapters.provider_http import ProviderHttp, basic_auth
from domain.payments import PaymentProviderError
from domain.printing import (
    PrintAddress,
    PrintJobRequest,
    PrintJobState,
    PrintPartnerError,
    PrintQuote,
    PrintRefused,
    min_pages_for,
)

PROVIDER = "lulu"
TOKEN_PATH = "/auth/realms/glasstree/protocol/openid-connect/token"
TOKEN_MARGIN_SECONDS = 60  # renew this long before Lulu says the token expires


class LuluPrintPartner:
    def __init__(
        self,
        http: ProviderHttp,
        create_http: ProviderHttp,
        client_key: str,
        client_secret: str,
        *,
        pod_package_id: str,
        shipping_level: str,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = http
        self._create_http = create_http  # one attempt per call (see the module's note)
        self._basic = {"Authorization": basic_auth(client_key, client_secret)}
        self._pod = pod_package_id
        self._level = shipping_level
        self._monotonic = monotonic
        self._token: tuple[str, float] | None = None

    @property
    def provider(self) -> str:
        return PROVIDER

    async def close(self) -> None:
        await self._http.close()
        await self._create_http.close()

    @property
    def min_pages(self) -> int:
        return min_pages_for(self._pod)

    async def _bearer(self) -> dict[str, str]:
        if self._token is None or self._monotonic() >= self._token[1]:
            status, data = await self._call(
                self._http, "POST", TOKEN_PATH, auth=self._basic,
                data={"grant_type": "client_credentials"},
            )  # fmt: skip
            if status != 200 or not isinstance(data.get("access_token"), str):
                raise PrintPartnerError(f"Lulu refused the token request ({status})")
            expires = float(data.get("expires_in") or 300)
            self._token = (data["access_token"], self._monotonic() + expires - TOKEN_MARGIN_SECONDS)
        return {"Authorization": f"Bearer {self._token[0]}"}

    async def _call(
        self, http: ProviderHttp, method: str, path: str, *, auth: dict[str, str],
        body: Any = None, data: Any = None, params: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, Any]]:  # fmt: skip
        try:
            return await http.request(
                method, path, headers=auth, body=body, data=data, params=params
            )
        except PaymentProviderError as exc:
            raise PrintPartnerError(f"Lulu: {exc}") from exc

    async def _api(
        self, method: str, path: str, *, body: Any = None, params: dict[str, str] | None = None,
        http: ProviderHttp | None = None,
    ) -> tuple[int, dict[str, Any]]:  # fmt: skip
        status, data = await self._call(
            http or self._http, method, path, auth=await self._bearer(), body=body, params=params
        )
        if status == 401:  # revoked early: one fresh token, one more try
            self._token = None
            status, data = await self._call(
                http or self._http, method, path, auth=await self._bearer(), body=body,
                params=params,
            )  # fmt: skip
        return status, data

    async def quote(self, address: PrintAddress, page_count: int) -> PrintQuote:
        body = {
            "line_items": [{"pod_package_id": self._pod, "page_count": page_count, "quantity": 1}],
            "shipping_address": address_body(address),
            "shipping_option": self._level,
        }
        status, data = await self._api("POST", "/print-job-cost-calculations/", body=body)
        if status in (400, 422):
            raise PrintRefused(refusal(data))
        if status not in (200, 201):
            raise PrintPartnerError(f"Lulu's cost calculation failed ({status})")
        return PrintQuote(
            total_incl_tax=str(data.get("total_cost_incl_tax", "")),
            currency=str(data.get("currency", "")),
            shipping=str((data.get("shipping_cost") or {}).get("total_cost_incl_tax", "")),
        )

    async def cover_size(self, page_count: int) -> tuple[float, float] | None:
        body = {"pod_package_id": self._pod, "interior_page_count": page_count, "unit": "pt"}
        status, data = await self._api("POST", "/cover-dimensions/", body=body)
        if status in (400, 422):
            raise PrintRefused(refusal(data))
        if status not in (200, 201):
            raise PrintPartnerError(f"Lulu's cover dimensions failed ({status})")
        try:
            return float(data["width"]), float(data["height"])
        except (KeyError, TypeError, ValueError):
            raise PrintPartnerError("Lulu's cover dimensions have no width and height") from None

    async def find(self, external_id: str) -> PrintJobState | None:
        status, data = await self._api("GET", "/print-jobs/", params={"search": external_id})
        if status != 200:
            raise PrintPartnerError(f"Lulu's job list failed ({status})")
        for job in data.get("results") or []:
            if isinstance(job, dict) and str(job.get("external_id")) == external_id:
                return job_state(job)
        return None

    async def submit(self, request: PrintJobRequest) -> PrintJobState:
        existing = await self.find(request.external_id)
        if existing is not None:
            return existing
        body = job_body(request, self._pod, self._level)
        status, data = await self._api("POST", "/print-jobs/", body=body, http=self._create_http)
        if status in (400, 422):
            raise PrintRefused(refusal(data))
        if status not in (200, 201):
            raise PrintPartnerError(f"Lulu refused the print job ({status})")
        return job_state(data)

    async def job(self, job_id: str) -> PrintJobState:
        status, data = await self._api("GET", f"/print-jobs/{job_id}/")
        if status != 200:
            raise PrintPartnerError(f"Lulu could not show print job {job_id} ({status})")
        return job_state(data)

    async def cancel(self, job_id: str) -> PrintJobState:
        status, data = await self._api(
            "PUT", f"/print-jobs/{job_id}/status/", body={"name": "CANCELED"}
        )
        if status in (400, 409, 422):
            raise PrintRefused(refusal(data))
        if status not in (200, 201):
            raise PrintPartnerError(f"Lulu could not cancel print job {job_id} ({status})")
        return await self.job(job_id)

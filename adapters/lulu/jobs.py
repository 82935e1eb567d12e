"""Lulu's print-job JSON <-> our plain print types."""

from __future__ import annotations

from typing import Any

from domain.printing import (
    PrintAddress,
    PrintJobRequest,
    PrintJobState,
    PrintPartnerError,
    PrintStatus,
    Tracking,
    parse_status,
)


def address_body(address: PrintAddress, email: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": address.name,
        "street1": address.street1,
        "city": address.city,
        "state_code": address.state_code,
        "postcode": address.postcode,
        "country_code": address.country_code,
        "phone_number": address.phone,
    }
    if address.street2:
        body["street2"] = address.street2
    if email:
        body["email"] = email
    return body


def job_body(request: PrintJobRequest, pod_package_id: str, shipping_level: str) -> dict[str, Any]:
    return {
        "external_id": request.external_id,
        "contact_email": request.contact_email,
        "shipping_level": shipping_level,
        "shipping_address": address_body(request.address),
        "line_items": [
            {
                "external_id": request.external_id,
                "title": request.title[:255],
                "quantity": 1,
                "pod_package_id": pod_package_id,
                "printable_normalization": {
                    "pod_package_id": pod_package_id,
                    "cover": {"source_url": request.cover_url},
                    "interior": {"source_url": request.interior_url},
                },
            }
        ],
    }


def _clean(value: Any, limit: int) -> str:
    """Outside text made safe to keep: a string, no NUL bytes, at most `limit` characters."""
    return str(value if value is not None else "").replace("\x00", "")[:limit]


def _tracking(line_items: list[Any]) -> Tracking | None:
    for item in line_items:
        if not isinstance(item, dict):
            continue
        status = item.get("status") if isinstance(item.get("status"), dict) else item
        messages = status.get("messages") if isinstance(status, dict) else None
        if not isinstance(messages, dict):
            continue
        urls = messages.get("tracking_urls") or []
        if urls or messages.get("tracking_id"):
            url = _clean(urls[0], 2000) if isinstance(urls, list) and urls else ""
            return Tracking(
                carrier=_clean(messages.get("carrier_name"), 100),
                url=url if url.startswith(("https://", "http://")) else "",
                tracking_id=_clean(messages.get("tracking_id"), 100),
            )
    return None


def job_state(data: dict[str, Any]) -> PrintJobState:
    """A print job (GET /print-jobs/{id}/, a webhook's `data`) as plain data."""
    try:
        status = data["status"]
        name = status["name"] if isinstance(status, dict) else str(status)
        job_id = _clean(data["id"], 65)
    except (KeyError, TypeError):
        raise PrintPartnerError("the print job has no id or status") from None
    if not 0 < len(job_id) <= 64:
        raise PrintPartnerError("the print job's id is empty or too long")
    parsed = parse_status(_clean(name, 32))
    if parsed is None:
        raise PrintPartnerError(f"unknown print job status {name!r}")
    message = ""
    if isinstance(status, dict):
        raw = status.get("message") or ""
        message = _clean(raw, 500)
    tracking = _tracking(data.get("line_items") or data.get("line_item_statuses") or [])
    return PrintJobState(
        job_id=job_id,
        external_id=_clean(data["external_id"], 64) if data.get("external_id") else None,
        status=parsed,
        message=message,
        changed=_clean(status.get("changed"), 40) if isinstance(status, dict) else "",
        tracking=tracking if parsed in (PrintStatus.SHIPPED, PrintStatus.DELIVERED) else None,
    )


def refusal(data: dict[str, Any]) -> str:
    """A short reason out of Lulu's 400 answer (field -> messages, or `detail`)."""
    parts: list[str] = []

    def walk(value: Any, where: str) -> None:
        if isinstance(value, str):
            parts.append(f"{where}: {value}" if where else value)
        elif isinstance(value, list):
            for v in value:
                walk(v, where)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, k if k not in ("detail", "errors", "message") else where)

    walk(data, "")
    return "; ".join(parts)[:300] or "refused"

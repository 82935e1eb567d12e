"""Inbound messages and internal events <-> the JSON kept in chat_messages.body."""

from __future__ import annotations

from typing import Any

from flows.messages import (
    HandedBack,
    Inbound,
    InboundChoice,
    InboundImage,
    InboundText,
    InboundUnsupported,
    JobFinished,
    JobProgressed,
    PaymentConfirmed,
    PaymentRefunded,
    PdfResendRequested,
    PrintUpdated,
    RegenerationGranted,
    ReminderDue,
    SupportEditedProfile,
    SupportRegenerated,
    SupportReplied,
    TookOver,
)

_EVENTS: dict[str, type] = {
    "job_progressed": JobProgressed,
    "job_finished": JobFinished,
    "payment_confirmed": PaymentConfirmed,
    "payment_refunded": PaymentRefunded,
    "print_updated": PrintUpdated,
    "handed_back": HandedBack,
    "reminder_due": ReminderDue,
    "took_over": TookOver,
    "support_replied": SupportReplied,
    "pdf_resend_requested": PdfResendRequested,
    "regeneration_granted": RegenerationGranted,
    "support_regenerated": SupportRegenerated,
    "support_edited_profile": SupportEditedProfile,
}
_EVENT_NAMES = {cls: name for name, cls in _EVENTS.items()}


def encode(inbound: Inbound) -> tuple[str, dict[str, Any]]:
    """(kind, body) for chat_messages."""
    if isinstance(inbound, InboundText):
        return "text", {"text": inbound.text}
    if isinstance(inbound, InboundChoice):
        return "choice", {"id": inbound.id}
    if isinstance(inbound, InboundImage):
        return "image", {
            "asset_id": inbound.asset_id,
            "mime": inbound.mime,
            "size_bytes": inbound.size_bytes,
        }
    if isinstance(inbound, InboundUnsupported):
        return "unsupported", {"what": inbound.what}
    name = _EVENT_NAMES[type(inbound)]
    fields = {f: getattr(inbound, f) for f in inbound.__dataclass_fields__}
    return "event", {"type": name, **fields}


def decode(kind: str, body: dict[str, Any]) -> Inbound:
    if kind == "text":
        return InboundText(body["text"])
    if kind == "choice":
        return InboundChoice(body["id"])
    if kind == "image":
        return InboundImage(body["asset_id"], body["mime"], body["size_bytes"])
    if kind == "unsupported":
        return InboundUnsupported(body.get("what", "message"))
    data = dict(body)
    cls = _EVENTS[data.pop("type")]
    return cls(**data)  # type: ignore[no-any-return]

"""Signed webhook bodies -> one item per entry x change x message/status (Meta batches them).

Parsing is ours, not pywa's: pywa dispatches only the first item of a batched delivery and
cannot build a user from payloads without `contacts[].user_id` (the older format).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any, TypedDict

from adapters.whatsapp.payments import WaPayment, is_payment, parse_payment
from domain.text_input import printable, unkeepable

SIGNATURE_HEADER = "X-Hub-Signature-256"
# Kinds the flows answer with a kind "I can't read that here" and the question again.
UNSUPPORTED = {
    "document",
    "audio",
    "video",
    "sticker",
    "location",
    "contacts",
    "reaction",
    "order",
    "system",
    "unsupported",
    "unknown",
}
IGNORED = {"edit", "revoke", "edited", "deleted"}  # an edit or a deletion is not a new message
# An item's key (message id, or status:<wamid>:<status>) as the deliveries table keeps it; a
# message id must also fit chat_messages.channel_message_id (160).
MAX_KEY_CHARS = 160
WA_ID_CHARS, USER_ID_CHARS = 32, 64  # users.wa_id, users.wa_user_id
TEXT_CHARS, CHOICE_CHARS, MEDIA_ID_CHARS = 4096, 256, 128  # WhatsApp's own limits and more
REJECTED_RAW_CHARS = 8000  # what support sees of an item refused at the edge


class MalformedPayload(ValueError):
    """The body is not JSON, or not a WhatsApp webhook envelope."""


def signature_valid(app_secret: bytes, raw: bytes, header: str | None) -> bool:
    """X-Hub-Signature-256: 'sha256=' + hex HMAC-SHA256 of the raw body under the app secret."""
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret, raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header.removeprefix("sha256=").strip().lower(), expected)


@dataclass(frozen=True, slots=True)
class WaMessage:
    """One parent message. `kind` is text | choice | image | unsupported."""

    id: str
    kind: str
    sender: str  # the business-scoped user id when present, else the wa_id: our session key
    user_id: str | None
    wa_id: str | None
    phone_number_id: str | None
    timestamp: int
    text: str = ""
    choice_id: str = ""
    context_id: str | None = None  # which of our messages was answered
    media_id: str | None = None
    mime: str | None = None
    what: str = ""  # the original type, for unsupported ones


@dataclass(frozen=True, slots=True)
class WaStatus:
    """A delivery status of one of our messages."""

    message_id: str
    status: str  # sent | delivered | read | failed | played
    recipient: str | None
    phone_number_id: str | None
    timestamp: int
    error_code: str | None = None
    error_title: str | None = None


@dataclass(frozen=True, slots=True)
class RawItem:
    """One message or status of a delivery, as the ack keeps it: its unique key, its kind and
    its JSON (with what the worker needs of its envelope: contacts, our phone number id)."""

    key: str
    kind: str  # message | status (a payment's too: its key starts "payment:")
    raw: str
    rejected: str | None = None  # why it was refused at the edge: kept as handled, for support


@dataclass(frozen=True, slots=True)
class Split:
    items: list[RawItem]  # rejected ones included, marked
    skipped: int  # items refused at the edge (no usable id)


def split(raw: bytes) -> Split:
    """The ack's only parsing: one json.loads and a loop. Edits and deletions are dropped
    (they are not new messages); an item whose id is missing or too long is skipped alone."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, too deep, or an int over Python's limit
        raise MalformedPayload("the body is not JSON we can read") from None
    if not isinstance(data, dict) or not isinstance(data.get("entry", []), list):
        raise MalformedPayload("the body is not a webhook envelope")
    items: list[RawItem] = []
    skipped = 0
    for value in _values(data):
        phone_id = _str(_dict(value.get("metadata")).get("phone_number_id"))
        contacts = [c for c in _list(value.get("contacts")) if isinstance(c, dict)]
        for item in _list(value.get("messages")):
            item = _dict(item)
            if _str(item.get("type")) in IGNORED:
                continue
            envelope = {"message": item, "contacts": contacts, "phone_number_id": phone_id}
            skipped += _keep(items, _str(item.get("id")), "message", envelope)
        for item in _list(value.get("statuses")):
            item = _dict(item)
            if is_payment(item):  # an in-chat payment's news, keyed by what it says
                payment = parse_payment(item, phone_id)
                envelope = {"status": item, "phone_number_id": phone_id}
                skipped += _keep(items, payment.key if payment else None, "status", envelope)
                continue
            wamid, status = _str(item.get("id")), _str(item.get("status"))
            key = f"status:{wamid}:{status}" if wamid and status else None
            envelope = {"status": item, "phone_number_id": phone_id}
            skipped += _keep(items, key, "status", envelope)
    return Split(items, skipped)


def _keep(items: list[RawItem], key: str | None, kind: str, envelope: dict[str, Any]) -> int:
    """Keep one item if its key fits the schema; else keep a note of it, already handled, under
    a key of its own (a digest: Meta's redelivery is dropped as a duplicate). 1 if refused."""
    try:
        text = json.dumps(envelope, separators=(",", ":"))  # ASCII: a NUL stays escaped
    except (RecursionError, ValueError):  # nested nearly as deep as the parser allows
        text, key = json.dumps({"unreadable": kind}), None
    if key and len(key) <= MAX_KEY_CHARS and "\x00" not in key:
        items.append(RawItem(key, kind, text))
        return 0
    why = "no usable id" if not key else "id too long or with a NUL byte"
    digest = hashlib.sha256(text.encode()).hexdigest()
    items.append(RawItem(f"rejected:{digest}", kind, text[:REJECTED_RAW_CHARS], why))
    return 1


def load_item(kind: str, raw: str) -> WaMessage | WaStatus | WaPayment | None:
    """The worker's side: one kept item as a message or a status (None: unusable)."""
    envelope = _dict(json.loads(raw))
    phone_id = _str(envelope.get("phone_number_id"))
    if kind == "status" and is_payment(_dict(envelope.get("status"))):
        return parse_payment(_dict(envelope["status"]), phone_id)
    if kind == "status":
        return _status(_dict(envelope.get("status")), phone_id)
    contacts = [c for c in _list(envelope.get("contacts")) if isinstance(c, dict)]
    return _message(_dict(envelope.get("message")), contacts, phone_id)


class _Base(TypedDict):
    id: str
    sender: str
    user_id: str | None
    wa_id: str | None
    phone_number_id: str | None
    timestamp: int
    context_id: str | None


def sender_of(raw: str) -> tuple[str | None, str | None]:
    """(wa_id, business-scoped user id) of a kept item, as far as it can be read: an item
    refused at the ack may be cut short or hold anything."""
    try:
        envelope = _dict(json.loads(raw))
    except (ValueError, RecursionError):
        return None, None
    item = _dict(envelope.get("message")) or _dict(envelope.get("status"))
    wa_id = _str(item.get("from"), WA_ID_CHARS) or _str(item.get("recipient_id"), WA_ID_CHARS)
    user_id = _str(item.get("from_user_id"), USER_ID_CHARS)
    contacts = [c for c in _list(envelope.get("contacts")) if isinstance(c, dict)]
    contact = _contact_of(contacts, wa_id, user_id) or (contacts[0] if contacts else {})
    wa_id = wa_id or _str(contact.get("wa_id"), WA_ID_CHARS)
    return wa_id, user_id or _str(contact.get("user_id"), USER_ID_CHARS)


def _values(data: dict[str, Any]) -> list[dict[str, Any]]:
    values = []
    for entry in _list(data.get("entry")):
        for change in _list(_dict(entry).get("changes")):
            change = _dict(change)
            if change.get("field", "messages") == "messages":
                values.append(_dict(change.get("value")))
    return values


def _message(
    item: dict[str, Any], contacts: list[dict[str, Any]], phone_id: str | None
) -> WaMessage | None:
    message_id = _str(item.get("id"))
    wa_id = _str(item.get("from"))
    user_id = _str(item.get("from_user_id"))
    contact = _contact_of(contacts, wa_id, user_id)
    user_id = user_id or _str(contact.get("user_id"))
    wa_id = wa_id or _str(contact.get("wa_id"))
    sender = user_id or wa_id
    if not message_id or len(message_id) > MAX_KEY_CHARS:
        return None
    if not sender or len(wa_id or "") > WA_ID_CHARS:
        return None
    if len(user_id or "") > USER_ID_CHARS:
        return None
    kind = _str(item.get("type")) or "unknown"
    base = _Base(
        id=message_id,
        sender=sender,
        user_id=user_id,
        wa_id=wa_id,
        phone_number_id=phone_id,
        timestamp=_int(item.get("timestamp")),
        context_id=_str(_dict(item.get("context")).get("id")),
    )
    if kind == "text":
        body = _dict(item.get("text")).get("body", "")
        text = printable(body, TEXT_CHARS) if isinstance(body, str) else ""
        return WaMessage(kind="text", text=text, **base)
    if kind == "interactive":
        interactive = _dict(item.get("interactive"))
        reply = _dict(interactive.get(_str(interactive.get("type")) or ""))
        choice = _str(reply.get("id"), CHOICE_CHARS)
        if interactive.get("type") in ("button_reply", "list_reply") and choice:
            return WaMessage(kind="choice", choice_id=choice, **base)
        return WaMessage(kind="unsupported", what="interactive", **base)
    if kind == "button":  # a template's quick-reply button
        payload = _str(_dict(item.get("button")).get("payload"), CHOICE_CHARS)
        if payload:
            return WaMessage(kind="choice", choice_id=payload, **base)
    if kind in ("image", "document"):
        media = _dict(item.get(kind))
        media_id, mime = _str(media.get("id"), MEDIA_ID_CHARS), _str(media.get("mime_type"), 64)
        # A photo sent "as a file" (to keep its quality) arrives as a document: still a photo.
        if media_id and (kind == "image" or (mime or "").startswith("image/")):
            return WaMessage(kind="image", media_id=media_id, mime=mime, **base)
    what = kind if kind in UNSUPPORTED else "message"
    return WaMessage(kind="unsupported", what=what, **base)


def _contact_of(
    contacts: list[dict[str, Any]], wa_id: str | None, user_id: str | None
) -> dict[str, Any]:
    for contact in contacts:
        if (wa_id and contact.get("wa_id") == wa_id) or (
            user_id and contact.get("user_id") == user_id
        ):
            return contact
    return contacts[0] if len(contacts) == 1 else {}


def _status(item: dict[str, Any], phone_id: str | None) -> WaStatus | None:
    message_id, status = _str(item.get("id")), _str(item.get("status"))
    if not message_id or not status:
        return None
    errors = [e for e in _list(item.get("errors")) if isinstance(e, dict)]
    error = errors[0] if errors else {}
    code = error.get("code")
    return WaStatus(
        message_id=message_id,
        status=status,
        recipient=_str(item.get("recipient_id")) or _str(item.get("recipient_user_id")),
        phone_number_id=phone_id,
        timestamp=_int(item.get("timestamp")),
        error_code=(_str(code) or "")[:32] or None,
        error_title=_str(error.get("title"), 200) or _str(error.get("message"), 200),
    )


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any, limit: int = 1000) -> str | None:
    """A usable id or code: a NUL byte, another control character or a lone surrogate
    (PostgreSQL refuses them), or more than `limit` characters, makes it unusable."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    try:
        text = str(value)
    except ValueError:  # an int of more digits than Python prints
        return None
    return text if text and len(text) <= limit and not unkeepable(text) else None


def _int(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return 0
    return number if 0 <= number < 2**40 else 0

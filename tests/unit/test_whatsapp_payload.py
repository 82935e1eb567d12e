"""Webhook bodies -> the items the ack keeps -> messages and statuses (recorded payloads),
signatures, and the fake Graph's limit checks."""

from __future__ import annotations

import json

import pytest
from support.fake_graph import violations
from support.wa_driver import raw, sign

from adapters.whatsapp.payload import (
    MAX_KEY_CHARS,
    MalformedPayload,
    Split,
    WaMessage,
    WaStatus,
    load_item,
    signature_valid,
    split,
)


def kept(name: str) -> list:
    """What the ack keeps of a delivery, as the worker reads it back."""
    return [load_item(item.kind, item.raw) for item in split(raw(name)).items]


def messages(name: str) -> list[WaMessage]:
    return [m for m in kept(name) if isinstance(m, WaMessage)]


def statuses(name: str) -> list[WaStatus]:
    return [s for s in kept(name) if isinstance(s, WaStatus)]


def one(name: str):
    [message] = messages(name)
    return message


def test_signature_is_checked_over_the_raw_body():
    body = raw("text.json")
    assert signature_valid(b"test-app-secret", body, sign(body))
    assert not signature_valid(b"test-app-secret", body + b" ", sign(body))
    assert not signature_valid(b"other", body, sign(body))
    assert not signature_valid(b"test-app-secret", body, None)
    assert not signature_valid(b"test-app-secret", body, sign(body).removeprefix("sha256="))


def test_text_keys_on_the_business_scoped_id_and_keeps_the_wa_id():
    message = one("text.json")
    assert (message.kind, message.text, message.id) == ("text", "hi", "wamid.IN.TEXT1")
    assert (message.sender, message.user_id, message.wa_id) == (
        "US.1000000000000000001",
        "US.1000000000000000001",
        "15550002222",
    )
    assert message.phone_number_id == "1122334455667" and message.timestamp == 1767225600


def test_replies_carry_our_choice_id_and_the_answered_message():
    button, row = one("button_reply.json"), one("list_reply.json")
    assert (button.kind, button.choice_id, button.context_id) == ("choice", "7:agree", "wamid.OUT1")
    assert (row.kind, row.choice_id, row.context_id) == ("choice", "12:series:2", "wamid.OUT2")


def test_image_is_a_media_reference():
    image = one("image.json")
    assert (image.kind, image.media_id, image.mime) == ("image", "900000001", "image/jpeg")


def test_a_photo_sent_as_a_file_is_still_a_photo():
    photo = one("document_photo.json")
    assert (photo.kind, photo.media_id, photo.mime) == ("image", "900000002", "image/png")
    other = one("document_pdf.json")
    assert (other.kind, other.what) == ("unsupported", "document")


@pytest.mark.parametrize("name", ["audio", "sticker", "location", "reaction"])
def test_other_kinds_are_unsupported(name):
    message = one(f"{name}.json")
    assert (message.kind, message.what) == ("unsupported", name)


@pytest.mark.parametrize("name", ["edited.json", "revoked.json"])
def test_edits_and_deletions_are_ignored(name):
    assert split(raw(name)) == Split([], 0)


def test_older_format_without_user_id_keys_on_wa_id():
    message = one("old_format.json")
    assert (message.sender, message.user_id, message.wa_id) == ("15550003333", None, "15550003333")


def test_a_batch_is_split_into_every_message_and_status():
    assert [m.id for m in messages("batched.json")] == [
        "wamid.IN.BATCH1",
        "wamid.IN.BATCH2",
        "wamid.IN.BATCH3",
    ]
    assert [m.sender for m in messages("batched.json")] == [
        "US.1000000000000000001",
        "US.1000000000000000002",
        "US.1000000000000000003",
    ]
    assert [(s.message_id, s.status) for s in statuses("batched.json")] == [
        ("wamid.OUT9", "delivered"),
        ("wamid.OUT9", "read"),
    ]


def test_statuses_keep_the_failure():
    found = statuses("statuses.json")
    assert [s.status for s in found] == ["sent", "delivered", "read", "failed"]
    assert (found[3].error_code, found[3].error_title) == ("131047", "Re-engagement message")


def test_malformed_bodies():
    with pytest.raises(MalformedPayload):
        split(raw("malformed_not_json.txt"))
    with pytest.raises(MalformedPayload):
        split(raw("malformed_array.json"))
    refused = split(raw("malformed_items.json"))
    assert refused.skipped == 2 and [i.rejected for i in refused.items] == ["no usable id"] * 2
    assert all(i.key.startswith("rejected:") for i in refused.items)
    with pytest.raises(MalformedPayload):  # Python's JSON parser would raise RecursionError
        split(b'{"entry":' + b"[" * 10_000 + b"]" * 10_000 + b"}")


def test_items_are_keyed_on_the_message_id_and_on_wamid_and_status():
    keys = [(item.kind, item.key) for item in split(raw("batched.json")).items]
    assert keys == [  # in the order of the delivery
        ("message", "wamid.IN.BATCH1"),
        ("status", "status:wamid.OUT9:delivered"),
        ("message", "wamid.IN.BATCH2"),
        ("message", "wamid.IN.BATCH3"),
        ("status", "status:wamid.OUT9:read"),
    ]


def test_an_id_that_does_not_fit_is_skipped_alone():
    body = json.loads(raw("batched.json"))
    found = [m for e in body["entry"] for c in e["changes"] for m in c["value"]["messages"]]
    found[0]["id"] = "w" * (MAX_KEY_CHARS + 1)
    found[1]["id"] = "wamid.\x00NUL"
    result = split(json.dumps(body).encode())
    assert result.skipped == 2
    kept = [item.key for item in result.items if item.kind == "message" and not item.rejected]
    assert kept == ["wamid.IN.BATCH3"]
    refused = [item for item in result.items if item.rejected]
    assert [item.rejected for item in refused] == ["id too long or with a NUL byte", "no usable id"]
    assert json.loads(refused[0].raw)["message"]["id"] == "w" * (MAX_KEY_CHARS + 1)


def test_what_the_database_would_refuse_is_cleaned_or_unusable():
    body = json.loads(raw("text.json"))
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    message["text"]["body"] = "h\x00i"
    [item] = split(json.dumps(body).encode()).items
    assert load_item(item.kind, item.raw).text == "hi"  # NUL dropped from the words
    for field, value in (("from", "1" * 33), ("from", "155\x0000"), ("from_user_id", "U" * 65)):
        bad = json.loads(raw("text.json"))
        value_ = bad["entry"][0]["changes"][0]["value"]
        value_["contacts"] = []
        value_["messages"][0][field] = value
        [item] = split(json.dumps(bad).encode()).items
        assert load_item(item.kind, item.raw) is None, field


def test_a_kept_item_without_a_sender_is_unusable():
    body = json.loads(raw("text.json"))
    value = body["entry"][0]["changes"][0]["value"]
    value["contacts"] = []
    del value["messages"][0]["from"]
    [item] = split(json.dumps(body).encode()).items
    assert load_item(item.kind, item.raw) is None


def _buttons(*titles: str) -> dict:
    buttons = [
        {"type": "reply", "reply": {"id": f"b{i}", "title": t}} for i, t in enumerate(titles)
    ]
    return {
        "messaging_product": "whatsapp",
        "to": "15550002222",
        "type": "interactive",
        "interactive": {"type": "button", "body": {"text": "Pick"}, "action": {"buttons": buttons}},
    }


def test_the_fake_graph_refuses_what_whatsapp_refuses():
    assert violations(_buttons("Yes", "No")) == []
    assert violations(_buttons("a", "b", "c", "d"))
    assert violations(_buttons("x" * 21))
    assert violations(_buttons("é" * 20)) == []  # code points, not bytes
    rows = [{"id": f"r{i}", "title": "Row"} for i in range(11)]
    listing = {
        "messaging_product": "whatsapp",
        "to": "1",
        "type": "interactive",
        "interactive": {
            "type": "list",
            "body": {"text": "Pick"},
            "action": {"button": "Choose", "sections": [{"title": "All", "rows": rows}]},
        },
    }
    assert violations(listing)
    rows[:] = [{"id": "r", "title": "t" * 25, "description": "d" * 73}]
    assert len(violations(listing)) == 2
    text = {
        "messaging_product": "whatsapp",
        "to": "1",
        "type": "text",
        "text": {"body": "x" * 4097},
    }
    assert violations(text)

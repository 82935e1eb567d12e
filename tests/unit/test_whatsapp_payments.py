"""WhatsApp payments (India) as raw JSON: payment statuses and lookups read from recorded
payloads, the order messages we build, and the fake Graph's strictness about them."""

from __future__ import annotations

import copy
import json
import time

import pytest
from support.fake_graph_payments import FakeOrders, order_details_violations
from support.wa_driver import load, raw

from adapters.whatsapp.payload import load_item, split
from adapters.whatsapp.payments import (
    WaPayment,
    minor_of,
    order_details,
    order_status,
    parse_lookup,
)
from domain.in_chat import OrderRequest, OrderUpdate, refused
from domain.money import Money

REF = "3f1c2a9b7d6e4c5a8b9c0d1e2f3a4b5c"


def payments(name: str) -> list[WaPayment]:
    kept = [item for item in split(raw(name)).items if not item.rejected]  # kept for support
    found = [load_item(item.kind, item.raw) for item in kept]
    assert all(isinstance(p, WaPayment) for p in found)
    return found  # type: ignore[return-value]


def test_a_captured_status_is_kept_as_a_payment_and_read_back():
    delivery = split(raw("payment_captured.json"))
    assert [i.kind for i in delivery.items] == ["status"] and delivery.skipped == 0
    assert delivery.items[0].key.startswith("payment:")
    [payment] = payments("payment_captured.json")
    assert (payment.reference_id, payment.status, payment.amount_minor, payment.currency) == (
        REF, "captured", 49900, "INR",
    )  # fmt: skip
    assert payment.transaction is not None
    assert payment.transaction.id == "order_QxT3m8Yb2Lk9Fa"
    assert payment.transaction.pg_transaction_id == "pay_QxT3nA1cD4eF5g"
    assert payment.transaction.method == "upi"
    report = payment.report()
    assert report.captured and not report.failed
    assert report.gateway_payment_id == "pay_QxT3nA1cD4eF5g"
    # a redelivery is the same item; the ack's unique key drops it
    assert split(raw("payment_captured.json")).items[0].key == delivery.items[0].key


def test_failed_and_pending_attempts_are_separate_news_and_a_bad_reference_is_skipped():
    delivery = split(raw("payment_failed.json"))
    assert delivery.skipped == 1  # "not a valid reference id!"
    failed, pending = payments("payment_failed.json")
    assert failed.report().failed and not failed.report().captured
    assert not pending.report().failed and not pending.report().captured
    assert failed.key != pending.key
    assert failed.transaction and failed.transaction.error_reason == "incorrect_pin"


def test_payment_statuses_never_look_like_message_statuses():
    body = load("payment_captured.json")
    status = body["entry"][0]["changes"][0]["value"]["statuses"][0]
    status["status"] = "x" * 17  # too long to be a status
    assert split(json.dumps(body).encode()).skipped == 1


def test_the_lookup_confirms_one_successful_capture_case_insensitively():
    state = parse_lookup(load("payment_lookup.json"), REF).state()
    assert (state.status, state.payment_id, state.amount_minor, state.currency) == (
        "paid", "pay_QxT3nA1cD4eF5g", 49900, "INR",
    )  # fmt: skip
    assert parse_lookup(load("payment_lookup.json"), "another-ref") is None


def test_the_lookup_never_confirms_pending_failed_or_two_successes():
    data = load("payment_lookup.json")
    entry = data["payments"][0]
    two = copy.deepcopy(data)
    two["payments"][0]["transactions"][0]["status"] = "success"
    assert parse_lookup(two, REF).state().status == "created"
    entry["status"] = "pending"
    entry["transactions"] = entry["transactions"][:1]
    failed = parse_lookup(data, REF).state()
    assert failed.status == "failed"
    entry["transactions"] = []
    assert parse_lookup(data, REF).state().status == "created"


def test_amounts_are_whole_paise_only():
    assert minor_of({"value": 49900, "offset": 100}) == 49900
    assert minor_of({"value": 4990, "offset": 10}) == 49900
    assert minor_of({"value": 1, "offset": 1000}) is None
    assert minor_of({"value": True, "offset": 100}) is None
    assert minor_of({"value": "49900", "offset": 100}) is None


@pytest.mark.parametrize(("code", "falls_back"), [
    (131026, True), (134011, True), (134000, True), (134099, True),
    (131009, False), (2046, False), (134100, False), (None, False),
])  # fmt: skip
def test_which_refusals_fall_back_to_the_link(code, falls_back):
    assert refused(code) is falls_back


def order(**changes) -> OrderRequest:
    values = dict(
        reference_id=REF, to="919800000001", goods="digital-goods", item_name="Zoya and the Moon",
        amount=Money(49900, "INR"), body="Tap Review and pay", footer="Secure payment",
        notes={"payment_id": REF, "book_id": "b1"},
    )  # fmt: skip
    values.update(changes)
    return OrderRequest(**values)  # type: ignore[arg-type]


def test_the_order_we_build_is_what_meta_accepts():
    item = order_details(order(), "storybook-razorpay")
    assert order_details_violations(item, set()) == []
    p = item["action"]["parameters"]
    assert p["total_amount"] == {"value": 49900, "offset": 100} and p["currency"] == "INR"
    gateway = p["payment_settings"][0]["payment_gateway"]
    assert gateway["configuration_name"] == "storybook-razorpay"
    assert gateway["razorpay"] == {"receipt": REF, "notes": {"payment_id": REF, "book_id": "b1"}}
    assert p["order"]["items"][0]["quantity"] == 1
    ship_to = {"name": "A Parent", "address_line1": "1 MG Road", "city": "Pune",
               "state": "MH", "country": "India", "postal_code": "411001"}  # fmt: skip
    printed = order_details(order(goods="physical-goods", beneficiary=ship_to), "c")
    assert order_details_violations(printed, set()) == []
    expiring = order_details(order(expires_at=int(time.time()) + 3600), "c")
    assert order_details_violations(expiring, set()) == []


def test_the_fake_refuses_what_meta_refuses():
    good = order_details(order(), "c")

    def broken(change) -> list[str]:
        item = copy.deepcopy(good)
        change(item, item["action"]["parameters"])
        return order_details_violations(item, set())

    assert broken(lambda i, p: p.update(reference_id="has space"))
    assert broken(lambda i, p: p.update(reference_id="x" * 36))
    assert order_details_violations(good, {REF})  # a reference id is used once
    assert broken(lambda i, p: p.update(currency="USD"))
    assert broken(lambda i, p: p["total_amount"].update(value=50000))  # not subtotal + tax
    assert broken(lambda i, p: p["order"]["tax"].update(value=100))  # total != sum now
    assert broken(lambda i, p: p["order"].update(shipping={"value": 100, "offset": 100}))
    assert broken(lambda i, p: i["body"].update(text="x" * 1025))
    assert broken(lambda i, p: i["footer"].update(text="x" * 61))
    assert broken(lambda i, p: p["order"]["items"][0].update(name="x" * 61))
    assert broken(lambda i, p: p.update(type="physical-goods"))  # no beneficiaries
    assert broken(lambda i, p: p["order"].update(expiration={"timestamp": str(int(time.time()))}))
    assert broken(lambda i, p: p["total_amount"].update(offset=1))
    assert not broken(lambda i, p: None)


def test_order_status_moves_forward_only():
    orders = FakeOrders("1", "c")
    assert orders.accept_order("wamid.1", "919800000001", order_details(order(), "c")) == []
    update = OrderUpdate(reference_id=REF, to="919800000001", status="processing", body="On it")
    assert orders.status_violations(order_status(update)) == (0, [])
    shipped = order_status(OrderUpdate(reference_id=REF, to="9", status="shipped", body="Sent"))
    assert orders.status_violations(shipped) == (0, [])
    done = order_status(OrderUpdate(reference_id=REF, to="9", status="completed", body="Done"))
    assert orders.status_violations(done) == (0, [])
    assert orders.status_violations(done)[0] == 2046  # completed is final
    unknown = order_status(OrderUpdate(reference_id="nope", to="9", status="completed", body="x"))
    assert orders.status_violations(unknown)[1]

"""The fake Graph server's WhatsApp payments (India): order_details and order_status checked as
strictly as Meta documents them, the payments lookup, and a parent paying in the chat, which
makes the payment status webhooks (captured, pending, failed) a test delivers, more than once.
"""

from __future__ import annotations

import itertools
import re
import time
from typing import Any

REFERENCE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,35}$")
GATEWAYS = {"billdesk", "razorpay", "payu", "zaakpay"}
ORDER_STATUSES = {"processing", "partially_shipped", "shipped", "completed", "canceled"}
MOVING = {"processing", "partially_shipped", "shipped"}
TERMINAL = {"completed", "canceled"}


def _text(problems: list[str], where: str, text: Any, limit: int, required: bool = True) -> None:
    if text is None and not required:
        return
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{where} is empty")
    elif len(text) > limit:
        problems.append(f"{where} has {len(text)} characters, over {limit}")


def _amount(problems: list[str], where: str, amount: Any, positive: bool = True) -> int:
    if not isinstance(amount, dict) or amount.get("offset") != 100:
        problems.append(f"{where} needs offset 100")
        return 0
    value = amount.get("value")
    if not isinstance(value, int) or isinstance(value, bool) or value < (1 if positive else 0):
        problems.append(f"{where}.value must be a {'positive' if positive else ''} integer")
        return 0
    return value


def order_details_violations(item: dict[str, Any], used: set[str]) -> list[str]:
    """What Meta would refuse in an order_details message (PG mode)."""
    problems: list[str] = []
    _text(problems, "body.text", (item.get("body") or {}).get("text"), 1024)
    if "footer" in item:
        _text(problems, "footer.text", (item["footer"] or {}).get("text"), 60)
    action = item.get("action") or {}
    if action.get("name") != "review_and_pay":
        problems.append("action.name must be review_and_pay")
    p = action.get("parameters")
    if not isinstance(p, dict):
        return [*problems, "action.parameters must be an object"]
    ref = p.get("reference_id")
    if not isinstance(ref, str) or not REFERENCE_ID.match(ref):
        problems.append("reference_id must be 1-35 of [A-Za-z0-9_.-]")
    elif ref in used:
        problems.append(f"reference_id {ref} was used by another order_details message")
    if p.get("type") not in ("digital-goods", "physical-goods"):
        problems.append("type must be digital-goods or physical-goods")
    if p.get("type") == "physical-goods":
        _beneficiaries(problems, p.get("beneficiaries"))
    if p.get("currency") != "INR":
        problems.append("currency must be INR")
    _payment_settings(problems, p.get("payment_settings"))
    total = _amount(problems, "total_amount", p.get("total_amount"))
    order = p.get("order") or {}
    if order.get("status") != "pending":
        problems.append("order.status must be pending")
    if "type" in order and order["type"] != "quick_pay":
        problems.append("order.type may only be quick_pay")
    items = order.get("items")
    if not isinstance(items, list) or not items:
        return [*problems, "order.items is empty"]
    lines = 0
    for i, line in enumerate(items):
        _text(problems, f"items[{i}].name", line.get("name"), 60)
        quantity = line.get("quantity")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            problems.append(f"items[{i}].quantity must be a positive integer")
            quantity = 0
        price = _amount(problems, f"items[{i}].amount", line.get("amount"))
        if "sale_amount" in line:
            sale = _amount(problems, f"items[{i}].sale_amount", line["sale_amount"])
            if sale >= price:
                problems.append(f"items[{i}].sale_amount must be below amount")
            price = sale
        lines += price * quantity
    subtotal = _amount(problems, "order.subtotal", order.get("subtotal"))
    tax = _amount(problems, "order.tax", order.get("tax"), positive=False)
    shipping = _amount(problems, "order.shipping", order.get("shipping", _ZERO), positive=False)
    discount = _amount(problems, "order.discount", order.get("discount", _ZERO), positive=False)
    if subtotal != lines:
        problems.append(f"subtotal {subtotal} is not the items' sum {lines}")
    if total != subtotal + tax + shipping - discount:
        problems.append("total_amount is not subtotal + tax + shipping - discount")
    expiration = order.get("expiration")
    if expiration is not None:
        stamp = str(expiration.get("timestamp", ""))
        if not stamp.isdigit() or int(stamp) < time.time() + 300:
            problems.append("expiration must be at least 300 seconds ahead")
        _text(problems, "expiration.description", expiration.get("description"), 120, False)
    return problems


_ZERO = {"value": 0, "offset": 100}


def _beneficiaries(problems: list[str], found: Any) -> None:
    if not isinstance(found, list) or not found:
        problems.append("physical-goods need beneficiaries")
        return
    for b in found:
        _text(problems, "beneficiary name", b.get("name"), 200)
        _text(problems, "beneficiary address_line1", b.get("address_line1"), 100)
        _text(problems, "beneficiary city", b.get("city"), 100)
        if b.get("country") != "India":
            problems.append("beneficiary country must be India")
        if not re.fullmatch(r"\d{6}", str(b.get("postal_code", ""))):
            problems.append("beneficiary postal_code must be 6 digits")


def _payment_settings(problems: list[str], found: Any) -> None:
    if not isinstance(found, list) or len(found) != 1:
        problems.append("payment_settings must hold one setting")
        return
    setting = found[0]
    gateway = setting.get("payment_gateway") or {}
    if setting.get("type") != "payment_gateway" or gateway.get("type") not in GATEWAYS:
        problems.append("payment_settings[0] must be a payment_gateway of a known type")
    _text(problems, "configuration_name", gateway.get("configuration_name"), 60)
    razorpay = gateway.get("razorpay") or {}
    _text(problems, "razorpay.receipt", razorpay.get("receipt"), 40, required=False)
    notes = razorpay.get("notes") or {}
    if len(notes) > 15 or any(len(str(v)) > 256 for v in notes.values()):
        problems.append("razorpay.notes: at most 15 keys of at most 256 characters")


class FakeOrders:
    """Orders sent by order_details, what their parents paid, and the webhooks that follow."""

    def __init__(self, phone_number_id: str, configuration: str) -> None:
        self.phone_number_id = phone_number_id
        self.configuration = configuration  # the one linked in (fake) WhatsApp Manager
        self.orders: dict[str, dict[str, Any]] = {}  # by reference id
        self.updates: list[tuple[str, str]] = []  # (reference id, order_status) accepted
        self.webhooks: list[dict[str, Any]] = []  # payment status deliveries, to post
        self.lookups: list[str] = []
        self.refunds: list[dict[str, Any]] = []
        self.lookup_amount_delta = 0  # a test can make the lookup report another amount
        self._ids = itertools.count(1)

    def accept_order(self, wamid: str, to: str, item: dict[str, Any]) -> list[str]:
        problems = order_details_violations(item, set(self.orders))
        if problems:
            return problems
        p = item["action"]["parameters"]
        self.orders[p["reference_id"]] = {
            "wamid": wamid, "to": to, "parameters": p, "status": "pending",
            "order_status": "pending", "transactions": [],
            "configuration": p["payment_settings"][0]["payment_gateway"]["configuration_name"],
        }  # fmt: skip
        return []

    def status_violations(self, item: dict[str, Any]) -> tuple[int, list[str]]:
        """(Meta's error code, problems) of an order_status message; it moves the order."""
        problems: list[str] = []
        _text(problems, "body.text", (item.get("body") or {}).get("text"), 1024)
        if "footer" in item:
            _text(problems, "footer.text", (item["footer"] or {}).get("text"), 60)
        action = item.get("action") or {}
        p = action.get("parameters") or {}
        new = (p.get("order") or {}).get("status")
        order = self.orders.get(p.get("reference_id", ""))
        if action.get("name") != "review_order":
            problems.append("action.name must be review_order")
        if order is None:
            problems.append("no order_details message has this reference_id")
        if new not in ORDER_STATUSES:
            problems.append(f"order.status {new!r} is not an order status")
        if problems or order is None:
            return 131009, problems
        current = order["order_status"]
        if new == "canceled" and order["status"] == "captured":
            return 2047, ["Could not change order status to 'canceled': it is paid"]
        if current in TERMINAL or (current in MOVING and new not in MOVING | TERMINAL):
            return 2046, [f"New order status {new} was not correctly transitioned from {current}"]
        order["order_status"] = new
        self.updates.append((p["reference_id"], new))
        return 0, []

    # -- the parent pays in the chat ----------------------------------------------------------

    def pay(self, reference_id: str, outcome: str = "success") -> dict[str, Any]:
        """The parent taps Review and pay: a transaction that succeeds, fails or stays
        pending. Each makes one payment status webhook (queued in `webhooks`)."""
        order = self.orders[reference_id]
        assert order["configuration"] == self.configuration, "this configuration cannot be paid"
        assert order["status"] != "captured", "at most one transaction can succeed"
        n = next(self._ids)
        amount = order["parameters"]["total_amount"]
        notes = order["parameters"]["payment_settings"][0]["payment_gateway"]["razorpay"]
        transaction = {
            "id": f"order_WA{n:012d}", "pg_transaction_id": f"pay_WA{n:012d}",
            "type": "razorpay", "status": outcome, "created_timestamp": int(time.time()),
            "updated_timestamp": int(time.time()), "amount": dict(amount),
            "order_amount": dict(amount), "currency": "INR", "method": {"type": "upi"},
        }  # fmt: skip
        if outcome == "failed":
            transaction["error"] = {"code": "BAD_REQUEST_ERROR", "reason": "incorrect_pin"}
        order["transactions"].append(transaction)
        if outcome == "success":
            order["status"] = "captured"
        self.webhooks.append(self.status_webhook(reference_id, transaction, notes))
        return transaction

    def status_webhook(
        self, reference_id: str, transaction: dict[str, Any], razorpay: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """A payment status delivery as Meta sends it (no `contacts`)."""
        order = self.orders[reference_id]
        status = "captured" if transaction["status"] == "success" else "pending"
        payment: dict[str, Any] = {
            "reference_id": reference_id, "amount": order["parameters"]["total_amount"],
            "currency": "INR", "transaction": {k: v for k, v in transaction.items()
                                               if k not in ("amount", "order_amount", "currency")},
        }  # fmt: skip
        if razorpay:
            payment.update(receipt=razorpay.get("receipt"), notes=razorpay.get("notes"))
        value = {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550001111", "phone_number_id": self.phone_number_id},
            "statuses": [{
                "id": order["wamid"], "recipient_id": order["to"], "type": "payment",
                "status": status, "payment": payment, "timestamp": str(int(time.time())),
            }],
        }  # fmt: skip
        return {
            "object": "whatsapp_business_account",
            "entry": [{"id": "WABA-FAKE", "changes": [{"field": "messages", "value": value}]}],
        }

    def lookup(self, configuration: str, reference_id: str) -> tuple[int, dict[str, Any]]:
        self.lookups.append(reference_id)
        order = self.orders.get(reference_id)
        if order is None:
            return 134006, {"message": "(#134006) Reference id is invalid"}
        if configuration != order["configuration"]:
            return 134009, {"message": "(#134009) Payment configuration id is invalid"}
        amount = dict(order["parameters"]["total_amount"])
        amount["value"] += self.lookup_amount_delta
        transactions = []
        for t in order["transactions"]:
            t = dict(t)
            if t["status"] == "success":
                t["amount"] = amount
            transactions.append(t)
        razorpay = order["parameters"]["payment_settings"][0]["payment_gateway"]["razorpay"]
        entry = {
            "reference_id": reference_id, "status": order["status"], "currency": "INR",
            "amount": amount, "transactions": transactions,
            "receipt": razorpay.get("receipt"), "notes": razorpay.get("notes"),
        }  # fmt: skip
        return 0, {"payments": [entry]}

    def refund(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """POST /{phone-number-id}/payments_refund (payment gateway mode only)."""
        order = self.orders.get(str(body.get("reference_id")))
        if order is None:
            return 134006, {"message": "(#134006) Reference id is invalid"}
        if body.get("payment_config_id") != order["configuration"]:
            return 134009, {"message": "(#134009) Payment configuration id is invalid"}
        amount = body.get("amount") or {}
        paid = order["parameters"]["total_amount"]["value"]
        refunded = sum(int(r["amount"]["value"]) for r in self.refunds
                       if r["reference_id"] == body["reference_id"])  # fmt: skip
        value = str(amount.get("value", ""))
        if amount.get("currency") != "INR" or str(amount.get("offset")) != "100":
            return 131009, {"message": "(#131009) amount must be INR with offset 100"}
        if order["status"] != "captured" or not value.isdigit() or int(value) > paid - refunded:
            return 131009, {"message": "(#131009) nothing to refund of this amount"}
        refund = {"id": f"refund-{next(self._ids)}", "status": "pending",
                  "speed_processed": "normal", "reference_id": body["reference_id"],
                  "amount": amount}  # fmt: skip
        self.refunds.append(refund)
        return 0, {k: refund[k] for k in ("id", "status", "speed_processed")}

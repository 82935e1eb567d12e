"""WhatsAppInChatCheckout: order_details / order_status messages and the payments lookup
through pywa's raw API call (pywa has no payments support). It is also the payment gateway
of in-chat payments, so settlement and refunds ask WhatsApp like any provider."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pywa.errors import WhatsAppError
from pywa_async.client import WhatsApp

from adapters.whatsapp.payments import order_details, order_status, parse_lookup
from domain.in_chat import PROVIDER, OrderRefused, OrderRequest, OrderUpdate, refused
from domain.payments import Payment, PaymentProviderError, ProviderLink, ProviderState

# Lookup errors that mean "no order with this reference id" (not "try again later").
UNKNOWN_REFERENCE = {134006}
THROTTLED = {4, 80007, 130429}


class WhatsAppInChatCheckout:
    def __init__(self, client: WhatsApp, phone_number_id: str, configuration: str) -> None:
        self._client = client
        self._phone = phone_number_id
        self._configuration = configuration

    @property
    def provider(self) -> str:
        return PROVIDER

    @property
    def currency(self) -> str:
        return "INR"

    async def send_order(self, order: OrderRequest) -> str:
        interactive = order_details(order, self._configuration)
        try:
            return await self._send(order.to, interactive)
        except WhatsAppError as exc:
            if refused(exc.code):
                raise OrderRefused(exc.code, _reason(exc)) from exc
            raise _provider_error(exc) from exc

    async def send_status(self, update: OrderUpdate) -> str:
        try:
            return await self._send(update.to, order_status(update))
        except WhatsAppError as exc:
            raise _provider_error(exc) from exc

    async def lookup(self, reference_id: str) -> ProviderState | None:
        path = f"/{self._phone}/payments/{quote(self._configuration, safe='')}/{reference_id}"
        try:
            data = await self._client.api.send_raw_request("GET", path)
        except WhatsAppError as exc:
            # Meta documents no "not found" answer for a reference id it never saw: any
            # refusal (4xx, not throttling) counts as "no such order", which never unlocks.
            status = exc.status_code or 0
            refusal = 400 <= status < 500 and status != 429 and exc.code not in THROTTLED
            if exc.code in UNKNOWN_REFERENCE or refusal:
                return None
            raise _provider_error(exc) from exc
        found = parse_lookup(data, reference_id)
        return found.state() if found is not None else None

    async def _send(self, to: str, interactive: dict[str, Any]) -> str:
        body = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to,
            "type": "interactive",
            "interactive": interactive,
        }
        data = await self._client.api.send_raw_request(
            "POST", f"/{self._phone}/messages", json=body
        )
        return str(data["messages"][0]["id"])

    # -- as the payment gateway of in-chat payments --------------------------------------------

    async def create_link(self, payment: Payment, description: str) -> ProviderLink:
        raise PaymentProviderError(0, "in-chat payments have no link: send the order instead")

    async def check(self, order_id: str) -> ProviderState:
        state = await self.lookup(order_id)
        return state or ProviderState(order_id=order_id, status="created")

    async def refund(self, payment: Payment, reason: str) -> str:
        body = {
            "reference_id": payment.id,
            "speed": "normal",
            "payment_config_id": self._configuration,
            "amount": {
                "currency": payment.amount.currency,
                "value": str(payment.amount.amount_minor),
                "offset": "100",
            },
        }
        try:
            data = await self._client.api.send_raw_request(
                "POST", f"/{self._phone}/payments_refund", json=body
            )
        except WhatsAppError as exc:
            raise _provider_error(exc) from exc
        if data.get("status") == "failed":
            raise PaymentProviderError(400, "WhatsApp refused the refund")
        return str(data["id"])


def _reason(exc: WhatsAppError) -> str:
    return str(exc.details or exc.message)[:300]


def _provider_error(exc: WhatsAppError) -> PaymentProviderError:
    return PaymentProviderError(exc.status_code or 0, _reason(exc), str(exc.code))

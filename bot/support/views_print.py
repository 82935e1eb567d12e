"""The print queue: every print order with its partner job, and what an agent can do about one
(fix the address and resubmit, cancel a job the partner has not started, ask the partner now).
Viewers see no address; every action is audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.app import keys
from bot.support.accounts import support_entry
from bot.support.roles import allows, mask_phone
from bot.support.web import CONSOLE, error_page, render, see_other, signed_in
from domain.errors import DomainError
from domain.printing import (
    CANCELLABLE,
    PROBLEMS,
    PrintAddress,
    PrintOrder,
    PrintPartnerError,
    PrintStatus,
    QueueFilter,
)
from domain.services.print_support import PrintSupport

NOTICES = {
    "resubmitted": "Sent to the print partner again as a new job.",
    "cancelled": "Cancelled at the print partner.",
    "refreshed": "The partner's status was asked for just now.",
}
# The form's fields and the longest value each column keeps.
FIELDS = {
    "name": 120, "street1": 200, "street2": 200, "city": 100, "state_code": 100,
    "postcode": 20, "phone": 32,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class QueueEntry:
    order: PrintOrder
    address: PrintAddress | None
    stuck: bool
    session_id: str | None


def _agent(request: web.Request) -> bool:
    return allows(signed_in(request).user.role, "agent")


async def _entry(request: web.Request, order: PrintOrder) -> QueueEntry:
    services, runtime = request.config_dict[keys.SERVICES], request.config_dict[keys.RUNTIME]
    printing = services.printing
    address = None
    if order.shipping_address_id is not None:
        address = await printing.store.address(order.shipping_address_id)
    if address is not None and not _agent(request):  # viewers: hidden, phone's last digits
        address = PrintAddress("[hidden]", "[hidden]", "", "[hidden]", "", "[hidden]", "",
                               mask_phone(address.phone))  # fmt: skip
    cutoff = services.clock.now() - printing.settings.stuck_after
    stuck = order.status not in PROBLEMS and order.status not in (
        PrintStatus.SHIPPED, PrintStatus.DELIVERED
    ) and order.status_changed_at < cutoff  # fmt: skip
    sessions = await runtime.chat.sessions_of_user(order.user_id) if order.user_id else []
    return QueueEntry(order, address, stuck, sessions[0].id if sessions else None)


async def queue(request: web.Request) -> web.Response:
    services = request.config_dict[keys.SERVICES]
    attention = request.query.get("attention") in ("1", "on", "yes", "true")
    cutoff = services.clock.now() - services.printing.settings.stuck_after
    orders = await services.printing.store.queue(
        QueueFilter(needs_attention=attention, stuck_before=cutoff)
    )
    entries = [await _entry(request, o) for o in orders]
    hours = services.printing.settings.stuck_after.total_seconds() / 3600
    return render(
        request, "print_queue.html", entries=entries, attention=attention, stuck_hours=hours,
        partner=services.printing.provider,
    )  # fmt: skip


async def _order_or_404(request: web.Request) -> PrintOrder | None:
    services = request.config_dict[keys.SERVICES]
    return await services.printing.store.get(request.match_info["order_id"])


async def show(request: web.Request, *, status: int = 200, error: str = "") -> web.Response:
    order = await _order_or_404(request)
    if order is None:
        return error_page(request, 404, "There is no print order with this id.")
    entry = await _entry(request, order)
    return render(
        request, "print_order.html", status=status, entry=entry, error=error,
        notice=NOTICES.get(request.query.get("done", ""), ""),
        cancellable=order.status in CANCELLABLE,
        resubmittable=order.status in PROBLEMS or order.status is PrintStatus.NEW,
    )  # fmt: skip


async def _act(request: web.Request, action: Any, done: str) -> web.Response:
    order = await _order_or_404(request)
    if order is None:
        return error_page(request, 404, "There is no print order with this id.")
    form = await request.post()
    try:
        await action(order, signed_in(request).user.email, form)
    except (DomainError, PrintPartnerError) as exc:
        return await show(request, status=409, error=str(exc))
    return see_other(f"/support/print/{order.id}?done={done}")


async def _tell(request: web.Request, news: Any) -> None:
    await request.config_dict[keys.RUNTIME].print_news.tell(news)


async def resubmit(request: web.Request) -> web.Response:
    services = request.config_dict[keys.SERVICES]
    printing = services.printing

    async def act(order: PrintOrder, agent: str, form: Any) -> None:
        address_id = None
        given = {f: " ".join(str(form.get(f, "")).split()) for f in FIELDS}
        for f, longest in FIELDS.items():
            if len(given[f]) > longest or "\x00" in given[f]:
                raise PrintPartnerError(f"{f} is too long (at most {longest} characters)")
        if order.user_id and any(given.values()):
            current = await printing.store.address(order.shipping_address_id or "")
            country = current.country_code if current else "IN"
            fixed = PrintAddress(
                given["name"], given["street1"], given["street2"], given["city"],
                given["state_code"], given["postcode"], country, given["phone"],
            )  # fmt: skip
            if fixed != current:
                if not all((fixed.name, fixed.street1, fixed.city, fixed.postcode, fixed.phone)):
                    raise PrintPartnerError("name, street, city, postcode and phone are needed")
                address_id = await printing.store.save_address(order.user_id, fixed)
        await PrintSupport(printing).resubmit(order.id, agent, address_id)
        await _tell(request, await printing.submit(order.id, f"console:{agent}"))

    return await _act(request, act, "resubmitted")


async def cancel(request: web.Request) -> web.Response:
    printing = request.config_dict[keys.SERVICES].printing

    async def act(order: PrintOrder, agent: str, form: Any) -> None:
        await PrintSupport(printing).cancel(order.id, agent)

    return await _act(request, act, "cancelled")


async def refresh(request: web.Request) -> web.Response:
    printing = request.config_dict[keys.SERVICES].printing
    console = request.app[CONSOLE]

    async def act(order: PrintOrder, agent: str, form: Any) -> None:
        await console.auth.store.audit(
            support_entry(agent, "print_refreshed", console.clock.now(), order_id=order.id)
        )
        await _tell(request, await printing.refresh(order.id, f"console:{agent}"))

    return await _act(request, act, "refreshed")


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/print", queue, name="print_queue")
    router.add_get("/print/{order_id}", show, name="print_order")
    router.add_post("/print/{order_id}/resubmit", resubmit, name="print_resubmit")
    router.add_post("/print/{order_id}/cancel", cancel, name="print_cancel")
    router.add_post("/print/{order_id}/refresh", refresh, name="print_refresh")

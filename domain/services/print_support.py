"""What support does about a print order: cancel a job the partner has not started, or send
it again (a new partner job, perhaps to a fixed address). Each action is audited as the agent."""

from __future__ import annotations

from domain.audit import AuditEntry
from domain.errors import InvalidTransition, NotFound
from domain.printing import CANCELLABLE, PROBLEMS, PrintOrder, PrintRefused, PrintStatus
from domain.services.printing import PrintService, history_event


class PrintSupport:
    def __init__(self, printing: PrintService) -> None:
        self._printing = printing

    async def cancel(self, order_id: str, agent: str) -> PrintOrder:
        order = await self._printing.store.get(order_id)
        if order is None:
            raise NotFound("no such print order")
        if order.status not in CANCELLABLE:
            raise InvalidTransition(f"a {order.status} print job cannot be cancelled")
        message = "cancelled by support"
        if order.provider_order_id is not None:
            try:
                state = await self._printing.partner.cancel(order.provider_order_id)
            except PrintRefused as exc:
                raise InvalidTransition(exc.reason) from exc
            message = state.message or message
        return await self._by_agent(
            order_id, agent, "print_cancelled", PrintStatus.CANCELED, message
        )

    async def resubmit(self, order_id: str, agent: str, address_id: str | None) -> PrintOrder:
        """After a problem (or to fix the address before the job started): a new job."""
        order = await self._printing.store.get(order_id)
        if order is None:
            raise NotFound("no such print order")
        if order.status not in PROBLEMS and order.status is not PrintStatus.NEW:
            raise InvalidTransition(
                f"a {order.status} print job is with the partner; cancel it first"
            )
        now = self._printing.clock.now()

        def reset(o: PrintOrder) -> list[AuditEntry]:
            old = o.provider_order_id
            o.status, o.status_changed_at, o.updated_at = PrintStatus.NEW, now, now
            o.provider_order_id, o.last_error, o.carrier, o.tracking_url = None, None, None, None
            o.shipping_address_id = address_id or o.shipping_address_id
            o.attempt += 1
            o.history.append(history_event(now, "NEW", f"console:{agent}", "resubmitted"))
            return [
                AuditEntry(
                    actor_type="support", actor_id=agent, action="print_resubmitted",
                    subject_type="print_order", subject_id=o.id, created_at=now,
                    data={"previous_job": old, "address_changed": address_id is not None},
                )
            ]  # fmt: skip

        changed = await self._printing.store.change(order_id, reset)
        assert changed is not None
        return changed

    async def _by_agent(
        self, order_id: str, agent: str, action: str, status: PrintStatus, message: str
    ) -> PrintOrder:
        now = self._printing.clock.now()

        def mark(o: PrintOrder) -> list[AuditEntry]:
            before = o.status
            o.status, o.status_changed_at, o.updated_at = status, now, now
            o.history.append(history_event(now, status.value, f"console:{agent}", message))
            return [
                AuditEntry(
                    actor_type="support", actor_id=agent, action=action,
                    subject_type="print_order", subject_id=o.id, created_at=now,
                    data={"before": before.value},
                )
            ]  # fmt: skip

        changed = await self._printing.store.change(order_id, mark)
        assert changed is not None
        return changed

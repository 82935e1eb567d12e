"""The console's rows as the plain data of domain/support.py: nothing of the ORM (no lazy
attribute, no session) leaves storage/."""

from __future__ import annotations

from domain.support import (
    ChatSessionView,
    TranscriptAddress,
    TranscriptBook,
    TranscriptChild,
    TranscriptEvent,
    TranscriptJob,
    TranscriptMessage,
    TranscriptParent,
    TranscriptPayment,
)
from storage.tables import (
    BookRow,
    ChatEventRow,
    ChatMessageRow,
    ChatSessionRow,
    ChildProfileRow,
    JobRow,
    PaymentRow,
    ShippingAddressRow,
    User,
)


def session_view(row: ChatSessionRow) -> ChatSessionView:
    return ChatSessionView(
        id=row.id,
        user_id=row.user_id,
        channel=row.channel,
        channel_user_id=row.channel_user_id,
        state=row.state,
        state_json=dict(row.state_json),
        flow_version=row.flow_version,
        version=row.version,
        handed_off=row.handed_off,
        last_inbound_at=row.last_inbound_at,
        last_activity_at=row.last_activity_at,
        created_at=row.created_at,
    )


def message_view(row: ChatMessageRow) -> TranscriptMessage:
    return TranscriptMessage(
        id=row.id,
        direction=row.direction,
        kind=row.kind,
        body=dict(row.body),
        inbox_status=row.inbox_status,
        delivery_status=row.delivery_status,
        error_code=row.error_code,
        error_detail=row.error_detail,
        created_at=row.created_at,
    )


def event_view(row: ChatEventRow) -> TranscriptEvent:
    return TranscriptEvent(id=row.id, name=row.name, data=dict(row.data), created_at=row.created_at)


def job_view(row: JobRow) -> TranscriptJob:
    return TranscriptJob(
        kind=row.kind,
        status=row.status,
        last_error=row.last_error,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def payment_view(row: PaymentRow) -> TranscriptPayment:
    return TranscriptPayment(
        id=row.id,
        provider=row.provider,
        provider_order_id=row.provider_order_id,
        provider_payment_id=row.provider_payment_id,
        amount_minor=row.amount_minor,
        currency=row.currency,
        status=row.status,
        created_at=row.created_at,
        updated_at=row.updated_at,
        confirmed_at=row.confirmed_at,
    )


def book_view(row: BookRow) -> TranscriptBook:
    return TranscriptBook(
        id=row.id,
        title=row.title,
        status=row.status,
        fulfilment=row.fulfilment,
        price_minor=row.price_minor,
        currency=row.currency,
        preview_pdf_id=row.preview_pdf_id,
        final_pdf_id=row.final_pdf_id,
    )


def parent_view(row: User) -> TranscriptParent:
    return TranscriptParent(display_name=row.display_name, wa_id=row.wa_id)


def child_view(row: ChildProfileRow) -> TranscriptChild:
    return TranscriptChild(name=row.name, age=row.age, photo_asset_id=row.photo_asset_id)


def address_view(row: ShippingAddressRow) -> TranscriptAddress:
    return TranscriptAddress(
        full_name=row.full_name,
        line1=row.line1,
        line2=row.line2,
        city=row.city,
        postal_code=row.postal_code,
        phone=row.phone,
    )

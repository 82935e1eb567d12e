"""Every table of the schema, importable from one place (alembic's target metadata)."""

from storage.base import Base
from storage.tables_books import (
    BOOK_STATUSES,
    BookRow,
    BookVersionRow,
    ChildProfileRow,
    ImageAssetRow,
    PdfAssetRow,
    SeriesRow,
    StorylineRow,
    User,
)
from storage.tables_inbox import WhatsAppDeliveryRow
from storage.tables_ops import (
    AIGenerationLogRow,
    AuditLogRow,
    ChatEventRow,
    ChatMessageRow,
    ChatSessionRow,
    JobRow,
    PaymentRow,
    PrintOrderRow,
    ShippingAddressRow,
    SupportUserRow,
    WebhookEventRow,
)
from storage.tables_support import SupportLoginRow

metadata = Base.metadata

__all__ = [
    "BOOK_STATUSES",
    "AIGenerationLogRow",
    "AuditLogRow",
    "Base",
    "BookRow",
    "BookVersionRow",
    "ChatEventRow",
    "ChatMessageRow",
    "ChatSessionRow",
    "ChildProfileRow",
    "ImageAssetRow",
    "JobRow",
    "PaymentRow",
    "PdfAssetRow",
    "PrintOrderRow",
    "SeriesRow",
    "ShippingAddressRow",
    "StorylineRow",
    "SupportLoginRow",
    "SupportUserRow",
    "User",
    "WebhookEventRow",
    "WhatsAppDeliveryRow",
    "metadata",
]

"""Tables of the book side: parents, child profiles, series, storylines, books, assets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, EntityId, JSONType

BOOK_STATUSES = (
    "DRAFT",
    "GENERATING",
    "GENERATION_FAILED",
    "PREVIEW_READY",
    "PAYMENT_PENDING",
    "PAID",
    "FINAL_READY",
    "DELIVERED",
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    saas_user_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    wa_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    wa_user_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    web_visitor_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(120))
    locale: Mapped[str] = mapped_column(String(16), default="en")
    currency: Mapped[str | None] = mapped_column(String(3))
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None]
    photo_consent_at: Mapped[datetime | None]
    erased_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ChildProfileRow(Base):
    __tablename__ = "child_profiles"
    __table_args__ = (
        CheckConstraint("age BETWEEN 1 AND 12", name="age_range"),
        CheckConstraint("pronouns IN ('he', 'she', 'they')", name="pronouns_known"),
    )

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    # Exactly one child profile per parent.
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    age: Mapped[int] = mapped_column(Integer)
    pronouns: Mapped[str] = mapped_column(String(8))
    interests: Mapped[list[str]] = mapped_column(JSONType)
    photo_asset_id: Mapped[str | None] = mapped_column(
        ForeignKey("image_assets.id", ondelete="SET NULL")
    )
    # The hero's look as the parent chose it (domain.looks.HeroLook fields); NULL = not chosen.
    look: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class SeriesRow(Base):
    __tablename__ = "series"
    __table_args__ = (
        CheckConstraint("position BETWEEN 1 AND 5", name="position_range"),
        UniqueConstraint("child_profile_id", "round", "position"),
    )

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    child_profile_id: Mapped[str] = mapped_column(
        ForeignKey("child_profiles.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(160))
    hook: Mapped[str] = mapped_column(String(400))
    theme: Mapped[str] = mapped_column(String(40))
    selected: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class StorylineRow(Base):
    __tablename__ = "storylines"
    __table_args__ = (
        CheckConstraint("position BETWEEN 1 AND 5", name="position_range"),
        UniqueConstraint("series_id", "round", "position"),
    )

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    series_id: Mapped[str] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(160))
    hook: Mapped[str] = mapped_column(String(400))
    selected: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class BookRow(Base):
    __tablename__ = "books"
    __table_args__ = (
        CheckConstraint(_in("status", BOOK_STATUSES), name="status_known"),
        CheckConstraint("fulfilment IN ('pdf', 'print')", name="fulfilment_known"),
        CheckConstraint("regeneration_count >= 0", name="regeneration_count_positive"),
        CheckConstraint("price_minor IS NULL OR price_minor >= 0", name="price_positive"),
    )

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    child_profile_id: Mapped[str | None] = mapped_column(
        ForeignKey("child_profiles.id", ondelete="SET NULL")
    )
    series_id: Mapped[str | None] = mapped_column(ForeignKey("series.id", ondelete="SET NULL"))
    storyline_id: Mapped[str | None] = mapped_column(
        ForeignKey("storylines.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(24), default="DRAFT")
    regeneration_count: Mapped[int] = mapped_column(Integer, default=0)
    regenerations_granted: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    fulfilment: Mapped[str] = mapped_column(String(8), default="pdf")
    price_minor: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str | None] = mapped_column(String(3))
    title: Mapped[str | None] = mapped_column(String(200))
    dedication: Mapped[str | None] = mapped_column(Text)
    preview_pdf_id: Mapped[str | None] = mapped_column(
        ForeignKey("pdf_assets.id", ondelete="SET NULL")
    )
    final_pdf_id: Mapped[str | None] = mapped_column(
        ForeignKey("pdf_assets.id", ondelete="SET NULL")
    )
    cover_pdf_id: Mapped[str | None] = mapped_column(
        ForeignKey("pdf_assets.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]


class BookVersionRow(Base):
    """One generation round of a book: the regeneration history."""

    __tablename__ = "book_versions"
    __table_args__ = (UniqueConstraint("book_id", "round"),)

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    book_id: Mapped[str] = mapped_column(ForeignKey("books.id", ondelete="CASCADE"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(24))
    text_json: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    image_ids: Mapped[dict[str, str] | None] = mapped_column(JSONType)
    preview_pdf_id: Mapped[str | None] = mapped_column(
        ForeignKey("pdf_assets.id", ondelete="SET NULL")
    )
    feedback: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class ImageAssetRow(Base):
    __tablename__ = "image_assets"

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    owner_user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    book_id: Mapped[str | None] = mapped_column(
        ForeignKey("books.id", ondelete="CASCADE", use_alter=True)
    )
    kind: Mapped[str] = mapped_column(String(24))  # photo | illustration | portrait
    storage_key: Mapped[str] = mapped_column(String(255), unique=True)
    mime: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]


class PdfAssetRow(Base):
    __tablename__ = "pdf_assets"

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    owner_user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    book_id: Mapped[str | None] = mapped_column(
        ForeignKey("books.id", ondelete="CASCADE", use_alter=True)
    )
    kind: Mapped[str] = mapped_column(String(16))  # preview | final | cover
    storage_key: Mapped[str] = mapped_column(String(255), unique=True)
    filename: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(64), default="application/pdf")
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    page_count: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]

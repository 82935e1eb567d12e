"""Stored files (images and PDFs) as the domain sees them: a key in a blob store plus facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# Kinds kept apart from generated assets (the private bucket), and deleted once used.
PRIVATE_KINDS = frozenset({"photo"})
PRIVATE_PREFIX = "private/"  # blob keys of private kinds start with this


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredAsset:
    id: str
    owner_user_id: str | None
    book_id: str | None
    kind: str  # photo | illustration | preview | final | cover
    storage_key: str
    mime: str
    size_bytes: int
    sha256: str
    created_at: datetime
    filename: str | None = None
    width: int | None = None
    height: int | None = None
    page_count: int | None = None

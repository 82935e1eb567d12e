"""The parent (the bot's user, identified per channel) and their stored child profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.profiles import ChildProfile


@dataclass(slots=True, kw_only=True)
class Parent:
    id: str
    created_at: datetime
    updated_at: datetime
    wa_id: str | None = None
    wa_user_id: str | None = None
    web_visitor_id: str | None = None
    saas_user_id: str | None = None
    display_name: str | None = None
    locale: str = "en"
    currency: str | None = None
    opted_out: bool = False
    consent_at: datetime | None = None
    photo_consent_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredProfile:
    """A child profile as kept: its id and owner beside the profile itself."""

    id: str
    user_id: str
    profile: ChildProfile

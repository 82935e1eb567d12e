"""HMAC-signed, expiring download links: the only way a stored file leaves the service."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import quote

from domain.assets import StoredAsset
from domain.errors import DomainError
from domain.ports import Clock


class LinkRefused(DomainError):
    code = "link_refused"


class LinkExpired(LinkRefused):
    code = "link_expired"


@dataclass(frozen=True, slots=True)
class SignedFile:
    storage_key: str
    filename: str
    mime: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class HmacFileLinks:
    def __init__(self, base_url: str, key: bytes, clock: Clock) -> None:
        if len(key) < 32:
            raise ValueError("the link signing key must be at least 32 bytes")
        self._base_url = base_url.rstrip("/")
        self._key = key
        self._clock = clock

    def token_for(self, asset: StoredAsset, ttl_seconds: int) -> str:
        expires = int(self._clock.now().timestamp()) + ttl_seconds
        payload = {
            "k": asset.storage_key,
            "f": asset.filename or asset.storage_key.rsplit("/", 1)[-1],
            "m": asset.mime,
            "e": expires,
        }
        body = _b64(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode())
        return f"{body}.{self._signature(body)}"

    def url_for(self, asset: StoredAsset, ttl_seconds: int) -> str:
        return f"{self._base_url}/files/{quote(self.token_for(asset, ttl_seconds))}"

    def verify(self, token: str) -> SignedFile:
        body, _, signature = token.partition(".")
        if not body or not hmac.compare_digest(signature, self._signature(body)):
            raise LinkRefused("this link is not valid")
        try:
            payload = json.loads(_unb64(body))
        except ValueError:
            raise LinkRefused("this link is not valid") from None
        if payload["e"] < self._clock.now().timestamp():
            raise LinkExpired("this link has expired; ask the bot for a new one")
        return SignedFile(storage_key=payload["k"], filename=payload["f"], mime=payload["m"])

    def _signature(self, body: str) -> str:
        return _b64(hmac.new(self._key, body.encode(), hashlib.sha256).digest())

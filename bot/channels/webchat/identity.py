"""Optional SaaS identity for the web chat: an HS256 JWT signed with WEBCHAT_IDENTITY_SECRET."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def verify_identity_token(token: str, secret: bytes, now: float | None = None) -> dict[str, Any]:
    """The token's claims, or PermissionError. Requires `sub`; honours `exp` and `nbf`."""
    try:
        header_b64, payload_b64, signature_b64 = token.split(".")
        header = json.loads(_unb64(header_b64))
        claims = json.loads(_unb64(payload_b64))
        signature = _unb64(signature_b64)
    except (ValueError, TypeError):
        raise PermissionError("the identity token is malformed") from None
    if header.get("alg") != "HS256":
        raise PermissionError("the identity token must be signed with HS256")
    expected = hmac.new(secret, f"{header_b64}.{payload_b64}".encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(signature, expected):
        raise PermissionError("the identity token's signature is wrong")
    moment = time.time() if now is None else now
    if "exp" in claims and float(claims["exp"]) < moment:
        raise PermissionError("the identity token has expired")
    if "nbf" in claims and float(claims["nbf"]) > moment:
        raise PermissionError("the identity token is not valid yet")
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise PermissionError("the identity token has no subject")
    return dict(claims)

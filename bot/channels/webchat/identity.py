"""Optional SaaS identity for the web chat: an HS256 JWT signed with WEBCHAT_IDENTITY_SECRET."""

from __future__ import annotations

from typing import Any

import jwt

ALGORITHMS = ["HS256"]  # pinned: a token naming another algorithm (or "none") is refused
LEEWAY_SECONDS = 30  # clock skew between the site that signs and this service
SUBJECT_MAX = 64  # users.saas_user_id


def verify_identity_token(token: str, secret: bytes) -> dict[str, Any]:
    """The token's claims, or PermissionError for anything malformed, forged, expired or not
    valid yet. `sub` and `exp` are required."""
    if not token.isascii():  # a JWT is ASCII; a lone surrogate would not even encode
        raise PermissionError("the identity token is not valid (not ASCII)")
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=ALGORITHMS,
            options={"require": ["exp", "sub"]},
            leeway=LEEWAY_SECONDS,
        )
    except jwt.PyJWTError as exc:
        raise PermissionError(f"the identity token is not valid ({type(exc).__name__})") from None
    subject = claims["sub"]
    if not isinstance(subject, str) or not subject or len(subject) > SUBJECT_MAX:
        raise PermissionError("the identity token's subject is missing or too long")
    if "\x00" in subject:
        raise PermissionError("the identity token's subject is not text")
    return dict(claims)

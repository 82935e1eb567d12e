"""Domain errors: every rule the domain enforces fails with one of these."""

from __future__ import annotations


class DomainError(Exception):
    """Base of all domain rule violations. `code` is stable for APIs and logs."""

    code = "domain_error"


class ValidationFailed(DomainError):
    code = "validation_failed"


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    code = "conflict"


class InvalidTransition(DomainError):
    code = "invalid_transition"


class GenerationFailed(DomainError):
    code = "generation_failed"


class PolicyViolation(DomainError):
    code = "policy_violation"


class LockTimeout(DomainError):
    """A per-key lock could not be taken within the allowed wait."""

    code = "lock_timeout"


class PhotoRefused(DomainError):
    """The illustration provider refused the child's photo as a reference."""

    code = "photo_refused"

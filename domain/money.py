"""Money as integer minor units plus an ISO 4217 currency code."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import ValidationFailed

# Minor units per major unit for the currencies we sell in.
MINOR_UNITS = {"INR": 100, "USD": 100}
SYMBOLS = {"INR": "₹", "USD": "$"}


@dataclass(frozen=True, slots=True)
class Money:
    amount_minor: int
    currency: str

    def __post_init__(self) -> None:
        if self.currency not in MINOR_UNITS:
            raise ValidationFailed(f"unsupported currency {self.currency!r}")
        if self.amount_minor < 0:
            raise ValidationFailed("money cannot be negative")

    def display(self) -> str:
        major, minor = divmod(self.amount_minor, MINOR_UNITS[self.currency])
        symbol = SYMBOLS[self.currency]
        return f"{symbol}{major:,}" if minor == 0 else f"{symbol}{major:,}.{minor:02d}"

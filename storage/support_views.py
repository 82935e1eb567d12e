"""The console's rows as the plain data of domain/support.py: nothing of the ORM (no lazy
attribute, no session) leaves storage/."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")


def plain(view: type[T], row: Any) -> T:
    """`view` filled from the row's attributes of the same names; JSON columns are copied, so
    nothing handed out shares a mutable value with the ORM."""
    values = {}
    for field in fields(view):  # type: ignore[arg-type]
        value = getattr(row, field.name)
        if isinstance(value, dict | list):
            value = type(value)(value)
        values[field.name] = value
    return view(**values)

"""Numbers and dates as a person types them, in the app's fields, in an answers file or on the command line:
one reading for all three. Standard library only, so that the command line can use it before anything heavy loads."""

from __future__ import annotations

from datetime import date, datetime

DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")
"""How a date may be typed: 31.12.2025, as Russians write it, or 2025-12-31."""


def typed_number(text: str) -> int | float | None:
    cleaned = text.replace(" ", "").replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return int(number) if number.is_integer() else number


def typed_day(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None

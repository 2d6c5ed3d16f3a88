"""Numbers as a reader sees them: the one formatter for prose, alt text and chart labels.

Formatting follows the brief's `language` through Babel (CLDR data), so 6,279 in an en-US brief
is 6.279 in a de-DE one. A series may give its own CLDR pattern (`#,##0.00`).
"""
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

WHOLE, FRACTION = "#,##0", "#,##0.##"  # up to two decimals, trailing zeros dropped


@lru_cache(maxsize=32)
def locale(language: str) -> Locale:
    """The CLDR locale for a language tag such as en-US; ValueError if there is none."""
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError) as e:
        raise ValueError(f"'{language}' is not a language tag Babel knows, such as en-US or de-DE") from e


def format_number(value, language: str, pattern: str | None = None) -> str:
    if pattern is None:
        pattern = WHOLE if float(value).is_integer() else FRACTION
    return format_decimal(value, format=pattern, locale=locale(language))

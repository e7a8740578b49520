"""The page's one number formatter: Spanish by default (46,5 %, 1.234), English on request.

Every number the page shows goes through :func:`number`, :func:`percent` or :func:`printed`, so
the decimal mark, the thousands separator and the percent sign follow the page's language in
charts, tables, metrics and downloads alike.
"""

from __future__ import annotations

import pandas as pd


def _missing(value: object) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def number(value: object, lang: str, decimals: int = 0) -> str:
    """``value`` with ``decimals`` decimals: 1.234 / 12,5 (es), 1,234 / 12.5 (en); '—' if missing."""
    if _missing(value):
        return "—"
    text = f"{float(value):,.{max(decimals, 0)}f}"
    if lang == "es":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def percent_sign(lang: str) -> str:
    """What follows a percentage: a no-break space and '%' in Spanish (46,5 %), '%' in English."""
    return "\u00a0%" if lang == "es" else "%"


def percent(value: object, lang: str, decimals: int = 1) -> str:
    """A percentage given in percent units (46.5 -> '46,5 %' in Spanish, '46.5%' in English)."""
    if _missing(value):
        return "—"
    return number(value, lang, decimals) + percent_sign(lang)


def share(fraction: object, lang: str, decimals: int = 1) -> str:
    """A fraction as a percentage (0.465 -> '46,5 %')."""
    return "—" if _missing(fraction) else percent(float(fraction) * 100, lang, decimals)


def decimals_of(text: object) -> int:
    """How many decimals a figure is printed with ('12.5' -> 1, '100.0' -> 1, '48' -> 0)."""
    text = "" if text is None else str(text)
    return len(text.split(".", 1)[1]) if "." in text else 0


def printed(value: object, printed_text: object, lang: str) -> str:
    """``value`` with the decimals of ``printed_text``, as the study prints its figure."""
    return number(value, lang, decimals_of(printed_text))


def vega_format(lang: str) -> dict:
    """Vega-Lite number-format locale of the language (for axis labels and tooltips)."""
    if lang == "es":
        return {
            "decimal": ",",
            "thousands": ".",
            "grouping": [3],
            "currency": ["", "\u00a0€"],
            "percent": percent_sign("es"),
        }
    return {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]}


_DECIMAL = __import__("re").compile(r"(?<![\w.])(\d+)\.(\d+)(?![\w.])")


def numbers_in(text: object, lang: str) -> str:
    """The decimal numbers inside a text (an audit's arithmetic) in the language's format."""
    text = "" if text is None else str(text)
    return _DECIMAL.sub(r"\1,\2", text) if lang == "es" else text


def computed(value: object, printed_text: object, lang: str) -> str:
    """A warehouse value beside a printed one: whole numbers as such; otherwise one decimal more
    than the study prints, so a value equal only after the study's rounding shows how it rounds."""
    if _missing(value):
        return "—"
    shown = decimals_of(printed_text)
    if float(value).is_integer():
        return number(value, lang, 0)
    if abs(float(value) - round(float(value), shown)) < 1e-9:
        return number(value, lang, shown)
    return number(value, lang, shown + 1)

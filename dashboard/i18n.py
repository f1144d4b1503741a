"""Translation entry points (English only for now; catalogs arrive with the languages issue).

Every user-facing string goes through ``translator(lang)`` so adding a language never touches the
layout or the figures.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str], str]
RTL_LANGUAGES = {"ar"}


def translator(lang: str) -> Translate:
    """A gettext-style function for ``lang`` (falls back to the English text)."""
    return lambda text: text


def format_number(value: int, lang: str) -> str:
    return f"{value:,}"


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGUAGES

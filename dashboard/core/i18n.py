"""Translations: UI strings from our gettext catalogs, country names from pycountry, numbers per locale.

Every user-facing string goes through ``translator(lang)`` so adding a language never touches the
layout or the figures. Catalogs are the ``.po`` files in ``translations/<lang>/LC_MESSAGES/``, read
once per language with Babel (no compiled ``.mo`` files, no build step). Strings defined as module
constants are marked for extraction with the no-op :func:`N_` and translated where they are shown
(``t(INDICATORS["nsp"].label)``). See ``docs/i18n.md``.
"""

from __future__ import annotations

import gettext
import io
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

import pycountry
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from dashboard.core.config import ROOT

Translate = Callable[[str], str]
# ngettext-style: (singular msgid, plural msgid, n) -> the form for n in the language (placeholders kept)
TranslatePlural = Callable[[str, str, int], str]
DEFAULT_LANGUAGE = "en"
# code -> the language's own name (what the switcher shows), in HRI's order.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "ru": "Русский",
    "ar": "العربية",
}
RTL_LANGUAGES = {"ar"}
TRANSLATIONS_DIR = ROOT / "translations"
PYCOUNTRY_DOMAIN = "iso3166-1"


def N_(text: str) -> str:
    """Mark a constant for extraction without translating it (translate where it is shown)."""
    return text


# Countries we name ourselves (msgid = the English name the data shows): Kosovo is not in ISO 3166,
# and for these pycountry's translations are missing, inverted ("Russie, Fédération de") or wrong.
OWN_COUNTRY_NAMES: dict[str, str] = {
    "XKX": N_("Kosovo"),
    "COD": N_("Congo, The Democratic Republic of the"),
    "COM": N_("Comoros"),
    "FSM": N_("Micronesia, Federated States of"),
    "HUN": N_("Hungary"),
    "IRN": N_("Iran"),
    "KOR": N_("South Korea"),
    "LAO": N_("Laos"),
    "MDA": N_("Moldova"),
    "PRK": N_("North Korea"),
    "PSE": N_("Palestine, State of"),
    "RUS": N_("Russian Federation"),
    "SLB": N_("Solomon Islands"),
    "SYR": N_("Syria"),
    "TUR": N_("Türkiye"),
}


def catalog_path(lang: str) -> Path:
    return TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po"


def _messages(catalog: Catalog) -> dict[str, str]:
    """msgid -> translation, leaving out empty and fuzzy entries (those fall back to English)."""
    return {
        m.id: m.string
        for m in catalog
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy
    }


@cache
def _catalog(lang: str) -> dict[str, str]:
    path = catalog_path(lang)
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES or not path.is_file():
        return {}
    with path.open("rb") as f:
        return _messages(read_po(f, locale=lang))


@cache
def _country_catalog(lang: str) -> dict[str, str]:
    path = Path(pycountry.LOCALES_DIR) / lang / "LC_MESSAGES" / f"{PYCOUNTRY_DOMAIN}.mo"
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES or not path.is_file():
        return {}
    with path.open("rb") as f:
        return _messages(read_mo(f))


@cache
def translator(lang: str) -> Translate:
    """A gettext-style function for ``lang``: the translation, or the English text when there is none."""
    messages = _catalog(lang)
    return lambda text: messages.get(text, text)


@cache
def _plural_catalog(lang: str) -> gettext.NullTranslations:
    """The catalog as gettext translations (compiled in memory), for the plural rules of its header."""
    path = catalog_path(lang)
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as in translator()
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@cache
def plural_translator(lang: str) -> TranslatePlural:
    """``ngettext`` for ``lang``: the plural form for ``n`` by the language's rule (English when missing).

    Extracted as ``nt("{count} country", "{count} countries", n)`` (see babel.cfg); fill the
    placeholders after translating, as with :func:`translator`.
    """
    return _plural_catalog(lang).ngettext


def english_country_name(iso3: str, fallback: str = "") -> str:
    """pycountry's common name where one exists, else its name; ``fallback`` for codes it lacks."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return fallback or iso3
    return getattr(country, "common_name", None) or country.name


def country_name(iso3: str, lang: str, fallback: str = "") -> str:
    """A country's name in ``lang``: our own catalog, then pycountry's, then English."""
    english = english_country_name(iso3, fallback)
    if iso3 in OWN_COUNTRY_NAMES:
        return translator(lang)(OWN_COUNTRY_NAMES[iso3])
    names = _country_catalog(lang)
    country = pycountry.countries.get(alpha_3=iso3)
    if country is not None:
        for msgid in (getattr(country, "common_name", None), country.name):
            if msgid in names:
                return names[msgid]
    return english


def country_names(english: Mapping[str, str], lang: str) -> Mapping[str, str]:
    """ISO-3 -> name in ``lang`` for the countries of ``english`` (ISO-3 -> the data's English name).

    English keeps the data's own names (pycountry's official forms read "Congo, The Democratic
    Republic of the"). Cached per language: the map, table and finder all ask on every update.
    """
    return _country_names(tuple(english.items()), lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


@cache
def _country_names(english: tuple[tuple[str, str], ...], lang: str) -> Mapping[str, str]:
    if lang == DEFAULT_LANGUAGE:
        return MappingProxyType(dict(english))
    return MappingProxyType({iso3: country_name(iso3, lang, name) for iso3, name in english})


def format_number(value: int, lang: str) -> str:
    """``value`` with the locale's grouping (Latin digits in every language, Arabic included)."""
    locale = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return format_decimal(value, locale=locale, numbering_system="latn")


def sort_key(text: str) -> str:
    """Case- and accent-insensitive order for name lists ("Égypte" beside "Équateur", not last)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGUAGES


def rtl_lines(text: str) -> str:
    """Each ``<br>``-separated line of ``text`` as a right-to-left embedding (RLE ... PDF).

    Plotly draws its SVG text left-to-right whatever the page's direction, which scrambles the
    order of an Arabic sentence's parts around Latin words and numbers ("GSHR 2023", "87 / 92").
    """
    return "<br>".join(f"\u202b{line}\u202c" for line in text.split("<br>"))


def html_attrs(lang: str) -> dict[str, str]:
    """``lang`` and ``dir`` for the page's (or an embed's) root element."""
    code = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return {"lang": code, "dir": "rtl" if is_rtl(code) else "ltr"}

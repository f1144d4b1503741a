"""Languages: every UI string in every catalog, fallbacks, country names, numbers, right-to-left."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pycountry
import pytest
from babel.messages.catalog import Catalog

from dashboard.core import i18n
from dashboard.core.config import ROOT
from dashboard.core.i18n import (
    LANGUAGES,
    OWN_COUNTRY_NAMES,
    country_name,
    english_country_name,
    format_number,
    html_attrs,
    is_rtl,
    translator,
)
from dashboard.core.indicators import CHANGE_LABELS, MAP_INDICATORS, OPTIONAL_INDICATORS, STATUS_LABELS
from dashboard.core.regions import REGIONS
from dashboard.core.state import LANGUAGES as URL_LANGUAGES
from dashboard.dataset.load import EVIDENCE_KINDS, Dataset

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
# Stigmatising words, per language (lower case, matched as word starts).
STIGMA = {
    "es": ("toxicóman", "drogadict", "adict", "abuso de drogas", "yonqui"),
    "fr": ("toxicoman", "drogué", "junkie", "abus de drogues"),
    "ru": ("наркоман", "злоупотребл"),
    "ar": ("مدمن", "إدمان", "تعاطي المخدرات"),
}


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script()


@pytest.fixture(scope="module")
def msgids(script: ModuleType) -> list[str]:
    return [str(m.id) for m in script.extract_template() if m.id]


def test_extraction_finds_code_constants_and_editions(msgids: list[str], dataset: Dataset) -> None:
    expected = {
        *(
            text
            for ind in (*MAP_INDICATORS.values(), *OPTIONAL_INDICATORS.values())
            for text in (ind.label, ind.short, ind.definition)
        ),
        *STATUS_LABELS.values(),
        *CHANGE_LABELS.values(),
        *REGIONS.values(),
        *EVIDENCE_KINDS.values(),
        *OWN_COUNTRY_NAMES.values(),
        *dataset.edition_labels.values(),
        *dataset.edition_titles.values(),
    }
    assert expected <= set(msgids)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_ui_string_is_translated(lang: str, script: ModuleType) -> None:
    template = script.extract_template()
    assert script.problems(template, script.read_catalog(lang)) == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_translates_every_msgid(lang: str, msgids: list[str]) -> None:
    t = translator(lang)
    # The same acronym or name may stand in some languages; most strings must change.
    changed = [m for m in msgids if t(m) != m]
    assert len(changed) > 0.8 * len(msgids)


def test_check_fails_on_an_untranslated_msgid(script: ModuleType) -> None:
    template = Catalog()
    for msgid in ("Yes", "No", "Lost", "Policy"):
        template.add(msgid)
    catalog = script.read_catalog("fr")
    catalog.get("Yes").string = ""
    catalog.get("No").string = "Non {count}"
    catalog.delete("Lost")
    catalog.get("Policy").flags.add("fuzzy")
    assert script.problems(template, catalog) == [
        "untranslated: 'Yes'",
        "placeholders differ: 'No' -> 'Non {count}'",
        "missing: 'Lost'",
        "fuzzy: 'Policy'",
    ]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_stigmatising_terms(lang: str) -> None:
    text = i18n.catalog_path(lang).read_text(encoding="utf-8").lower()
    found = [word for word in STIGMA[lang] if re.search(r"(?<!\w)" + re.escape(word), text)]
    assert found == []


def test_hri_terminology() -> None:
    expected = {
        "es": (
            "programas de agujas y jeringas",
            "terapia de agonistas opioides",
            "salas de consumo de drogas",
        ),
        "fr": (
            "programmes d'échange de seringues",
            "traitement par agonistes opioïdes",
            "salles de consommation à moindre risque",
            "réduction des risques",
        ),
        "ru": ("программы обмена игл и шприцев", "опиоидная заместительная терапия", "снижения вреда"),
        "ar": ("الحد من الضرر",),
    }
    for lang, terms in expected.items():
        text = i18n.catalog_path(lang).read_text(encoding="utf-8").lower()
        assert [term for term in terms if term not in text] == []


def test_translator_translates_and_falls_back() -> None:
    assert translator("fr")("Yes") == "Oui"
    assert translator("es")("Needle and syringe programmes") == "Programas de agujas y jeringas"
    assert translator("ru")("Opioid agonist therapy") == "Опиоидная заместительная терапия"
    assert translator("fr")("A string nobody translated") == "A string nobody translated"
    assert translator("en")("Yes") == "Yes"
    assert translator("xx")("Yes") == "Yes"
    assert translator("fr") is translator("fr")  # cached: the catalog is read once


def test_languages_match_the_url_contract() -> None:
    assert tuple(LANGUAGES) == URL_LANGUAGES
    assert LANGUAGES["ar"] == "العربية" and LANGUAGES["ru"] == "Русский"


@pytest.mark.parametrize(
    ("lang", "name"), [("en", "Germany"), ("fr", "Allemagne"), ("es", "Alemania"), ("ru", "Германия")]
)
def test_country_names_from_pycountry(lang: str, name: str) -> None:
    assert country_name("DEU", lang) == name


def test_arabic_country_names_are_in_arabic_script(dataset: Dataset) -> None:
    assert country_name("DEU", "ar") == "ألمانيا"
    latin = [iso for iso in dataset.countries.index if re.search("[A-Za-z]", country_name(iso, "ar"))]
    assert latin == []


def test_russian_country_names_are_in_cyrillic(dataset: Dataset) -> None:
    latin = [iso for iso in dataset.countries.index if re.search("[A-Za-z]", country_name(iso, "ru"))]
    assert latin == []


def test_kosovo_and_own_names() -> None:
    assert country_name("XKX", "en", "Kosovo") == "Kosovo"
    assert country_name("XKX", "ru") == "Косово"
    assert country_name("XKX", "ar") == "كوسوفو"
    assert country_name("RUS", "fr") == "Fédération de Russie"  # pycountry: "Russie, Fédération de"
    assert country_name("MDA", "ar") == "مولدوفا"  # pycountry's Arabic "Moldova" is the Maldives


def test_own_names_are_keyed_by_the_english_name() -> None:
    for iso3, msgid in OWN_COUNTRY_NAMES.items():
        assert english_country_name(iso3, "Kosovo") == msgid


def test_country_name_falls_back_to_english() -> None:
    assert country_name("DEU", "xx") == "Germany"
    assert country_name("AGO", "es") == "Angola"  # the same word in Spanish
    assert country_name("BOL", "es") == "Bolivia"  # common name, not "Bolivia, Estado plurinacional de"
    assert country_name("ZZZ", "fr", "Somewhere") == "Somewhere"


def test_no_shown_name_is_inverted(dataset: Dataset) -> None:
    """pycountry's official forms read "X, Republic of"; a map label should not."""
    for lang in TRANSLATED:
        inverted = [country_name(i, lang) for i in dataset.countries.index if "," in country_name(i, lang)]
        assert inverted == [], lang


def test_pycountry_ships_each_language() -> None:
    for lang in TRANSLATED:
        assert (Path(pycountry.LOCALES_DIR) / lang / "LC_MESSAGES" / "iso3166-1.mo").is_file()


def test_numbers_use_the_locale_grouping() -> None:
    assert format_number(1234, "en") == "1,234"
    assert format_number(1234567, "fr") == "1\u202f234\u202f567"
    assert format_number(1234567, "ru") == "1\xa0234\xa0567"
    assert format_number(1234567, "es") == "1.234.567"
    assert format_number(109, "fr") == "109"
    assert format_number(1234, "xx") == "1,234"


def test_arabic_numbers_use_latin_digits() -> None:
    """A deliberate choice (docs/i18n.md): the same digits as the map legend and HRI's tables."""
    assert format_number(1234567, "ar") == "1,234,567"


def test_right_to_left() -> None:
    assert is_rtl("ar") and not is_rtl("fr") and not is_rtl("en")
    assert html_attrs("ar") == {"lang": "ar", "dir": "rtl"}
    assert html_attrs("ru") == {"lang": "ru", "dir": "ltr"}
    assert html_attrs("<script>") == {"lang": "en", "dir": "ltr"}


@pytest.mark.parametrize("lang", ["es", "fr", "ru", "ar"])
def test_not_known_does_not_read_like_no(lang):
    """ "Not known" and "No" are different facts: their translations must not share a first word."""
    from dashboard.core.i18n import translator

    t = translator(lang)
    assert t("Not known").split()[0] != t("No").split()[0]

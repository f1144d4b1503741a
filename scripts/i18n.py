"""Keep the gettext catalogs in step with the code (see docs/i18n.md).

    python scripts/i18n.py extract  # write translations/messages.pot from the code and data/editions.csv
    python scripts/i18n.py update   # extract, then merge the template into every language's messages.po
    python scripts/i18n.py check    # exit 1 if any catalog misses, leaves empty or fuzzy a msgid

Strings come from ``t("...")``, ``_("...")`` and ``N_("...")`` in ``dashboard/**.py``, plural ones
from ``nt("singular", "plural", n)`` (as configured in ``babel.cfg``), and from the edition labels
and titles in ``data/editions.csv``. A plural entry needs every form of the language's
``Plural-Forms`` (Russian 3, Arabic 6).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from dashboard.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalog_path

ROOT = Path(__file__).resolve().parent.parent

BABEL_CFG = ROOT / "babel.cfg"
TEMPLATE = ROOT / "translations" / "messages.pot"
EDITIONS_CSV = ROOT / "data" / "editions.csv"
EDITION_COLUMNS = ("label", "title")
PROJECT = "Harm Reduction Atlas"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WIDTH = 100


def extract_template() -> Catalog:
    """Every msgid the Atlas shows: marked strings in the code plus the editions' labels and titles."""
    with BABEL_CFG.open() as f:
        method_map, options_map = parse_mapping_cfg(f, str(BABEL_CFG))
    template = Catalog(project=PROJECT, fuzzy=False)
    found = extract_from_dir(ROOT, method_map, options_map, keywords={}, strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    with EDITIONS_CSV.open(encoding="utf-8-sig", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            for column in EDITION_COLUMNS:
                template.add(row[column], None, [(EDITIONS_CSV.relative_to(ROOT).as_posix(), line)])
    return template


def translated_languages() -> list[str]:
    return [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]


def read_catalog(lang: str) -> Catalog:
    path = catalog_path(lang)
    if not path.is_file():
        return Catalog(locale=lang, project=PROJECT, fuzzy=False)
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=WIDTH, ignore_obsolete=True, sort_output=False)


def placeholders(text: object) -> list[str]:
    return sorted(PLACEHOLDER.findall(str(text)))


def problems(template: Catalog, catalog: Catalog) -> list[str]:
    """What keeps ``catalog`` from covering ``template``: missing, empty, fuzzy or broken entries.

    A plural entry must fill each of the language's plural forms, each with the plural msgid's
    placeholders.
    """
    out = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        plural = isinstance(message.id, list | tuple)
        forms = list(entry.string) if entry is not None and plural else [entry.string if entry else ""]
        wanted = placeholders(message.id[-1] if plural else message.id)
        if entry is None:
            out.append(f"missing: {message.id!r}")
        elif not all(forms) or (plural and len(forms) != catalog.num_plurals):
            out.append(f"untranslated: {message.id!r}")
        elif entry.fuzzy:
            out.append(f"fuzzy: {message.id!r}")
        elif any(placeholders(form) != wanted for form in forms):
            out.append(f"placeholders differ: {message.id!r} -> {entry.string!r}")
    return out


def extract() -> Catalog:
    template = extract_template()
    write(template, TEMPLATE)
    print(f"{TEMPLATE.relative_to(ROOT)}: {len(template)} messages")
    return template


def update() -> None:
    template = extract()
    for lang in translated_languages():
        catalog = read_catalog(lang)
        catalog.update(template)
        write(catalog, catalog_path(lang))
        print(f"{catalog_path(lang).relative_to(ROOT)}: {len(problems(template, catalog))} to translate")


def check() -> int:
    template = extract_template()
    failed = 0
    for lang in translated_languages():
        found = problems(template, read_catalog(lang))
        failed += len(found)
        print(f"{lang}: {len(template) - len(found)}/{len(template)} translated")
        for problem in found:
            print(f"  {problem}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else ""
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "check":
        return check()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

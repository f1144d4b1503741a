"""Respectful language: no stigmatising term in anything a person reads.

The list follows INPUD and ANPUD, *Words Matter! Language Statement & Reference Guide* (2020,
https://inpud.net/words-matter-language-statement-reference-guide/), the language Harm Reduction
International uses in the *Global State of Harm Reduction* ("people who use drugs", "people who
inject drugs", "sterile injecting equipment", "drug dependence"), and PRODUCT.md's own rule:
person-first, never "addict", "abuser", "junkie", "drug abuse" or clean/dirty for people or
equipment. Scanned: the string literals of ``dashboard/``, ``assets/`` text files, ``data/``,
README, docs, the English text of the translation catalogs (other languages: tests/test_i18n.py),
the rendered pages and the exports' README. This file holds the list and is not scanned.
A term in quotes (``"addict"``) is a mention, as in a style guide, not a use; URLs and the proper
names of institutions are not scanned.
"""

from __future__ import annotations

import ast
import io
import re
import zipfile
from pathlib import Path

import pytest

from dashboard.core.config import ROOT

NOUNS = (
    r"(?:needles?|syringes?|equipment|works|urine|tests?|samples?|screens?|people|persons?|users?|patients?)"
)
STIGMATISING = {
    "addict": r"\b(?:drug[- ])?addicts?\b|\baddicted\b",
    "abuser": r"\babusers?\b",
    "junkie": r"\bjunk(?:ie|y|ies)\b",
    "drug abuse": r"\b(?:drug|substance|alcohol|opioid|heroin|narcotics?) abuse\b",
    "drug misuse": r"\b(?:drug|substance) misuse\b|\bmisusers?\b",
    "clean/dirty (people, equipment, urine)": rf"\b(?:clean|dirty) {NOUNS}\b"
    r"|\b(?:stay|stays|staying|stayed|get|gets|getting|got|be|being|is|are|was|were) clean\b",
    "drug habit": r"\b(?:drug|heroin|opioid) habits?\b",
    "drug user / IDU": r"\b(?:injecting |injection )?drug users?\b|\bIDUs?\b",
    "slur": r"\b(?:crackheads?|druggies|druggy|dope ?fiends?|potheads?|methheads?|tweakers?)\b"
    r"|\bcrack bab(?:y|ies)\b",
}
PATTERN = re.compile("|".join(f"(?:{p})" for p in STIGMATISING.values()), re.IGNORECASE)
QUOTES = "\"'`‘’“”«»"
URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
PROPER_NAMES = (  # institutions whose official names predate the guidance
    "European Monitoring Centre for Drugs and Drug Addiction",
    "National Institute on Drug Abuse",
    "Substance Abuse and Mental Health Services Administration",
)


def findings(text: str) -> list[str]:
    """Stigmatising terms used (not quoted) in ``text``."""
    text = URL.sub(" ", text)
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    found = []
    for match in PATTERN.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if before and before in QUOTES and after in QUOTES:
            continue
        found.append(match.group(0))
    return found


def python_strings(path: Path) -> str:
    """Every string literal of a module (docstrings and f-string parts included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return "\n".join(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def po_english(path: Path) -> str:
    """msgid lines of a catalog (the English source text; the translations are tests/test_i18n.py's)."""
    return "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(("msgid", '"'))
    )


def repo_texts() -> dict[str, str]:
    texts = {str(p.relative_to(ROOT)): python_strings(p) for p in sorted((ROOT / "dashboard").rglob("*.py"))}
    files = [
        *(p for ext in ("css", "js", "html") for p in (ROOT / "assets").rglob(f"*.{ext}")),
        *(ROOT / "data").glob("*.csv"),
        *(ROOT / "data").glob("*.md"),
        ROOT / "data" / "datapackage.json",
        ROOT / "README.md",
        ROOT / "BENCHMARKS.md",
        *(ROOT / "docs").glob("*.md"),
    ]
    texts |= {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in files if p.is_file()}
    texts |= {str(p.relative_to(ROOT)): po_english(p) for p in (ROOT / "translations").rglob("*.po")}
    texts |= {str(p.relative_to(ROOT)): po_english(p) for p in (ROOT / "translations").rglob("*.pot")}
    return texts


@pytest.mark.parametrize(
    "text",
    [
        "NSP gives clean needles to drug addicts",
        "services for people who inject drugs and IDUs",
        "reduce drug abuse",
        "a junkie",
        "help them stay clean",
        "urine tests came back dirty urine",
        "substance misuse services",
        "opioid abusers",
    ],
)
def test_the_scanner_flags_stigmatising_language(text):
    assert findings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sterile needles and syringes for people who inject drugs.",
        'Never write "addict" or "drug abuse".',
        "Source: https://example.org/laddiction-aux-drogues/ and the National Institute on Drug Abuse.",
        "Users of the dashboard can clean the cache.",
        "Drug dependence treatment; opioid agonist therapy.",
    ],
)
def test_the_scanner_passes_respectful_language(text):
    assert findings(text) == []


def test_repository_texts_use_respectful_language():
    texts = repo_texts()
    assert "README.md" in texts and any(k.startswith("dashboard/") for k in texts)
    bad = {name: found for name, text in texts.items() if (found := findings(text))}
    assert bad == {}


def test_rendered_pages_use_respectful_language(client):
    pages = {path: client.get(path) for path in ("/", "/embed", "/_dash-layout", "/api/v1/datapackage.json")}
    bad = {
        path: found
        for path, response in pages.items()
        if response.status_code == 200 and (found := findings(response.get_data(as_text=True)))
    }
    assert bad == {}


def test_exports_readme_uses_respectful_language(client):
    response = client.get("/api/v1/bundle.zip")
    if response.status_code == 404:
        pytest.skip("/api/v1/bundle.zip does not exist yet")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    texts = {
        name: archive.read(name).decode("utf-8")
        for name in archive.namelist()
        if name.endswith((".md", ".txt", ".csv", ".json"))
    }
    assert any("readme" in name.lower() for name in texts), sorted(texts)
    bad = {name: found for name, text in texts.items() if (found := findings(text))}
    assert bad == {}

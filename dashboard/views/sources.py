"""Where a fact comes from, said one way everywhere: HRI's report first, then how it was read.

Every fact of an edition is Harm Reduction International's: its **primary** source is HRI's report
for that edition (``editions.csv`` ``report_url``; for a fact read from the per-country table,
"Table 1, pp. …"). The URL in ``status.csv`` is the **secondary** source, labelled for what it is:
a third-party transcription the fact was read from, a copy of HRI's words elsewhere, or the
statement a rule rests on. :func:`fact_sources` is the one helper the panel, the table, the exports,
the images' source lines and the README use; :data:`METHOD_NAMES` names each rule in words, and
:func:`method_anchor` is its anchor on ``/methods``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from dashboard.core.i18n import N_, Translate
from dashboard.dataset.load import EVIDENCE_KINDS, Dataset

METHODS_PATH = "/methods"


def identity(text: str) -> str:
    return text


TRANSCRIPTION_HOSTS = ("github.com",)  # where third-party transcriptions of HRI's Table 1 live

# Each derivation rule of methods.csv, named in words (the code stays in the data, never shown).
METHOD_NAMES: dict[str, str] = {
    "R1": N_("No country stopped a service from 2020 to 2022"),
    "R2": N_("NSP growth from 2020 to 2022 was only in Africa"),
    "R3": N_("The 2023 update carries NSP and OAT from 2022"),
    "R4": N_("HRI names every NSP change from 2022 to 2024"),
    "R5": N_("OAT carried from 2023 into 2024 (an assumption)"),
    "P": N_("HRI names every national policy change from 2022 to 2024"),
    "P23": N_("The 2023 update names its four national policy additions"),
    "DCR": N_("HRI names every country with drug consumption rooms"),
    "MENA 2020": N_("HRI's 2020 Middle East and North Africa chapter names its countries"),
    "Prison NSP 2022": N_("HRI's alphabetical list of countries with NSP in prisons"),
    "Transcribed score": N_("Read from a transcription of HRI's Table 1 scores"),
}

PRIMARY = N_("HRI, {title}")
PRIMARY_TABLE = N_("HRI, {title}, Table 1 (pp. {pages})")
SECONDARY_LABELS = {
    "transcription": N_("read from a third-party transcription"),
    "quoted": N_("HRI's words as published at {publisher}"),
    "statement": N_("the statement it rests on, at {publisher}"),
}


@dataclass(frozen=True)
class SourceLink:
    label: str  # in the caller's language
    url: str


@dataclass(frozen=True)
class FactSources:
    """A fact's sources, primary first, and how it is known in plain words."""

    primary: SourceLink | None  # None only where the data has no report page for the edition
    secondary: SourceLink | None
    how: str  # the evidence kind in plain words ("" for unknown)
    method: str  # rule id in methods.csv ("" for none)
    method_name: str  # the rule in words ("" for none)
    method_url: str  # /methods#rule-… ("" for none)

    @property
    def links(self) -> list[SourceLink]:
        return [link for link in (self.primary, self.secondary) if link]

    def text(self) -> str:
        """One line for a table cell or a CSV: "HRI, … (url); read from … (url)"."""
        return "; ".join(f"{link.label} ({link.url})" for link in self.links)


def method_anchor(method: str) -> str:
    """The id of a rule's section on /methods: "R1" -> "rule-r1", "MENA 2020" -> "rule-mena-2020"."""
    return "rule-" + re.sub(r"[^a-z0-9]+", "-", method.lower()).strip("-")


def method_name(method: str, t: Translate = identity) -> str:
    return t(METHOD_NAMES[method]) if method in METHOD_NAMES else method


def primary_source(dataset: Dataset, edition: str, kind: str, t: Translate = identity) -> SourceLink | None:
    """HRI's report for the edition (naming Table 1's pages for a transcribed fact)."""
    url = dataset.report_urls.get(edition, "")
    if not url:
        return None
    title = t(dataset.edition_titles[edition])
    pages = dataset.table_pages.get(edition, "")
    if kind == "transcription_derived" and pages:
        return SourceLink(t(PRIMARY_TABLE).format(title=title, pages=pages.replace("-", "–")), url)
    return SourceLink(t(PRIMARY).format(title=title), url)


def secondary_source(url: str, kind: str, primary_url: str, t: Translate = identity) -> SourceLink | None:
    """The fact's own source URL, labelled for what it is (None when it is the report itself)."""
    if not url or url == primary_url:
        return None
    host = (urlparse(url).hostname or "").removeprefix("www.")
    if host in TRANSCRIPTION_HOSTS:
        return SourceLink(t(SECONDARY_LABELS["transcription"]), url)
    key = "quoted" if kind == "hri_direct" else "statement"
    return SourceLink(t(SECONDARY_LABELS[key]).format(publisher=host), url)


def fact_sources(
    dataset: Dataset,
    edition: str,
    indicator: str,
    iso3: str,
    t: Translate = identity,
    methods: str = METHODS_PATH,
) -> FactSources:
    """Primary and secondary source of one (edition, indicator, country) fact, in ``t``'s language.

    A fact that is not known has no sources (and says nothing it does not know). ``methods`` is the
    href of the methods page the rule links to (prefix-aware, relative, or absolute for files).
    """
    row = dataset.wide(edition).loc[iso3]
    kind = row.get(f"{indicator}_evidence", "") or ""
    url = row.get(f"{indicator}_source", "") or ""
    method = row.get(f"{indicator}_method", "") or ""
    if not kind and not url:
        return FactSources(None, None, "", "", "", "")
    primary = primary_source(dataset, edition, kind, t)
    secondary = secondary_source(url, kind, primary.url if primary else "", t)
    if primary is None and secondary is None and url:  # no report page in the data: the URL alone
        secondary = SourceLink(urlparse(url).hostname or url, url)
    return FactSources(
        primary,
        secondary,
        t(EVIDENCE_KINDS[kind]) if kind in EVIDENCE_KINDS else "",
        method,
        method_name(method, t) if method else "",
        f"{methods}#{method_anchor(method)}" if method else "",
    )

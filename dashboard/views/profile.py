"""A country's profile: everything the Atlas says about one country, in one language.

Pure (dataset in, words out): the page ``/country/<ISO3>``, its one-page PDF, its link-preview card
and the "suggest a correction" reports all read a :class:`Profile`. The facts are the country
panel's (:func:`dashboard.views.panel.country_facts`, :func:`~dashboard.views.panel.changes`); the
citation, source line and boundary disclaimer are :mod:`dashboard.views.describe`'s.

Sources are numbered footnotes (each distinct URL once), so a printed page carries every source URL
and the screen shows the same page.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import quote

import plotly.graph_objects as go

from dashboard.core.config import Corrections
from dashboard.core.i18n import (
    N_,
    country_name,
    html_attrs,
    is_rtl,
    translator,
)
from dashboard.core.indicators import INDICATORS, OPTIONAL_INDICATORS, STATUS_LABELS, UNKNOWN, YES
from dashboard.core.regions import region_label
from dashboard.dataset.load import EVIDENCE_KINDS, EXTENT_COLUMNS, Dataset
from dashboard.views.describe import DISCLAIMER, citation, edition_references, source_text
from dashboard.views.figures import MapData, map_figure
from dashboard.views.images import ExportTexts, Preset, export_figure
from dashboard.views.panel import (
    EVIDENCE_SHORT,
    Fact,
    changes,
    correction_path,
    country_facts,
    panel_indicators,
)
from dashboard.views.sources import SourceLink

HERE, NEIGHBOURS = "here", "region"
# Not status colours (blue / orange / grey mean yes / no / not known everywhere else).
LOCATOR_COLOURS = {HERE: "#882255", NEIGHBOURS: "#C9D3E6"}
CARD = Preset(1200, 630)  # the usual link-preview image size
LOCATOR = Preset(520, 300, 2)
MAX_CODE = 64  # characters of an unknown code compared with names (a 5,000-character path stays cheap)


def canonical_code(code: str) -> str:
    return code.strip().upper()


def indicator_label(indicator: str) -> str:
    return (INDICATORS.get(indicator) or OPTIONAL_INDICATORS[indicator]).label


def indicator_definition(indicator: str) -> str:
    return (INDICATORS.get(indicator) or OPTIONAL_INDICATORS[indicator]).definition


@dataclass(frozen=True)
class Report:
    """A prefilled "suggest a correction" report: what the visitor sends, if they choose to."""

    title: str
    body: str
    href: str  # the configured target (issue tracker URL or mailto:), "" when none is configured
    page: str  # path of the page that shows the text to copy, relative to the app's root

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}"


@dataclass(frozen=True)
class Cell:
    """One indicator in one edition: status, source footnote, how it is known, a correction report."""

    edition: str
    status: str
    status_label: str
    source: str
    notes: tuple[int, ...]  # footnote numbers of its sources, HRI's report first
    evidence: str  # short label ("HRI, derived"), "" when none
    evidence_meaning: str
    report: Report


@dataclass(frozen=True)
class Row:
    indicator: str
    label: str
    definition: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Comparison:
    """How many of the region's countries have an indicator, per edition (``yes`` in the data)."""

    indicator: str
    label: str
    counts: tuple[tuple[str, int, int], ...]  # (edition, yes, not known)


@dataclass(frozen=True)
class Profile:
    iso3: str
    lang: str
    name: str
    region: str  # slug
    region_label: str
    region_size: int
    title: str
    editions: tuple[str, ...]
    edition_labels: dict[str, str]
    rows: tuple[Row, ...]
    changes: tuple[str, ...]
    comparison: tuple[Comparison, ...]
    sources: tuple[SourceLink, ...]  # footnotes, numbered from 1 (HRI's report first in each cell)
    evidence: tuple[tuple[str, str], ...]  # (short label, meaning) for the kinds used, then not known
    source_line: str
    citation: str
    disclaimer: str
    data_date: str
    texts: dict[str, str] = field(default_factory=dict)  # headings and labels, translated

    @property
    def dir(self) -> str:
        return html_attrs(self.lang)["dir"]

    @property
    def rtl(self) -> bool:
        return is_rtl(self.lang)

    def cell_row(self, indicator: str) -> tuple[Cell, ...]:
        return next(r for r in self.rows if r.indicator == indicator).cells

    def cell(self, indicator: str, edition: str) -> Cell:
        return next(c for c in self.cell_row(indicator) if c.edition == edition)


# Headings and labels of the page, the PDF and the correction page (msgids marked for extraction).
TEXTS = {
    "heading": N_("Country profile"),
    "facts": N_("Status in each edition of HRI's Global State of Harm Reduction"),
    "indicator": N_("Indicator"),
    "changed": N_("What changed"),
    "no_change": N_("No change between editions where the status is known."),
    "region": N_("Region: {region}"),
    "compare": N_("How the region compares"),
    "compare_caption": N_(
        "Countries of {region} the Atlas has a source for as having each, of the region's {count}"
        " (not known in brackets)"
    ),
    "locator": N_("{country} in {region}"),
    "known": N_("How each fact is known"),
    "unknown_meaning": N_("HRI reports it as not known, or this dataset has no source for it yet."),
    "sources": N_("Sources"),
    "cite": N_("Cite this page"),
    "data_date": N_("Data files built on {date}."),
    "pdf": N_("Download as a one-page PDF (A4)"),
    "dashboard": N_("Open in the dashboard"),
    "correct": N_("Suggest a correction"),
    "correct_help": N_(
        "Each “✎” opens a report about that fact, prefilled with the country, edition, indicator,"
        " status and source. Nothing is sent until you send it."
    ),
    "language": N_("Language"),
    "atlas": N_("Harm Reduction Atlas"),
    "no_source": N_("no source recorded"),
}


def data_date(dataset: Dataset) -> str:
    """The day the data files were last built (their newest modification time, UTC)."""
    times = [p.stat().st_mtime for p in dataset.directory.glob("*.csv")]
    return datetime.fromtimestamp(max(times), UTC).date().isoformat() if times else ""


def correction_href(corrections: Corrections, title: str, body: str) -> str:
    """Where the report goes: the URL template filled (URL-encoded), a ``mailto:``, or "" (none set)."""
    if corrections.url:
        return corrections.url.replace("{title}", quote(title, safe="")).replace(
            "{body}", quote(body, safe="")
        )
    if corrections.email:
        return f"mailto:{corrections.email}?subject={quote(title, safe='')}&body={quote(body, safe='')}"
    return ""


def correction_report(
    fact: Fact,
    iso3: str,
    name: str,
    labels: dict[str, str],
    page_url: str,
    lang: str,
    corrections: Corrections,
) -> Report:
    """The prefilled report for one fact (codes in brackets, so whoever reads it can find the row)."""
    t = translator(lang)
    indicator = t(indicator_label(fact.indicator))
    title = t("Correction: {country}, {indicator}, {edition}").format(
        country=name, indicator=indicator, edition=labels[fact.edition]
    )
    lines = [
        t("Country: {country}").format(country=f"{name} ({iso3})"),
        t("Edition: {edition}").format(edition=f"{labels[fact.edition]} ({fact.edition})"),
        t("Indicator: {indicator}").format(indicator=f"{indicator} ({fact.indicator})"),
        t("Current status: {status}").format(status=t(STATUS_LABELS[fact.status])),
        t("Source: {source}").format(
            source=(fact.sources.text() if fact.sources and fact.sources.links else fact.source)
            or t(TEXTS["no_source"])
        ),
    ]
    if fact.evidence in EVIDENCE_KINDS:
        lines.append(t("How it is known: {evidence}").format(evidence=t(EVIDENCE_KINDS[fact.evidence])))
    lines += [
        t("Page: {url}").format(url=page_url),
        "",
        t("What should it say, and what is your source?"),
        "",
    ]
    body = "\n".join(lines)
    return Report(
        title,
        body,
        correction_href(corrections, title, body),
        correction_path(iso3, fact.edition, fact.indicator, lang),
    )


def region_comparison(dataset: Dataset, region: str, indicators: Iterable[str]) -> tuple[Comparison, ...]:
    members = dataset.countries.index[dataset.countries["region"] == region]
    out = []
    for indicator in indicators:
        counts = []
        for edition in dataset.edition_ids:
            statuses = dataset.wide(edition).loc[members, indicator]
            counts.append((edition, int((statuses == YES).sum()), int((statuses == UNKNOWN).sum())))
        out.append(Comparison(indicator, indicator_label(indicator), tuple(counts)))
    return tuple(out)


def build_profile(
    dataset: Dataset,
    iso3: str,
    lang: str,
    *,
    page_url: str,
    corrections: Corrections | None = None,
    accessed: date | None = None,
) -> Profile:
    """The profile of ``iso3`` (a code in the data) in ``lang``; ``page_url`` is its absolute URL."""
    corrections = corrections or Corrections()
    t = translator(lang)
    country = dataset.countries.loc[iso3]
    name = country_name(iso3, lang, country["country"])
    editions = tuple(dataset.edition_ids)
    labels = {e: t(label) for e, label in dataset.edition_labels.items()}
    facts = country_facts(dataset, iso3, t)  # each with its sources, HRI's report first (sources.py)
    by_key = {(f.indicator, f.edition): f for f in facts}
    notes: dict[str, int] = {}
    links: dict[str, SourceLink] = {}
    rows = []
    for indicator in panel_indicators(dataset):
        cells = []
        for edition in editions:
            fact = by_key[(indicator, edition)]
            cited = fact.sources.links if fact.sources else []
            if not cited and fact.source:
                cited = [SourceLink(fact.source, fact.source)]
            for link in cited:
                if link.url not in notes:
                    notes[link.url], links[link.url] = len(notes) + 1, link
            report = correction_report(fact, iso3, name, labels, page_url, lang, corrections)
            cells.append(
                Cell(
                    edition,
                    fact.status,
                    t(STATUS_LABELS[fact.status]),
                    fact.source,
                    tuple(dict.fromkeys(notes[link.url] for link in cited)),
                    t(EVIDENCE_SHORT[fact.evidence]) if fact.evidence in EVIDENCE_SHORT else "",
                    t(EVIDENCE_KINDS[fact.evidence]) if fact.evidence in EVIDENCE_KINDS else "",
                    report,
                )
            )
        rows.append(
            Row(indicator, t(indicator_label(indicator)), t(indicator_definition(indicator)), tuple(cells))
        )
    moved = tuple(
        t("{indicator}: {old} in {before} → {new} in {after}").format(
            indicator=t(indicator_label(i)),
            old=t(STATUS_LABELS[old]),
            before=labels[b],
            new=t(STATUS_LABELS[new]),
            after=labels[a],
        )
        for i, b, old, a, new in changes(facts, list(editions))
    )
    used = [k for k in EVIDENCE_SHORT if any(f.evidence == k for f in facts)]
    evidence = tuple((t(EVIDENCE_SHORT[k]), t(EVIDENCE_KINDS[k])) for k in used) + (
        (t(STATUS_LABELS[UNKNOWN]), t(TEXTS["unknown_meaning"])),
    )
    region = str(country["region"])
    comparison = tuple(
        Comparison(c.indicator, t(c.label), c.counts)
        for c in region_comparison(dataset, region, panel_indicators(dataset))
    )
    texts = {key: t(text) for key, text in TEXTS.items()}
    region_name = t(region_label(region))
    return Profile(
        iso3=iso3,
        lang=lang,
        name=name,
        region=region,
        region_label=region_name,
        region_size=int((dataset.countries["region"] == region).sum()),
        title=t("{country}: harm reduction country profile").format(country=name),
        editions=editions,
        edition_labels=labels,
        rows=tuple(rows),
        changes=moved,
        comparison=comparison,
        sources=tuple(links.values()),
        evidence=evidence,
        source_line=source_text(t, edition_references(dataset, editions, t)),
        citation=citation(dataset, "all", page_url, accessed or date.today()),
        disclaimer=t(DISCLAIMER),
        data_date=data_date(dataset),
        texts=texts,
    )


def suggestions(dataset: Dataset, code: str, lang: str, limit: int = 5) -> list[tuple[str, str]]:
    """(ISO-3, name in ``lang``) of the countries whose code or name is closest to ``code``."""
    wanted = code[:MAX_CODE].strip().casefold()
    if not wanted:
        return []
    names = {iso3: country_name(iso3, lang, name) for iso3, name in dataset.countries["country"].items()}
    keys: dict[str, str] = {}
    for iso3, name in names.items():
        keys[iso3.casefold()] = iso3
        keys[name.casefold()] = iso3
        keys[str(dataset.countries.loc[iso3, "country"]).casefold()] = iso3
    found = difflib.get_close_matches(wanted, list(keys), n=limit * 3, cutoff=0.5)
    found = found or difflib.get_close_matches(wanted, list(keys), n=limit, cutoff=0.3)
    found += [k for k in keys if len(wanted) >= 3 and k.startswith(wanted)]
    out = list(dict.fromkeys(keys[k] for k in found))[:limit]
    return [(iso3, names[iso3]) for iso3 in out]


# ---- the locator map and the link-preview card ---------------------------------------------------


def locator_data(dataset: Dataset, iso3: str, lang: str) -> MapData:
    """Two categories: the country, and the other countries of its HRI region."""
    t = translator(lang)
    countries = dataset.countries
    region = countries.loc[iso3, "region"]
    frame = countries[["country", "lat", "lon", "small", *EXTENT_COLUMNS]].copy()
    frame["country"] = [country_name(code, lang, name) for code, name in frame["country"].items()]
    frame["category"] = [HERE if code == iso3 else NEIGHBOURS for code in frame.index]
    frame["detail"] = ""
    frame["hover"] = list(frame["country"])
    name = frame.loc[iso3, "country"]
    labels = {HERE: name, NEIGHBOURS: t("Other countries of {region}").format(region=t(region_label(region)))}
    return MapData(frame, (NEIGHBOURS, HERE), LOCATOR_COLOURS, labels, "", is_rtl(lang))


def locator_figure(dataset: Dataset, iso3: str, lang: str) -> go.Figure:
    """The country highlighted in its region (the dashboard's region map, without a legend)."""
    data = locator_data(dataset, iso3, lang)
    region = str(dataset.countries.loc[iso3, "region"])
    fig = map_figure(
        data,
        region,
        dataset.countries["region"],
        height=LOCATOR.height,
        aspect=LOCATOR.width / LOCATOR.height,
    )
    fig.update_layout(showlegend=False, width=LOCATOR.width, paper_bgcolor="white")
    fig.update_traces(marker_size=12, selector={"type": "scattergeo"})
    return fig


def card_figure(dataset: Dataset, iso3: str, lang: str, page_url: str) -> go.Figure:
    """The link-preview image: name, the newest edition's four headline facts, the locator map."""
    t = translator(lang)
    name = country_name(iso3, lang, dataset.countries.loc[iso3, "country"])
    newest = dataset.edition_ids[-1]
    facts = {f.indicator: f for f in country_facts(dataset, iso3) if f.edition == newest}
    status = " · ".join(
        f"{t(indicator_label(i))}: {t(STATUS_LABELS[facts[i].status])}"
        for i in ("nsp", "oat", "dcr", "policy")
    )
    region = str(dataset.countries.loc[iso3, "region"])
    fig = map_figure(
        locator_data(dataset, iso3, lang), region, dataset.countries["region"], height=None, aspect=None
    )
    fig.update_traces(marker_size=14, selector={"type": "scattergeo"})
    texts = ExportTexts(
        title=t("{country}: harm reduction country profile").format(country=name),
        subtitle=f"{t(dataset.edition_labels[newest])} — {status}",
        source=source_text(t, edition_references(dataset, (newest,), t)),
        url=page_url,
        disclaimer=t(DISCLAIMER),
        rtl=is_rtl(lang),
    )
    out = export_figure(fig, texts, CARD)
    out.update_layout(showlegend=False)
    return out

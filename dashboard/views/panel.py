"""The country panel: every indicator in every edition for one country, with how each fact is known.

Pure builders (dataset in, components out) so the panel can be tested without a browser. Links to
sources open in a new tab with ``rel="noopener noreferrer"``; all text is passed as component
children, which Dash escapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from dash import html

from dashboard.core.i18n import N_, Translate
from dashboard.core.indicators import INDICATORS, OPTIONAL_INDICATORS, STATUS_LABELS, UNKNOWN
from dashboard.core.regions import region_label
from dashboard.dataset.load import EVIDENCE_KINDS, Dataset
from dashboard.views.sources import METHODS_PATH, FactSources, fact_sources, method_anchor, method_name

PANEL_HEADING = "panel-heading"
FACTS = "facts"  # id prefix of the status table's headings (edition and indicator)
# Short names shown in the table; the plain-words explanation (EVIDENCE_KINDS) is listed below it.
EVIDENCE_SHORT = {
    "hri_direct": N_("HRI"),
    "hri_derived": N_("HRI, derived"),
    "transcription_derived": N_("HRI's table, via a third-party copy"),
}


@dataclass(frozen=True)
class Fact:
    """One (indicator, edition) status for a country, with its source and how it is known."""

    indicator: str
    edition: str
    status: str
    source: str
    evidence: str
    sources: FactSources | None = None  # HRI's report first, then how it was read (sources.py)


def panel_indicators(dataset: Dataset) -> list[str]:
    """Core indicators, then optional ones sourced in at least one edition."""
    present = set(dataset.status["indicator"])
    return [*INDICATORS, *(i for i in OPTIONAL_INDICATORS if i in present)]


def country_facts(
    dataset: Dataset, iso3: str, t: Translate | None = None, methods: str = METHODS_PATH
) -> list[Fact]:
    """Every indicator x edition for a country (``unknown`` where the data has no row).

    With ``t``, each fact carries its sources in that language (:func:`fact_sources`).
    """
    facts = []
    for indicator in panel_indicators(dataset):
        for edition in dataset.edition_ids:
            row = dataset.wide(edition).loc[iso3]
            status = row.get(indicator, UNKNOWN) or UNKNOWN
            facts.append(
                Fact(
                    indicator,
                    edition,
                    status,
                    row.get(f"{indicator}_source", "") or "",
                    row.get(f"{indicator}_evidence", "") or "",
                    fact_sources(dataset, edition, indicator, iso3, t, methods) if t else None,
                )
            )
    return facts


def changes(facts: list[Fact], editions: list[str]) -> list[tuple[str, str, str, str, str]]:
    """(indicator, before edition, before status, after edition, after status) for each known change.

    Consecutive editions only; a step to or from "not known" is not a change (unknown is not "no").
    """
    out = []
    by_key = {(f.indicator, f.edition): f.status for f in facts}
    for indicator in dict.fromkeys(f.indicator for f in facts):
        for before, after in zip(editions, editions[1:]):
            old, new = by_key[(indicator, before)], by_key[(indicator, after)]
            if UNKNOWN not in (old, new) and old != new:
                out.append((indicator, before, old, after, new))
    return out


def _label(indicator: str) -> str:
    return (INDICATORS.get(indicator) or OPTIONAL_INDICATORS[indicator]).label


def _aria_label(label: str) -> dict[str, Any]:
    """``aria-label`` as Dash takes it (a hyphenated prop its type stubs do not list)."""
    return {"aria-label": label}


def _link(text: str, label: str, href: str, className: str) -> html.A:
    """A short link in a narrow cell; its whole label is its accessible name (and tooltip).

    The name starts with the visible text (WCAG 2.5.3, "label in name"), so a person who says or
    sees "HRI" can find the link whose full name is HRI's report title.
    """
    name = label if label.casefold().startswith(text.casefold()) else f"{text}: {label}"
    return html.A(
        text,
        href=href,
        target="_blank",
        rel="noopener noreferrer",
        className=className,
        title=label,
        **_aria_label(name),
    )


def profile_path(iso3: str, lang: str = "en", suffix: str = "") -> str:
    """``country/COL.pdf?lang=fr``: a country profile's path relative to the app's root."""
    return f"country/{iso3}{suffix}" + (f"?lang={lang}" if lang != "en" else "")


def correction_path(iso3: str, edition: str, indicator: str, lang: str = "en") -> str:
    """The page showing the prefilled "suggest a correction" report for one fact (relative path)."""
    query = {"edition": edition, "indicator": indicator} | ({"lang": lang} if lang != "en" else {})
    return f"country/{iso3}/correction?{urlencode(query)}"


def _correction_link(fact: Fact, t: Translate, iso3: str, lang: str) -> html.A:
    label = t("Suggest a correction")
    return html.A(
        "✎",
        href=correction_path(iso3, fact.edition, fact.indicator, lang),
        target="_blank",
        rel="noopener noreferrer",
        className="correct",
        title=label,
        **_aria_label(f"{label}: {t(_label(fact.indicator))}, {fact.edition}"),
    )


def _cell(fact: Fact, t: Translate, headers: str, iso3: str = "", lang: str = "en") -> html.Td:
    """Status, HRI's report first, how it was read, and the rule it rests on (linked to /methods)."""
    parts: list = [html.Span(t(STATUS_LABELS[fact.status]), className=f"badge badge-{fact.status}")]
    sources = fact.sources
    if sources is not None and sources.primary is not None:
        opens = t("Opens in a new tab")
        parts.append(
            _link(t("HRI"), f"{sources.primary.label} ({opens})", sources.primary.url, "source-link")
        )
        if sources.secondary is not None:
            secondary = sources.secondary
            parts.append(_link(t("read via"), f"{secondary.label} ({opens})", secondary.url, "source-link"))
    elif fact.source:
        parts.append(
            html.A(
                t("source"),
                href=fact.source,
                target="_blank",
                rel="noopener noreferrer",
                className="source-link",
                title=t("Opens in a new tab"),
            )
        )
    if sources is not None and sources.method_url and fact.evidence in EVIDENCE_SHORT:
        label = f"{t(EVIDENCE_KINDS[fact.evidence])} {sources.method_name}"
        parts.append(_link(t(EVIDENCE_SHORT[fact.evidence]), label, sources.method_url, "evidence"))
    elif fact.evidence in EVIDENCE_SHORT:
        parts.append(
            html.Span(
                t(EVIDENCE_SHORT[fact.evidence]), className="evidence", title=t(EVIDENCE_KINDS[fact.evidence])
            )
        )
    if iso3:
        parts.append(_correction_link(fact, t, iso3, lang))
    return html.Td(parts, headers=headers)


def _indicator_rows(
    indicator: str, editions: list[str], by_key: dict, t: Translate, iso3: str = "", lang: str = "en"
) -> html.Tbody:
    """One indicator: its name across the table, then one cell per edition under the edition headings.

    The name gets a row of its own so the four editions share the panel's whole width (the name
    beside them left too little room in Russian); ``headers`` ties each cell to both headings.
    """
    head = f"{FACTS}-{indicator}"
    return html.Tbody(
        [
            html.Tr(
                html.Th(t(_label(indicator)), id=head, scope="rowgroup", colSpan=len(editions)),
                className="facts-indicator",
            ),
            html.Tr([_cell(by_key[(indicator, e)], t, f"{head} {FACTS}-{e}", iso3, lang) for e in editions]),
        ]
    )


def _sources_section(dataset: Dataset, facts: list[Fact], t: Translate, methods: str) -> list:
    """HRI's reports (the primary source of every fact), then the rules the facts rest on, linked."""
    reports = []
    for edition in dataset.edition_ids:
        first = next(
            (f.sources.primary for f in facts if f.edition == edition and f.sources and f.sources.primary),
            None,
        )
        if first is not None:
            reports.append(
                html.Li(html.A(first.label, href=first.url, target="_blank", rel="noopener noreferrer"))
            )
    rules = dict.fromkeys(f.sources.method for f in facts if f.sources and f.sources.method)
    out: list = [
        html.H3(t("Sources")),
        html.P(t("Every fact is Harm Reduction International's, from its report for the edition:")),
        html.Ul(reports, className="panel-reports"),
    ]
    if rules:
        out += [
            html.P(t("Facts that follow from HRI's statements rest on these rules (see the methods page):")),
            html.Ul(
                [
                    html.Li(
                        html.A(
                            method_name(m, t),
                            href=f"{methods}#{method_anchor(m)}",
                            target="_blank",
                            rel="noopener noreferrer",
                        )
                    )
                    for m in rules
                ],
                className="panel-rules",
            ),
        ]
    out.append(
        html.P(
            html.A(
                t("How the Atlas knows each fact (methods)"),
                href=methods,
                target="_blank",
                rel="noopener noreferrer",
            )
        )
    )
    return out


def country_panel(
    dataset: Dataset, iso3: str, t: Translate, name: str | None = None, *, lang: str = "en", base: str = ""
) -> list:
    """Children of the panel: name, region, the status table, what changed, how facts are known.

    ``name`` is the country's name in the view's language (default: the data's English name);
    ``base`` is the app's path prefix for the /methods links (relative by default).
    """
    country = dataset.countries.loc[iso3]
    editions = dataset.edition_ids
    methods = f"{base}methods" + (f"?lang={lang}" if lang != "en" else "")
    facts = country_facts(dataset, iso3, t, methods)
    by_key = {(f.indicator, f.edition): f for f in facts}
    labels = {e: t(label) for e, label in dataset.edition_labels.items()}
    table = html.Table(
        [
            html.Caption(
                t("Status in each edition of HRI's Global State of Harm Reduction ({editions})").format(
                    editions="; ".join(f"{e}: {labels[e]}" for e in editions)
                )
            ),
            html.Thead(
                html.Tr(
                    [html.Th(html.Abbr(e, title=labels[e]), scope="col", id=f"{FACTS}-{e}") for e in editions]
                )
            ),
            *[_indicator_rows(i, editions, by_key, t, iso3, lang) for i in panel_indicators(dataset)],
        ],
        className="facts",
    )
    moved = changes(facts, editions)
    changed = (
        html.Ul(
            [
                html.Li(
                    t("{indicator}: {old} in {before} → {new} in {after}").format(
                        indicator=t(_label(i)),
                        old=t(STATUS_LABELS[old]),
                        before=labels[b],
                        new=t(STATUS_LABELS[new]),
                        after=labels[a],
                    )
                )
                for i, b, old, a, new in moved
            ]
        )
        if moved
        else html.P(t("No change between editions where the status is known."))
    )
    used = [k for k in EVIDENCE_SHORT if any(f.evidence == k for f in facts)]
    return [
        html.H2(name or country["country"], id=PANEL_HEADING, tabIndex="-1"),
        html.P(t("Region: {region}").format(region=t(region_label(country["region"]))), className="muted"),
        html.P(
            html.A(
                t("Country profile: page to print, PDF, corrections"),
                href=base + profile_path(iso3, lang),
                target="_blank",
                rel="noopener noreferrer",
            ),
            className="panel-profile",
        ),
        html.Div(table, className="table-scroll"),
        html.H3(t("What changed")),
        changed,
        html.H3(t("How each fact is known")),
        html.Dl(
            [item for k in used for item in (html.Dt(t(EVIDENCE_SHORT[k])), html.Dd(t(EVIDENCE_KINDS[k])))]
            + [
                html.Dt(t(STATUS_LABELS[UNKNOWN])),
                html.Dd(t("HRI reports it as not known, or this dataset has no source for it yet.")),
            ],
            className="evidence-list",
        ),
        *_sources_section(dataset, facts, t, methods),
    ]

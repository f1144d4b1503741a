"""The methods page's content: how the Atlas knows each fact, from ``data/methods.csv`` and the data.

Pure (dataset and language in, a :class:`MethodsPage` out; the Jinja template in
``dashboard/web/templates/methods.html`` only lays it out). It says what each evidence kind means,
each derivation rule in words with its HRI source (anchors ``rule-…``, which the panel and the
exports link to), how complete each list is per edition and indicator, what "not known" means, the
known doubts, and how to suggest a correction. The rules' statements are the data's English text:
they are shown as quoted, marked ``lang="en"``, beside their translated names.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.core.i18n import N_, format_number, plural_translator, translator
from dashboard.core.indicators import DATA_INDICATORS, INDICATORS, OPTIONAL_INDICATORS
from dashboard.dataset.counts import completeness
from dashboard.dataset.load import EVIDENCE_KINDS, Dataset
from dashboard.views.panel import EVIDENCE_SHORT
from dashboard.views.sources import method_anchor, method_name, primary_source

KIND_DETAILS = {
    "hri_direct": N_("The link beside HRI's report goes to HRI's words, where they were found."),
    "hri_derived": N_(
        "The rule is named beside the fact and explained below; the link goes to HRI's statement it rests on."
    ),
    "transcription_derived": N_(
        "The fact is HRI's (Table 1 of the edition's report); a third party's transcription of that table is"
        " how it was read, and is linked as such, never as the source itself."
    ),
}


@dataclass(frozen=True)
class Rule:
    anchor: str
    code: str  # the id in the data (status.csv's method column), for analysts
    name: str
    applies_to: str  # English, as in the data
    statement: str  # English, as in the data
    source_url: str
    source_label: str
    facts: str  # "Used for 380 facts."


@dataclass(frozen=True)
class CompletenessRow:
    edition: str
    cells: tuple[str, ...]  # one per indicator column: "87 of 92", "26 with a source (partial list)", "–"


@dataclass(frozen=True)
class MethodsPage:
    lang: str
    texts: dict[str, str]
    kinds: tuple[tuple[str, str, str, str], ...]  # (code, short name, meaning, detail)
    rules: tuple[Rule, ...]
    reports: tuple[tuple[str, str], ...]  # (label, url) of HRI's report per edition
    indicator_labels: tuple[str, ...]
    completeness: tuple[CompletenessRow, ...]
    doubts: tuple[str, ...]


def _texts(t) -> dict[str, str]:
    return {
        "atlas": t("Harm Reduction Atlas"),
        "title": t("How the Atlas knows each fact"),
        "lead": t(
            "Every fact in the Atlas is Harm Reduction International's, from its Global State of Harm"
            " Reduction. This page says how each one was read from HRI's reports, by which rule, and how"
            " complete each list is."
        ),
        "language": t("Language"),
        "dashboard": t("Open the dashboard"),
        "reports_heading": t("HRI's reports: the primary source"),
        "reports_lead": t("Every fact of an edition is cited to HRI's report for that edition first:"),
        "kinds_heading": t("How a fact is known"),
        "rules_heading": t("Rules used to read HRI's statements"),
        "rules_lead": t(
            "Where HRI states a total or names the changes between editions, a country's status follows by"
            " arithmetic. Each rule is quoted from the Atlas's research notes (in English), with the HRI"
            " statement it rests on."
        ),
        "code": t("In the data: method = {code}"),
        "applies": t("Applies to"),
        "completeness_heading": t("How complete each list is"),
        "completeness_lead": t(
            "For each edition and indicator: for how many countries with the service the Atlas has a"
            " source, against HRI's published count. Where HRI's count is not in the data, the list is"
            " partial."
        ),
        "edition": t("Edition"),
        "unknown_heading": t("What “not known” means"),
        "unknown": t(
            "Not known means that HRI reports the status as not known, or that this dataset has no source"
            " for it yet. It is never a “no”, and it is never guessed: it is shown in grey, with its own"
            " legend entry, until a source is found."
        ),
        "no": t("No means that the country is not on HRI's list for that edition."),
        "doubts_heading": t("Known doubts"),
        "correct_heading": t("Suggest a correction"),
        "correct": t(
            "If you know a source that changes a fact, open the country's profile (from the dashboard's"
            " country panel) and use its correction link: the report names the country, edition and"
            " indicator. Please include the source, ideally HRI's own."
        ),
        "download": t("The rules as data: methods.csv in the data package"),
    }


def _cell(row: dict, t, number) -> str:
    yes, published = int(row["yes"]), row["published"]
    if published is None or published != published:  # None or NA
        return t("{listed} with a source (partial list)").format(listed=number(yes))
    return t("{listed} of {published}").format(listed=number(yes), published=number(int(published)))


def methods_page(dataset: Dataset, lang: str = "en") -> MethodsPage:
    """Everything the methods page says, in ``lang`` (the rules' statements quoted in English)."""
    t, nt = translator(lang), plural_translator(lang)

    def number(n: int) -> str:
        return format_number(n, lang)

    used = dataset.status["method"].value_counts() if "method" in dataset.status else {}
    rules = tuple(
        Rule(
            anchor=method_anchor(m["method"]),
            code=m["method"],
            name=method_name(m["method"], t),
            applies_to=m["applies_to"],
            statement=m["statement"],
            source_url=m["hri_source_url"] or "",
            source_label=t("HRI's statement") if m["hri_source_url"] else t("HRI's Table 1 of each report"),
            facts=nt(
                "Used for {count} fact.", "Used for {count} facts.", int(used.get(m["method"], 0))
            ).format(count=number(int(used.get(m["method"], 0)))),
        )
        for m in dataset.methods.to_dict(orient="records")
    )
    present = set(dataset.status["indicator"])
    indicators = [i for i in DATA_INDICATORS if i in present]
    table = completeness(dataset)
    by_key = {(r["edition"], r["indicator"]): r for r in table.to_dict(orient="records")}
    rows = tuple(
        CompletenessRow(
            t(dataset.edition_labels[e]),
            tuple(_cell(by_key[(e, i)], t, number) if (e, i) in by_key else "–" for i in indicators),
        )
        for e in dataset.edition_ids
    )
    labels = tuple(t((INDICATORS.get(i) or OPTIONAL_INDICATORS[i]).label) for i in indicators)
    reports = tuple(
        (link.label, link.url)
        for e in dataset.edition_ids
        if (link := primary_source(dataset, e, "transcription_derived", t)) is not None
    )
    transcribed = int((dataset.status["evidence_kind"] == "transcription_derived").sum())
    missing = int(table["missing"].fillna(0).sum())
    partial = int(table["published"].isna().sum())
    doubts = [
        nt(
            "{count} fact rests on a third party's transcription of HRI's Table 1: good, not authoritative;"
            " each agrees with HRI's totals.",
            "{count} facts rest on a third party's transcription of HRI's Table 1: good, not authoritative;"
            " each agrees with HRI's totals.",
            transcribed,
        ).format(count=number(transcribed)),
        nt(
            "HRI's published counts name {count} more country-list entry than the data does: those"
            " countries are not known here until a source names them.",
            "HRI's published counts name {count} more country-list entries than the data does: those"
            " countries are not known here until a source names them.",
            missing,
        ).format(count=number(missing)),
        nt(
            "{count} list has no HRI count in the data, so it is partial.",
            "{count} lists have no HRI count in the data, so they are partial.",
            partial,
        ).format(count=number(partial)),
    ]
    for rule in rules:
        if "assumption" in rule.statement.lower():
            doubts.append(
                t("The rule “{name}” is an assumption, stated as such below.").format(name=rule.name)
            )
    kinds = tuple(
        (code, t(EVIDENCE_SHORT[code]), t(text), t(KIND_DETAILS[code]))
        for code, text in EVIDENCE_KINDS.items()
    )
    return MethodsPage(lang, _texts(t), kinds, rules, reports, labels, rows, tuple(doubts))

"""Everything said about a view, said once: its editions, rows, counts, title and sentences.

A :class:`View` is built from a dataset and a :class:`~dashboard.core.state.ViewState`; the page,
the embed, the exported images, the static snapshot and the link previews all read their words from
it, so a title or a source line cannot differ between two of them. :func:`parse_query` is the one
way to read a view from a query string for a dataset (lenient for pages, strict for the API).

Every text is in the view's language: whole sentences are translated as templates with
``{placeholders}`` filled in afterwards, and sentences with a count use the plural form for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from urllib.parse import parse_qs

import pandas as pd

from dashboard.core.i18n import (
    N_,
    Translate,
    TranslatePlural,
    format_number,
    is_rtl,
    plural_translator,
    translator,
)
from dashboard.core.indicators import (
    BOTH_NO,
    BOTH_YES,
    FEWER,
    GAINED,
    LOST,
    MAP_INDICATORS,
    MORE,
    NO,
    SAME,
    STATUS_LABELS,
    STATUSES,
    UNKNOWN,
    YES,
)
from dashboard.core.regions import WORLD, region_label, region_rows
from dashboard.core.state import Note, QueryArgs, ViewState, parse_view
from dashboard.dataset.counts import headline_counts
from dashboard.dataset.load import Dataset
from dashboard.views import analysis
from dashboard.views.figures import MapData, view_map_data

PUBLISHER = "Harm Reduction International"
ATLAS = "Harm Reduction Atlas"
DISCLAIMER = N_(
    "The boundaries and names shown do not imply any opinion on the legal status of any country"
    " or territory, or on the delimitation of its borders."
)
SOURCE = N_("Source: Harm Reduction International, {titles}")
CITE_HRI = N_("Please cite HRI as the source of these data.")


def parse_query(
    query: str | QueryArgs, dataset: Dataset, *, strict: bool = False
) -> tuple[ViewState, list[Note]]:
    """The view in a query string (``"?edition=2024"``, leading ``?`` optional) or its parsed arguments.

    ``query`` may also be a mapping (one value per name) or a multi-dict such as Flask's
    ``request.args``. A repeated parameter is read as its first value, from a string as from a
    multi-dict. Lenient by default (unknown values fall back to the default, with a note; so do a
    repeated parameter and a comparison with the edition shown); ``strict`` raises
    :class:`~dashboard.core.state.ParamError` instead (the API answers it with a 400).
    """
    args = parse_qs(query.lstrip("?"), keep_blank_values=True) if isinstance(query, str) else query
    return parse_view(args, dataset.edition_ids, list(dataset.countries.index), strict=strict)


@dataclass(frozen=True)
class Reference:
    """One edition of HRI's report, as cited: its title (in the view's language), year and page."""

    title: str
    year: str
    url: str | None

    @property
    def text(self) -> str:
        return f"{self.title} ({self.year})"


def published_year(dataset: Dataset, edition: str) -> str:
    return str(dataset.editions.set_index("edition").loc[edition, "published"])[:4]


def citation(dataset: Dataset, edition: str, url: str, accessed: date) -> str:
    """Citation text naming HRI (whose facts these are) first, then the Atlas view it came through.

    ``edition="all"`` cites every edition at once (the bundle's README). The citation stays in
    English in every language: it names the report as published.
    """
    if edition == "all":
        years = dataset.editions["published"]
        year = f"{years.iloc[0][:4]}–{years.iloc[-1][:4]}"
        title = "Global State of Harm Reduction (" + ", ".join(dataset.edition_labels.values()) + ")"
    else:
        year, title = published_year(dataset, edition), dataset.edition_titles[edition]
    return f"{PUBLISHER} ({year}). {title}. Via {ATLAS}, {url}, accessed {accessed.isoformat()}."


def edition_references(dataset: Dataset, editions: Sequence[str], t: Translate) -> tuple[Reference, ...]:
    """The given editions of HRI's report as cited (title in the language of ``t``), in that order."""
    return tuple(
        Reference(
            t(dataset.edition_titles[e]), published_year(dataset, e), dataset.published_source.get((e, "nsp"))
        )
        for e in editions
    )


def source_parts(t: Translate, references: Sequence[Reference]) -> tuple[str | Reference, ...]:
    """The source line as text and references, for a page that links the reports' titles."""
    before, _, after = t(SOURCE).partition("{titles}")
    parts: list[str | Reference] = [before]
    for n, reference in enumerate(references):
        parts += ["; "] if n else []
        parts.append(reference)
    return tuple(p for p in [*parts, after] if p)


def source_text(t: Translate, references: Sequence[Reference]) -> str:
    """E.g. "Source: Harm Reduction International, Global State of Harm Reduction 2024 (2024)"."""
    return "".join(p if isinstance(p, str) else p.text for p in source_parts(t, references))


@dataclass(frozen=True, eq=False)
class View:
    """A view of a dataset and everything said about it, in the view's language.

    Attributes are computed on first use and kept (a ``View`` is cheap to make; build one per
    request or callback). ``editions`` is the view's edition, or the two compared oldest first in
    the dataset's order; ``before`` is None without a comparison.
    """

    dataset: Dataset
    state: ViewState

    # ---- what the view is ------------------------------------------------------------------------

    @cached_property
    def t(self) -> Translate:
        return translator(self.state.lang)

    @cached_property
    def nt(self) -> TranslatePlural:
        return plural_translator(self.state.lang)

    @property
    def rtl(self) -> bool:
        return is_rtl(self.state.lang)

    @cached_property
    def editions(self) -> tuple[str, ...]:
        return self.state.editions_in(self.dataset.edition_ids)

    @property
    def before(self) -> str | None:
        return self.editions[0] if len(self.editions) == 2 else None

    @property
    def after(self) -> str:
        return self.editions[-1]

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The view's edition in wide form (one row per country), only the region's rows."""
        return region_rows(
            self.dataset.wide(self.state.edition), self.dataset.countries["region"], self.region
        )

    @property
    def region(self) -> str:
        return self.state.region

    @cached_property
    def map_data(self) -> MapData:
        """The map's categories, colours, labels and legend title (every country of the world)."""
        return view_map_data(self.dataset, self.state, self.t)

    @cached_property
    def shown(self) -> pd.DataFrame:
        """The map data's rows of the region (what the map draws, the table lists and the summary counts)."""
        return region_rows(self.map_data.frame, self.dataset.countries["region"], self.region)

    @cached_property
    def category_counts(self) -> dict[str, int]:
        """Countries per map category in the region."""
        return {str(k): int(v) for k, v in self.shown["category"].value_counts().items()}

    @cached_property
    def counts(self) -> dict[str, dict[str, int | None]]:
        """The headline cards' numbers (see :func:`dashboard.dataset.counts.headline_counts`)."""
        return headline_counts(self.dataset, self.state.edition, self.region)

    # ---- words -----------------------------------------------------------------------------------

    def number(self, value: int) -> str:
        return format_number(value, self.state.lang)

    @cached_property
    def edition_labels(self) -> dict[str, str]:
        """Edition id -> its label in the view's language ("2023 update" -> "Mise à jour 2023")."""
        return {e: self.t(text) for e, text in self.dataset.edition_labels.items()}

    @property
    def indicator_label(self) -> str:
        return self.t(MAP_INDICATORS[self.state.indicator].label)

    @property
    def region_label(self) -> str:
        return self.t(region_label(self.region))

    @cached_property
    def title(self) -> str:
        """E.g. "Needle and syringe programmes · 2023 update · World" (page, embed, image, preview)."""
        labels = self.edition_labels
        if self.before:
            return self.t("{indicator}: what changed from {before} to {after} · {region}").format(
                indicator=self.indicator_label,
                before=labels[self.before],
                after=labels[self.after],
                region=self.region_label,
            )
        return self.t("{indicator} · {edition} · {region}").format(
            indicator=self.indicator_label, edition=labels[self.after], region=self.region_label
        )

    @property
    def subtitle(self) -> str:
        """What a "yes" means for the indicator (the legend says how complete the list is)."""
        return self.t(MAP_INDICATORS[self.state.indicator].definition)

    @property
    def legend_title(self) -> str:
        return self.map_data.legend_title

    @property
    def disclaimer(self) -> str:
        return self.t(DISCLAIMER)

    @property
    def cite_hri(self) -> str:
        return self.t(CITE_HRI)

    @cached_property
    def references(self) -> tuple[Reference, ...]:
        """The view's editions of HRI's report, oldest first."""
        return edition_references(self.dataset, self.editions, self.t)

    @cached_property
    def source_parts(self) -> tuple[str | Reference, ...]:
        """The source line as text and references, for a page that links the reports' titles."""
        return source_parts(self.t, self.references)

    @property
    def source_line(self) -> str:
        """E.g. "Source: Harm Reduction International, Global State of Harm Reduction 2024 (2024)"."""
        return source_text(self.t, self.references)

    def citation(self, url: str, accessed: date) -> str:
        """The copy-ready citation of the view's edition (see :func:`citation`)."""
        return citation(self.dataset, self.state.edition, url, accessed)

    @cached_property
    def alt_text(self) -> str:
        """A description of an image of the map for screen readers and ``alt`` attributes."""
        text = self.t("Map: {title}.").format(title=self.title)
        if self.state.indicator != "services" and not self.before:
            counts = self.frame[self.state.indicator].value_counts()
            world = self.region == WORLD
            published = (
                self.dataset.published.get((self.state.edition, self.state.indicator)) if world else None
            )
            listed = int(counts.get(YES, 0))
            if published is not None and listed < published:  # the card's numbers, in the card's order
                return (
                    text
                    + " "
                    + self.t(
                        "HRI counts {published}; the Atlas has a source for {listed}; {unknown} not known."
                    ).format(
                        published=self.number(published),
                        listed=self.number(listed),
                        unknown=self.number(int(counts.get(UNKNOWN, 0))),
                    )
                )
            parts = [f"{self.t(STATUS_LABELS[s])}: {self.number(int(counts.get(s, 0)))}" for s in STATUSES]
            text += " " + self.t("Countries — {counts}.").format(counts=", ".join(parts))
        return text

    @property
    def map_label(self) -> str:
        """What the live map says to a screen reader: its title, then the summary."""
        return self.t("Map: {title}. {summary}").format(title=self.title, summary=self.summary)

    @property
    def table_caption(self) -> str:
        count = len(self.shown)
        return self.nt("{title}: {count} country.", "{title}: {count} countries.", count).format(
            title=self.title, count=self.number(count)
        )

    @cached_property
    def summary(self) -> str:
        """The map in one or two sentences, for screen readers and everyone else."""
        nt, n = self.nt, self.category_counts

        def num(key: str) -> str:
            return self.number(n.get(key, 0))

        labels = self.edition_labels
        label = self.indicator_label.lower()
        where = self.region_label
        if self.before and self.state.indicator == "services":
            return nt(
                "{region}, from {before} to {after}: {more} country has more of the three services (needle"
                " and syringe programmes, opioid agonist therapy, drug consumption rooms) in {after} than in"
                " {before}, {fewer} have fewer and {same} have the same number; for {unknown} at least one"
                " service is not known in one of the two editions.",
                "{region}, from {before} to {after}: {more} countries have more of the three services (needle"
                " and syringe programmes, opioid agonist therapy, drug consumption rooms) in {after} than in"
                " {before}, {fewer} have fewer and {same} have the same number; for {unknown} at least one"
                " service is not known in one of the two editions.",
                n.get(MORE, 0),
            ).format(
                region=where,
                before=labels[self.before],
                after=labels[self.after],
                more=num(MORE),
                fewer=num(FEWER),
                same=num(SAME),
                unknown=num(UNKNOWN),
            )
        if self.before:
            return nt(
                "{region}, {indicator}, from {before} to {after}: {gained} country gained it, {lost} lost it,"
                " {both} had it in both editions, {neither} in neither; for {unknown} it is not known in at"
                " least one of the two.",
                "{region}, {indicator}, from {before} to {after}: {gained} countries gained it, {lost} lost"
                " it, {both} had it in both editions, {neither} in neither; for {unknown} it is not known"
                " in at least one of the two.",
                n.get(GAINED, 0),
            ).format(
                region=where,
                indicator=label,
                before=labels[self.before],
                after=labels[self.after],
                gained=num(GAINED),
                lost=num(LOST),
                both=num(BOTH_YES),
                neither=num(BOTH_NO),
                unknown=num(UNKNOWN),
            )
        edition = labels[self.after]
        if self.state.indicator == "services":
            return nt(
                "{region}, {edition}: {three} country has all three services (needle and syringe"
                " programmes, opioid agonist therapy and drug consumption rooms), {two} have two, {one} have"
                " one and {none} have none; for {unknown} at least one is not known.",
                "{region}, {edition}: {three} countries have all three services (needle and syringe"
                " programmes, opioid agonist therapy and drug consumption rooms), {two} have two, {one} have"
                " one and {none} have none; for {unknown} at least one is not known.",
                n.get("3", 0),
            ).format(
                region=where,
                edition=edition,
                three=num("3"),
                two=num("2"),
                one=num("1"),
                none=num("0"),
                unknown=num(UNKNOWN),
            )
        yes = n.get(YES, 0)
        world = self.region == WORLD
        published = self.dataset.published.get((self.state.edition, self.state.indicator)) if world else None
        if published is None and world:
            return nt(
                "In the {edition}, the Atlas has a source for {listed} country with {indicator}; HRI's count"
                " for this edition is not in the data, so the list is partial; recorded as not having"
                " them: {no}; not known: {unknown}.",
                "In the {edition}, the Atlas has a source for {listed} countries with {indicator}; HRI's"
                " count for this edition is not in the data, so the list is partial; recorded as not"
                " having them: {no}; not known: {unknown}.",
                yes,
            ).format(edition=edition, listed=num(YES), indicator=label, no=num(NO), unknown=num(UNKNOWN))
        if published is not None and yes < published:
            return nt(
                "In the {edition}, {published} country has {indicator} according to HRI; the Atlas has a"
                " source for {listed} of them; other countries with no source saying they have them:"
                " {no}; not known: {unknown}.",
                "In the {edition}, {published} countries have {indicator} according to HRI; the Atlas has a"
                " source for {listed} of them; other countries with no source saying they have them:"
                " {no}; not known: {unknown}.",
                published,
            ).format(
                edition=edition,
                published=self.number(published),
                indicator=label,
                listed=num(YES),
                no=num(NO),
                unknown=num(UNKNOWN),
            )
        return nt(
            "{region}, {edition}: {yes} country has {indicator}; recorded as not having them: {no};"
            " not known: {unknown}.",
            "{region}, {edition}: {yes} countries have {indicator}; recorded as not having them: {no};"
            " not known: {unknown}.",
            yes,
        ).format(
            region=where, edition=edition, yes=num(YES), indicator=label, no=num(NO), unknown=num(UNKNOWN)
        )


# ---- the views beside the map: trend, changes, regions ------------------------------------------

VIEW_LABELS = {"map": N_("Map"), "trend": N_("Trend"), "changes": N_("Changes"), "regions": N_("Regions")}
PUBLISHED_TOTAL = N_("HRI's published total")
NAMED = N_("Countries with a source")
NOT_IN_DATA = N_("not in the data")
CHANGE_KIND_LABELS = {
    analysis.GAINED: N_("Gained"),
    analysis.LOST: N_("Lost"),
    analysis.FROM_UNKNOWN: N_("Was not known, now known (not counted as a gain or loss)"),
    analysis.TO_UNKNOWN: N_("Now not known (not counted as a gain or loss)"),
}


@dataclass(frozen=True, eq=False)
class AnalysisView(View):
    """A trend, changes or regions view: its tables (from :mod:`dashboard.views.analysis`) and words."""

    @cached_property
    def trend(self) -> pd.DataFrame:
        return analysis.trend_table(self.dataset, self.state)

    @cached_property
    def changes(self) -> pd.DataFrame:
        return analysis.changes_table(self.dataset, self.state)

    @cached_property
    def regions(self) -> pd.DataFrame:
        return analysis.regions_table(self.dataset, self.state)

    @cached_property
    def compared(self) -> tuple[str | None, str]:
        return analysis.compared_editions(self.dataset, self.state)

    @property
    def table(self) -> pd.DataFrame:
        """What the view shows (and its CSV/JSON sends)."""
        return {"trend": self.trend, "changes": self.changes}.get(self.state.view, self.regions)

    def label_of(self, indicator: str) -> str:
        return self.t(MAP_INDICATORS[indicator].label)

    @cached_property
    def view_editions(self) -> tuple[str, ...]:
        if self.state.view == "trend":
            return tuple(dict.fromkeys(self.trend["edition"])) or tuple(self.dataset.edition_ids)
        if self.state.view == "changes":
            return tuple(e for e in self.compared if e is not None)
        return (self.state.edition,)

    @property
    def view_source_line(self) -> str:
        return source_text(self.t, edition_references(self.dataset, self.view_editions, self.t))

    @property
    def view_source_parts(self) -> tuple[str | Reference, ...]:
        return source_parts(self.t, edition_references(self.dataset, self.view_editions, self.t))

    @property
    def view_indicator_label(self) -> str:
        if self.state.indicator == "services":
            return self.t("Needle and syringe programmes, opioid agonist therapy, drug consumption rooms")
        return self.indicator_label

    @cached_property
    def view_title(self) -> str:
        labels, view = self.edition_labels, self.state.view
        if view == "trend":
            return self.t("{indicator}: countries per edition · {region}").format(
                indicator=self.view_indicator_label, region=self.region_label
            )
        if view == "changes":
            before, after = self.compared
            if before is None:
                return self.t("{indicator}: what changed up to {after} · {region}").format(
                    indicator=self.view_indicator_label, after=labels[after], region=self.region_label
                )
            return self.t(
                "{indicator}: what changed from {before} to {after}, country by country · {region}"
            ).format(
                indicator=self.view_indicator_label,
                before=labels[before],
                after=labels[after],
                region=self.region_label,
            )
        return self.t(
            "Countries with each service and national policy support, per region · {edition}"
        ).format(edition=labels[self.state.edition])

    @property
    def view_subtitle(self) -> str:
        if self.state.view == "trend":
            if self.region != WORLD:
                return self.t(
                    "How many of the region's countries the Atlas has a source for, per edition (HRI"
                    " publishes no regional totals)."
                )
            return self.t(
                "HRI's published total and how many of those countries the Atlas has a source for, per"
                " edition."
            )
        if self.state.view == "changes":
            return self.t(
                "Countries whose status changed, with the source for each of the two editions. A move from"
                " or to “not known” is listed apart and is not counted as a gain or loss."
            )
        return self.t("Per HRI region: countries with each, recorded as not having it, and not known.")

    # ---- trend -----------------------------------------------------------------------------------

    def trend_sentence(self, row: pd.Series) -> str:
        edition = self.edition_labels[str(row["edition"])]
        listed = int(row["listed"])
        if self.region != WORLD:
            return self.nt(
                "{edition}: the Atlas has a source for {listed} country of the region; not known: {unknown}.",
                "{edition}: the Atlas has a source for {listed} countries of the region; not known:"
                " {unknown}.",
                listed,
            ).format(edition=edition, listed=self.number(listed), unknown=self.number(int(row["unknown"])))
        if pd.isna(row["published"]):
            return self.nt(
                "{edition}: the Atlas has a source for {listed} country; HRI's count for this edition is"
                " not in the data, so the list is partial.",
                "{edition}: the Atlas has a source for {listed} countries; HRI's count for this edition is"
                " not in the data, so the list is partial.",
                listed,
            ).format(edition=edition, listed=self.number(listed))
        published = int(row["published"])
        return self.nt(
            "{edition}: {published} country according to HRI; the Atlas has a source for {listed}.",
            "{edition}: {published} countries according to HRI; the Atlas has a source for {listed}.",
            published,
        ).format(edition=edition, published=self.number(published), listed=self.number(listed))

    @cached_property
    def trend_sentences(self) -> dict[str, list[str]]:
        """Per indicator, one sentence per edition (the chart's text alternative)."""
        return {
            str(indicator): [self.trend_sentence(row) for _, row in rows.iterrows()]
            for indicator, rows in self.trend.groupby("indicator", sort=False)
        }

    # ---- changes ---------------------------------------------------------------------------------

    def change_heading(self, kind: str, count: int) -> str:
        return self.nt("{label}: {count} country", "{label}: {count} countries", count).format(
            label=self.t(CHANGE_KIND_LABELS[kind]), count=self.number(count)
        )

    def changes_gap(self, indicator: str) -> str:
        """The gap between HRI's net change (its published totals) and the named changes, plainly."""
        before, after = self.compared
        if before is None:
            return self.t(
                "There is no edition before {edition} in the data: choose one to compare with."
            ).format(edition=self.edition_labels[after])
        rows = self.changes[self.changes["indicator"] == indicator]
        gained = int((rows["change"] == analysis.GAINED).sum())
        lost = int((rows["change"] == analysis.LOST).sum())
        named = self.nt(
            "The Atlas has a source for {gained} country that gained it and {lost} that lost it (net {net}).",
            "The Atlas has a source for {gained} countries that gained it and {lost} that lost it"
            " (net {net}).",
            gained,
        ).format(gained=self.number(gained), lost=self.number(lost), net=signed(gained - lost, self.number))
        if self.region != WORLD:
            return named + " " + self.t("HRI publishes no regional totals to compare with.")
        old = self.dataset.published.get((before, indicator))
        new = self.dataset.published.get((after, indicator))
        if old is None or new is None:
            return named + " " + self.t("HRI's count for one of the two editions is not in the data.")
        hri = self.t("HRI's published total went from {before} to {after} (net {net}).").format(
            before=self.number(old), after=self.number(new), net=signed(new - old, self.number)
        )
        gap = (new - old) - (gained - lost)
        if gap == 0:
            return f"{hri} {named} " + self.t("The changes with a source account for HRI's net change.")
        return f"{hri} {named} " + self.nt(
            "{gap} country of HRI's net change is not among the countries with a source.",
            "{gap} countries of HRI's net change are not among the countries with a source.",
            abs(gap),
        ).format(gap=self.number(abs(gap)))

    # ---- regions ---------------------------------------------------------------------------------

    def region_sentence(self, row: pd.Series) -> str:
        parts = [
            self.t("{indicator} {yes} (not known: {unknown})").format(
                indicator=self.t(MAP_INDICATORS[i].short),
                yes=self.number(int(row[f"{i}_yes"])),
                unknown=self.number(int(row[f"{i}_unknown"])),
            )
            for i in analysis.REGION_INDICATORS
        ]
        count = int(row["countries"])
        return self.nt(
            "{region}: {count} country. {parts}.", "{region}: {count} countries. {parts}.", count
        ).format(region=self.t(str(row["region"])), count=self.number(count), parts="; ".join(parts))

    @cached_property
    def view_summary(self) -> str:
        """The whole view in words (image alt text, embed label)."""
        if self.state.view == "trend":
            return " ".join(
                f"{self.label_of(i)}: {' '.join(lines)}" for i, lines in self.trend_sentences.items()
            )
        if self.state.view == "changes":
            return " ".join(
                f"{self.label_of(i)}: {self.changes_gap(i)}" for i in analysis.view_indicators(self.state)
            )
        return " ".join(self.region_sentence(row) for _, row in self.regions.iterrows())


def signed(value: int, number: Callable[[int], str]) -> str:
    """``+3``, ``-2``, ``0`` with the locale's digits grouping."""
    return ("+" if value > 0 else "-" if value < 0 else "") + number(abs(value))

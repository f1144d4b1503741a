"""Everything said about a view, said once: its editions, rows, counts, title and sentences.

A :class:`View` is built from a dataset and a :class:`~dashboard.core.state.ViewState`; the page,
the embed, the exported images, the static snapshot and the link previews all read their words from
it, so a title or a source line cannot differ between two of them. :func:`parse_query` is the one
way to read a view from a query string for a dataset (lenient for pages, strict for the API).

Every text is in the view's language: whole sentences are translated as templates with
``{placeholders}`` filled in afterwards, and sentences with a count use the plural form for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from urllib.parse import parse_qsl

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
from dashboard.core.state import Note, ViewState, parse_view
from dashboard.dataset.counts import headline_counts
from dashboard.dataset.load import Dataset
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
    query: str | Mapping[str, str], dataset: Dataset, *, strict: bool = False
) -> tuple[ViewState, list[Note]]:
    """The view in a query string (``"?edition=2024"``, leading ``?`` optional) or its parsed arguments.

    Lenient by default (unknown values fall back to the default, with a note); ``strict`` raises
    :class:`~dashboard.core.state.ParamError` instead (the API answers it with a 400).
    """
    args = dict(parse_qsl(query.lstrip("?"), keep_blank_values=True)) if isinstance(query, str) else query
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
        return tuple(
            Reference(
                self.t(self.dataset.edition_titles[e]),
                published_year(self.dataset, e),
                self.dataset.published_source.get((e, "nsp")),
            )
            for e in self.editions
        )

    @cached_property
    def source_parts(self) -> tuple[str | Reference, ...]:
        """The source line as text and references, for a page that links the reports' titles."""
        before, _, after = self.t(SOURCE).partition("{titles}")
        parts: list[str | Reference] = [before]
        for n, reference in enumerate(self.references):
            parts += ["; "] if n else []
            parts.append(reference)
        return tuple(p for p in [*parts, after] if p)

    @property
    def source_line(self) -> str:
        """E.g. "Source: Harm Reduction International, Global State of Harm Reduction 2024 (2024)"."""
        return "".join(p if isinstance(p, str) else p.text for p in self.source_parts)

    def citation(self, url: str, accessed: date) -> str:
        """The copy-ready citation of the view's edition (see :func:`citation`)."""
        return citation(self.dataset, self.state.edition, url, accessed)

    @cached_property
    def alt_text(self) -> str:
        """A description of an image of the map for screen readers and ``alt`` attributes."""
        text = self.t("Map: {title}.").format(title=self.title)
        if self.state.indicator != "services" and not self.before:
            counts = self.frame[self.state.indicator].value_counts()
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
                "In the {edition}, this dataset names {listed} country with {indicator}; HRI's count for"
                " this edition is not in the data, so the list is partial; {no} are recorded as not having"
                " them; not known: {unknown}.",
                "In the {edition}, this dataset names {listed} countries with {indicator}; HRI's count for"
                " this edition is not in the data, so the list is partial; {no} are recorded as not having"
                " them; not known: {unknown}.",
                yes,
            ).format(edition=edition, listed=num(YES), indicator=label, no=num(NO), unknown=num(UNKNOWN))
        if published is not None and yes < published:
            return nt(
                "In the {edition}, {published} country has {indicator} according to HRI; this dataset names"
                " {listed} of them; the other {no} are not named as having them; not known: {unknown}.",
                "In the {edition}, {published} countries have {indicator} according to HRI; this dataset"
                " names {listed} of them; the other {no} are not named as having them; not known: {unknown}.",
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
            "{region}, {edition}: {yes} country has {indicator}; {no} are recorded as not having them;"
            " not known: {unknown}.",
            "{region}, {edition}: {yes} countries have {indicator}; {no} are recorded as not having them;"
            " not known: {unknown}.",
            yes,
        ).format(
            region=where, edition=edition, yes=num(YES), indicator=label, no=num(NO), unknown=num(UNKNOWN)
        )

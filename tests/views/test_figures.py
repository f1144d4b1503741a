"""Pure figure builders: traces, locations, colours, hover, legend, regions, and update size."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from factories import make_dataset

from dashboard.core.indicators import CHANGE_COLOURS, COUNT_CHANGE_CATEGORIES, SERVICE_COLOURS, STATUS_COLOURS
from dashboard.core.regions import REGIONS, WORLD
from dashboard.core.state import ViewState
from dashboard.dataset.counts import headline_counts
from dashboard.views.figures import (
    completeness_note,
    country_boxes,
    map_figure,
    region_view,
    status_data,
    view_map_data,
)


@pytest.fixture(scope="module")
def wides(dataset):
    return {e: dataset.wide(e) for e in dataset.edition_ids}


def build(dataset, wides, indicator="nsp", edition="2023", compare=None):
    return view_map_data(dataset, ViewState(indicator=indicator, edition=edition, compare=compare))


def choropleths(fig: go.Figure) -> list:
    return [tr for tr in fig.data if isinstance(tr, go.Choropleth)]


def markers(fig: go.Figure) -> list:
    return [tr for tr in fig.data if isinstance(tr, go.Scattergeo)]


def test_trace_types_and_every_country_drawn(dataset, wides):
    fig = map_figure(build(dataset, wides))
    assert {type(tr).__name__ for tr in fig.data} == {"Choropleth", "Scattergeo"}
    drawn = [iso for tr in choropleths(fig) for iso in tr.locations]
    assert sorted(drawn) == sorted(dataset.countries.index)  # each country once, none missing
    small = {iso for tr in markers(fig) for iso in tr.customdata}
    assert small == set(dataset.countries.index[dataset.countries["small"]])
    assert {"MLT", "SGP", "KNA", "TUV"} <= small


def test_colours_fixed_per_status(dataset, wides):
    data = build(dataset, wides)
    fig = map_figure(data)
    wide = dataset.wide("2023")
    for tr in choropleths(fig):
        statuses = {wide.at[iso, "nsp"] for iso in tr.locations}
        assert len(statuses) <= 1
        if statuses:
            colour = STATUS_COLOURS[statuses.pop()]
            assert tr.colorscale[0][1] == tr.colorscale[-1][1] == colour
    for tr in markers(fig):
        assert tr.marker.color == STATUS_COLOURS[wide.at[tr.customdata[0], "nsp"]]
    assert STATUS_COLOURS["no"] != STATUS_COLOURS["unknown"]


def test_customdata_is_iso3_on_every_trace(dataset, wides):
    fig = map_figure(build(dataset, wides, "services"))
    for tr in choropleths(fig):
        assert list(tr.customdata) == list(tr.locations)
    assert all(len(c) == 3 and c.isupper() for tr in markers(fig) for c in tr.customdata)


def test_hover_names_country_and_status(dataset, wides):
    data = build(dataset, wides)
    assert data.frame.at["COL", "hover"] == "<b>Colombia</b><br>Needle and syringe programmes: Yes"
    fig = map_figure(data)
    (trace,) = [tr for tr in choropleths(fig) if "COL" in tr.locations]
    i = list(trace.locations).index("COL")
    assert trace.text[i] == "Colombia"
    assert trace.hovertemplate == "<b>%{text}</b><br>Needle and syringe programmes: Yes<extra></extra>"
    unknown = data.frame[data.frame["category"] == "unknown"].index[0]
    assert data.frame.at[unknown, "detail"].endswith("Not known")


def test_legend_title_says_list_is_incomplete():
    tiny = make_dataset(
        [("2023", "nsp", "COL", "yes"), ("2023", "nsp", "KEN", "yes"), ("2024", "dcr", "COL", "yes")],
        totals=[("2023", "nsp", 3), ("2024", "dcr", 1)],
    )
    data = view_map_data(tiny, ViewState())
    assert (
        data.legend_title
        == "Needle and syringe programmes, 2023 update · list incomplete: 2 of 3 with a source"
    )
    assert map_figure(data).layout.legend.title.text == (
        "Needle and syringe programmes,<br>2023 update<br>list incomplete: 2 of 3 with a<br>source"
    )
    complete = view_map_data(tiny, ViewState(indicator="dcr", edition="2024"))
    assert complete.legend_title == "Drug consumption rooms, GSHR 2024"
    assert completeness_note(17, 17) == ""
    assert (
        completeness_note(3, None)
        == "partial list: 3 with a source; HRI's count for this edition is not in the data"
    )


def test_services_and_change_categories(dataset, wides):
    services = build(dataset, wides, "services")
    assert set(services.frame["category"]) <= set(SERVICE_COLOURS)
    wide = dataset.wide("2023")
    col = [wide.at["COL", i] for i in ("nsp", "oat", "dcr")].count("yes")
    assert services.frame.at["COL", "category"] == str(col)
    assert services.labels["2"] == "2 of 3"

    change = build(dataset, wides, "dcr", "2023", compare="2022")
    assert change.frame.at["COL", "category"] == "gained"  # DCR: no in 2022, yes in 2023
    assert "GSHR 2022 to 2023 update" in change.legend_title
    fig = map_figure(change)
    gained = [tr for tr in choropleths(fig) if "COL" in tr.locations][0]
    assert gained.colorscale[0][1] == CHANGE_COLOURS["gained"]
    # the order of the two editions does not matter: before is always the earlier one
    swapped = build(dataset, wides, "dcr", "2022", compare="2023")
    assert swapped.frame.at["COL", "category"] == "gained"


def test_services_compared_by_count(dataset, wides):
    """Greece and Iceland gained a DCR (2 -> 3 services): "more", never "unchanged: yes"."""
    data = build(dataset, wides, "services", "2024", compare="2020")
    assert data.categories == COUNT_CHANGE_CATEGORIES
    assert data.frame.at["GRC", "category"] == data.frame.at["ISL", "category"] == "more"
    assert data.frame.at["GRC", "detail"] == "Services: 2 → 3 (2020 → 2024)"
    assert set(data.frame["category"]) <= set(COUNT_CHANGE_CATEGORIES)
    assert data.labels == {
        "more": "More services",
        "fewer": "Fewer services",
        "same": "Same number of services",
        "unknown": "Not known",
    }
    assert (
        data.colours["more"] == CHANGE_COLOURS["gained"] and data.colours["fewer"] == CHANGE_COLOURS["lost"]
    )
    assert len(set(data.colours.values())) == 4  # same and not known never share a colour
    fig = map_figure(data, "western-europe", dataset.countries["region"])
    assert [tr.name for tr in fig.data if tr.showlegend] == list(data.labels.values())


def test_region_filters_and_turns_the_map(dataset, wides):
    regions = dataset.countries["region"]
    fig = map_figure(build(dataset, wides), "oceania", regions)
    drawn = {iso for tr in choropleths(fig) for iso in tr.locations}
    assert drawn == set(regions.index[regions == "oceania"])
    assert {"KIR", "WSM", "TON", "AUS"} <= drawn  # both sides of the antimeridian
    geo = fig.layout.geo
    west, east = geo.lonaxis.range
    assert west < 113 and east > 180  # Australia's west coast to Samoa and Tonga, in one piece
    assert geo.projection.rotation.lon == pytest.approx(((west + east) / 2 + 180) % 360 - 180)
    assert geo.lataxis.range[0] < -47  # New Zealand's south coast is in view
    assert geo.fitbounds in (None, False)
    world = map_figure(build(dataset, wides))
    assert list(world.layout.geo.lataxis.range) == [-58, 85]


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_region_view_holds_every_country_of_the_region(dataset, region):
    """Fitted from the countries (extent for large ones, centre for the rest), with a margin."""
    countries = dataset.countries[dataset.countries["region"] == region]
    view = region_view(countries)
    assert view.lon[1] - view.lon[0] < 300  # never the whole world: the antimeridian is handled
    for iso3, (west, south, east, north) in zip(countries.index, country_boxes(countries)):
        assert view.lat[0] < south and north < view.lat[1], iso3
        for x in (west, east):
            assert any(view.lon[0] < x + turn < view.lon[1] for turn in (-360, 0, 360)), iso3
    wide = view.widened(20.0)
    assert wide.lon[0] <= view.lon[0] and wide.lon[1] >= view.lon[1] and wide.lat == view.lat
    tall = view.widened(0.2)
    assert tall.lon == view.lon and tall.lat[0] <= view.lat[0] and tall.lat[1] >= view.lat[1]


def test_exported_region_fills_the_image_map_area(dataset):
    """The square image grows the fitted view to its own shape, so the land is not cut in a box."""
    from dashboard.views import images

    state = ViewState(region="caribbean")
    fitted = images.map_for_view(dataset, state).layout.geo
    texts = images.texts_for_view(dataset, state, "http://atlas.example/")
    square = images.export_figure(images.map_for_view(dataset, state), texts, images.PRESETS["square"])
    geo = square.layout.geo
    assert geo.lonaxis.range[1] - geo.lonaxis.range[0] > fitted.lonaxis.range[1] - fitted.lonaxis.range[0]
    assert tuple(geo.lataxis.range) == tuple(fitted.lataxis.range)


@pytest.mark.parametrize(
    ("indicator", "compare", "region"),
    [
        ("nsp", None, "caribbean"),  # nobody "not known" there
        ("services", None, "oceania"),  # nobody with 1 of 3, or not known
        ("services", "2020", WORLD),  # nobody lost a service
        ("dcr", "2022", "caribbean"),
        ("policy", None, WORLD),
    ],
)
def test_every_category_is_in_the_legend_of_every_view(dataset, wides, indicator, compare, region):
    data = build(dataset, wides, indicator, "2023", compare)
    fig = map_figure(data, region, dataset.countries["region"])
    legend = [tr for tr in fig.data if tr.showlegend]
    assert [tr.name for tr in legend] == [data.labels[c] for c in data.categories]
    # plotly leaves a trace without data (an empty choropleth) out of the legend
    assert all(len(tr.locations if isinstance(tr, go.Choropleth) else tr.lat) for tr in legend)
    shown = set(data.frame["category"][dataset.countries["region"] == region]) if region != WORLD else None
    for tr in markers(fig):
        if tr.showlegend:  # a category with no country: in the legend, drawn nowhere, no hover
            assert list(tr.lat) == [None] and tr.hoverinfo == "skip" and tr.marker.symbol == "square"
            assert shown is None or tr.legendgroup not in shown


def test_views_with_empty_categories_exist(dataset, wides):
    """The legend test above covers a category with no country (else it would prove nothing)."""
    regions = dataset.countries["region"]
    caribbean = build(dataset, wides).frame[regions == "caribbean"]
    assert "unknown" not in set(caribbean["category"])
    assert "fewer" not in set(build(dataset, wides, "services", "2023", "2020").frame["category"])


@pytest.mark.parametrize(
    ("indicator", "compare"), [("nsp", None), ("policy", "2020"), ("services", None), ("services", "2020")]
)
def test_figure_json_small_enough_to_send_per_update(dataset, wides, indicator, compare):
    fig = map_figure(build(dataset, wides, indicator, "2023", compare), height=None)
    text = fig.to_json()
    assert len(text.encode()) <= 15 * 1024  # the spec: at most 15 KB per update
    assert "world_50m" not in text and "coordinates" not in json.loads(text)["layout"]["geo"]


def test_status_data_takes_a_translator(dataset):
    data = status_data(dataset.wide("2023"), "nsp", "title", t=str.upper)
    assert data.labels["yes"] == "YES"
    assert data.frame.at["COL", "detail"] == "NEEDLE AND SYRINGE PROGRAMMES: YES"


def test_legend_items_share_one_width_so_wrapped_rows_line_up(dataset, wides):
    """On a phone (and in Russian) the items wrap; one entry width puts them in columns."""
    data = build(dataset, wides, "services", "2023", compare="2020")
    legend = map_figure(data).layout.legend
    assert legend.entrywidthmode == "pixels"
    assert legend.entrywidth >= max(len(label) for label in data.labels.values()) * 7


def test_region_legend_counts_the_regions_unknowns_not_the_world_list(dataset):
    from dashboard.views.figures import view_map_data

    wides = {e: dataset.wide(e) for e in dataset.edition_ids}

    def title(indicator: str, region: str) -> str:
        return view_map_data(dataset, ViewState(indicator=indicator, region=region)).legend_title

    policy = headline_counts(dataset, "2023", "world")["policy"]
    world_note = f"list incomplete: {policy['listed']} of {policy['published']} with a source"
    assert world_note in title("policy", "world")
    wide = wides["2023"]
    for region in ("western-europe", "sub-saharan-africa"):
        unknown = int(((wide["region"] == region) & (wide["policy"] == "unknown")).sum())
        shown = title("policy", region)
        assert f"of {policy['published']}" not in shown
        assert (f"not known in this region: {unknown}" in shown) == (unknown > 0)
    assert "not known" not in title("dcr", "western-europe")  # the DCR list is complete

"""Each language reaches every part of a view: page shell, layout, panel, map, table, embed, images, README.

The catalogs' completeness is tests/test_i18n.py's; here we check that the code actually shows the
translations (a string passed around untranslated, or never marked for extraction, fails here).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import pytest
from dash.development.base_component import Component
from factories import make_dataset

from dashboard.app import layout, share
from dashboard.core.i18n import LANGUAGES, country_names, translator
from dashboard.core.state import ViewState
from dashboard.dataset.counts import headline_counts
from dashboard.dataset.load import Dataset
from dashboard.views import images
from dashboard.views.describe import View
from dashboard.views.panel import country_panel

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
TEXT_PROPS = ("title", "placeholder", "aria-label")
# Texts that are the same in every language: names, acronyms, edition labels HRI uses as is.
SAME_EVERYWHERE = re.compile(r"^(GSHR \d{4}|HRI|Harm Reduction International, |https?://\S+|[^A-Za-z]*)$")
COGNATES = {  # the same word, rightly
    "es": {"Asia", "Eurasia", "No", "Zoom"},
    "fr": {"Source", "source", "Sources", "Zoom"},
}


def texts(node: object) -> Iterator[str]:
    """Every string a reader sees in a component tree (children and text props), in tree order."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, (list, tuple)):
        for child in node:
            yield from texts(child)
    elif isinstance(node, dict):  # a table column definition
        yield from texts(node.get("headerName"))
    elif isinstance(node, Component):
        props = node.to_plotly_json()["props"]
        for name in TEXT_PROPS:
            yield from texts(props.get(name))
        yield from texts(list(((props.get("dashGridOptions") or {}).get("localeText") or {}).values()))
        yield from texts(props.get("children"))


def view_parts(app, dataset: Dataset, state: ViewState) -> list:
    """What the dashboard shows for a view: the page, the open panel, cards, citation, table."""
    t = translator(state.lang)
    name = country_names(dataset.countries["country"], state.lang)[state.country]
    view = View(dataset, state)
    return [
        layout.page(app, dataset, state),
        country_panel(dataset, state.country, t, name),
        layout.cards(view),
        layout.citation(view),
        layout.table_columns(dataset, state, t),
        view.title,
        view.summary,
    ]


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize(
    "view", [{}, {"compare": "2020"}, {"indicator": "services", "region": "eurasia"}], ids=str
)
def test_no_english_left_in_the_dashboard(app, dataset, lang, view):
    english = list(texts(view_parts(app, dataset, ViewState(country="DEU", **view))))
    shown = list(texts(view_parts(app, dataset, ViewState(country="DEU", lang=lang, **view))))
    assert len(english) == len(shown)
    same = {
        e
        for e, s in zip(english, shown)
        if e == s and e not in LANGUAGES.values() and not SAME_EVERYWHERE.match(e)
    }
    assert same <= COGNATES.get(lang, set())


def test_french_view_names_countries_regions_and_editions_in_french(dataset):
    state = ViewState(lang="fr", edition="2023")
    rows = {r["iso3"]: r for r in layout.table_rows(View(dataset, state))}
    assert rows["DEU"]["country"] == "Allemagne"
    assert rows["DEU"]["region"] == "Europe occidentale"
    assert rows["DEU"]["status"] == "Oui"
    assert View(dataset, state).title == (
        "Programmes d'échange de seringues · GSHR 2023 (mise à jour) · Monde"
    )
    nsp = headline_counts(dataset, "2023", "world")["nsp"]
    text = View(dataset, state).summary
    assert text.startswith(f"GSHR 2023 (mise à jour)\u00a0: selon HRI, {nsp['count']} pays")
    assert "Dans " not in text


def test_french_summary_sentence():
    tiny = make_dataset(
        [("2023", "nsp", i, "yes") for i in ("COL", "KEN", "UKR")]
        + [("2023", "nsp", i, "no") for i in ("MLT", "XKX")],
        countries=["COL", "KEN", "UKR", "MLT", "XKX", "DEU", "FRA"],
        totals=[("2023", "nsp", 5)],
    )
    assert View(tiny, ViewState(lang="fr")).summary == (
        "GSHR 2023 (mise à jour)\u00a0: selon HRI, 5 pays disposent de programmes d'échange de"
        " seringues\u00a0; l'Atlas a une source pour 3 d'entre eux\u00a0; autres pays sans source disant"
        " qu'ils en disposent\u00a0: 2\u00a0; inconnu\u00a0: 2."
    )


def test_russian_map_figure_uses_russian_labels_and_names(dataset):
    fig = images.map_for_view(dataset, ViewState(lang="ru", indicator="oat"))
    names = {trace.name for trace in fig.data}
    assert {"Да", "Нет", "Неизвестно"} <= names
    countries = {c for trace in fig.data for c in trace.text}
    assert {"Германия", "Российская Федерация", "Киргизия"} <= countries
    assert not any(re.search("[A-Za-z]", c) for c in countries)
    assert "Опиоидная заместительная терапия" in fig.layout.legend.title.text
    assert any("Опиоидная заместительная терапия: Да" in t.hovertemplate for t in fig.data)


def test_services_hover_uses_translated_short_labels(dataset):
    fig = images.map_for_view(dataset, ViewState(lang="fr", indicator="services"))
    hover = " ".join(t.hovertemplate for t in fig.data)
    assert "PES: Oui" in hover and "NSP:" not in hover


def test_embed_in_french(client):
    page = client.get("/embed?lang=fr&indicator=dcr").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in page
    assert "<h1>Salles de consommation à moindre risque · GSHR 2023 (mise à jour) · Monde</h1>" in page
    assert "Allemagne" in page and '"Germany"' not in page
    assert '<li><span class="swatch" style="background: #0072B2"></span>Oui</li>' in page.replace(
        "#0072b2", "#0072B2"
    )
    assert "Source\u00a0: Harm Reduction International, État mondial de la réduction des risques" in page
    assert "Ouvrir cette carte dans l&#39;Atlas de la réduction des risques" in page


def test_embed_in_arabic_is_right_to_left(client):
    page = client.get("/embed?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert "ألمانيا" in page


@pytest.mark.parametrize(
    ("lang", "direction", "title"),
    [("en", "ltr", "Harm Reduction Atlas"), ("fr", "ltr", "Atlas de la réduction des risques"),
     ("ar", "rtl", "أطلس الحد من الضرر")],
)  # fmt: skip
def test_dashboard_page_has_lang_dir_and_translated_title(client, lang, direction, title):
    page = client.get(f"/?lang={lang}&indicator=dcr").get_data(as_text=True)
    assert f'<html lang="{lang}" dir="{direction}">' in page
    assert re.search(rf"<title>[^<]+ – {re.escape(title)}</title>", page)  # the view, then the Atlas
    assert "<footer>" not in page  # Dash's scripts sit in a div: one contentinfo landmark only
    assert re.search(r'<div class="dash-scripts"[^>]*>.*<script id="_dash-renderer"', page, re.S)


def test_dashboard_page_ignores_an_unknown_language(client):
    page = client.get("/?lang=%22%3E%3Cscript%3E").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page and '<script>"' not in page


def test_language_links_keep_the_view(dataset):
    state = ViewState(indicator="dcr", country="DEU", lang="es")
    hrefs = dict(zip(LANGUAGES, layout.language_hrefs(state, "/atlas/")))
    assert hrefs["fr"] == "/atlas/?indicator=dcr&country=DEU&lang=fr"
    assert hrefs["en"] == "/atlas/?indicator=dcr&country=DEU"
    nav = layout.language_nav(state, "/", translator("es"))
    links = nav.children.children
    assert [li.children.lang for li in links] == list(LANGUAGES)
    assert [li.children.to_plotly_json()["props"].get("aria-current") for li in links] == [
        None, "true", None, None, None
    ]  # fmt: skip
    assert nav.to_plotly_json()["props"]["aria-label"] == "Idioma"


@pytest.mark.parametrize(
    ("typed", "lang", "iso3"),
    [("Allemagne", "fr", "DEU"), ("germany", "fr", "DEU"), ("Германия", "ru", "DEU"), ("deu", "ar", "DEU"),
     ("Allemagne", "en", "DEU"),  # a name in any of the five languages is understood on every page
     ("Turkey", "en", "TUR"), ("Ivory Coast", "fr", "CIV"), ("Atlantis", "en", None)],
)  # fmt: skip
def test_country_finder_knows_names_in_the_page_language(dataset, typed, lang, iso3):
    assert layout.find_country(dataset, typed, lang) == iso3


def test_country_finder_suggests_names_in_order_of_the_language(dataset):
    finder = layout.country_finder(dataset, ViewState(lang="fr", country="DEU"), translator("fr"))
    box, options = finder.children[1], [o.value for o in finder.children[2].children]
    assert box.value == "Allemagne"
    assert (
        options.index("Égypte")
        < options.index("Érythrée")
        < options.index("Estonie")
        < options.index("Fidji")
    )


def test_english_keeps_the_data_names(dataset):
    names = country_names(dataset.countries["country"], "en")
    assert names["COD"] == "Democratic Republic of the Congo"
    assert country_names(dataset.countries["country"], "xx") == names


def test_grid_is_right_to_left_in_arabic(dataset):
    def grid(lang: str):
        state = ViewState(lang=lang)
        return layout.table_section(dataset, state, View(dataset, state)).children[3]

    assert grid("ar").dashGridOptions["enableRtl"] is True
    assert grid("fr").dashGridOptions["enableRtl"] is False


def test_image_texts_are_translated_and_aligned_right_in_arabic(dataset):
    state = ViewState(lang="ar", compare="2020")
    texts_ = images.texts_for_view(dataset, state, "https://atlas.example/?lang=ar")
    assert texts_.rtl and texts_.title.startswith("برامج الإبر والمحاقن: ما الذي تغيّر")
    assert texts_.source.startswith("المصدر: Harm Reduction International،")
    fig = images.export_figure(images.map_for_view(dataset, state), texts_, images.PRESETS["slide"])
    assert {a.xanchor for a in fig.layout.annotations} == {"right"}
    assert fig.layout.showlegend is False  # the export draws its own legend, right to left here
    assert View(dataset, ViewState(lang="fr")).alt_text.startswith("Carte\u00a0: Programmes d'échange")


def test_bundle_readme_in_the_view_language(client):
    links = share.hrefs(ViewState(lang="fr", indicator="dcr"), "/")
    assert links["bundle"] == "/api/v1/bundle.zip?lang=fr"
    assert links["data"] == "/api/v1/data.csv"
    bundle = zipfile.ZipFile(io.BytesIO(client.get(links["bundle"]).get_data()))
    readme = bundle.read("README.txt").decode()
    assert readme.startswith("Atlas de la réduction des risques")
    assert "Fichiers\u00a0:" in readme and "harm-reduction-atlas_data.csv:" in readme
    assert "Harm Reduction International (2020–2024)" in readme  # the citation stays as published
    header = bundle.read("harm-reduction-atlas_data.csv").decode().splitlines()[0]
    assert header == (
        "edition,iso3,country,region,indicator,status,primary_source,source_url,evidence_kind,method,evidence"
    )
    english = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/bundle.zip").get_data()))
    assert english.read("README.txt").decode().startswith("Harm Reduction Atlas: harm reduction services")


def test_arabic_map_embeds_each_text_right_to_left(dataset):
    """Plotly's SVG text runs left to right: without the RLE...PDF marks "GSHR 2023" lands mid-sentence."""
    fig = images.map_for_view(dataset, ViewState(lang="ar"))
    assert {trace.name for trace in fig.data} >= {"\u202bنعم\u202c", "\u202bلا\u202c"}
    assert "\u202bألمانيا\u202c" in {c for trace in fig.data for c in trace.text}
    title = fig.layout.legend.title.text
    assert title.startswith("\u202bبرامج الإبر والمحاقن")
    assert title.count("\u202b") == title.count("\u202c") == title.count("<br>") + 1  # every line
    assert (fig.layout.legend.x, fig.layout.legend.xanchor) == (1, "right")
    french = images.map_for_view(dataset, ViewState(lang="fr"))
    assert "\u202b" not in french.layout.legend.title.text and french.layout.legend.xanchor == "left"

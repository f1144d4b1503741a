"""/country/<ISO3>: the page, hostile codes, the correction page, the preview card and the PDF brief."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from dashboard.core.config import Corrections
from dashboard.web import profile as web_profile

A4 = (595, 842)  # points, rounded


def test_colombia_page_has_every_fact_source_and_the_region(client):
    r = client.get("/country/COL")
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "<h1>Colombia: harm reduction country profile</h1>" in html
    for text in (
        "Drug consumption rooms",
        "Take-home naloxone",
        "National policy support",
        "How the region compares",
    ):
        assert text in html
    assert "Countries of Latin America the Atlas has a source for" in html
    assert re.search(r'<li id="src-1">HRI, Global State of Harm Reduction 2020: <a href="https://', html)
    assert html.count('class="correct"') == html.count('class="badge ')  # one correction link per fact
    assert 'property="og:image" content="http://localhost/country/COL.png"' in html
    assert "<script" not in html


def test_malta_link_preview_is_its_card(client):
    html = client.get("/country/MLT").get_data(as_text=True)
    assert 'property="og:image" content="http://localhost/country/MLT.png"' in html
    card = client.get("/country/MLT.png")
    if card.status_code == 503:
        pytest.skip("no Chromium")
    assert card.status_code == 200 and card.data[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "lang, text", [("ar", 'dir="rtl"'), ("ru", "Профиль страны"), ("es", "Perfil del país")]
)
def test_languages(client, lang, text):
    html = client.get(f"/country/XKX?lang={lang}").get_data(as_text=True)
    assert text in html and f'lang="{lang}"' in html


def test_unknown_language_falls_back_with_a_note(client):
    html = client.get("/country/KEN?lang=xx").get_data(as_text=True)
    assert 'lang="en"' in html and 'class="profile-note"' in html


@pytest.mark.parametrize("code", ["ZZZ", "<script>", "%3Cimg%20src=x%3E", "x" * 5000, "CO", "COLL"])
def test_hostile_or_unknown_codes_are_a_404_page(client, code):
    r = client.get(f"/country/{code}")
    assert r.status_code == 404 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "<script>alert" not in html and "Traceback" not in html
    assert len(html) < 5000


def test_the_404_suggests_close_names(client):
    html = client.get("/country/COLL").get_data(as_text=True)
    assert '<a href="/country/COL">Colombia</a>' in html


def test_lower_case_code_redirects_to_upper_case(client):
    r = client.get("/country/col?lang=fr")
    assert r.status_code == 308 and r.headers["Location"] == "/country/COL?lang=fr"
    for path in ("/country/../etc/passwd", "/country/..%2F..%2Fetc", "/country/<script>alert(1)</script>"):
        r = client.get(path)
        assert r.status_code == 404 and b"<script>" not in r.data


def test_correction_page_shows_the_report_to_copy(client):
    r = client.get("/country/COL/correction?edition=2023&indicator=dcr&lang=fr")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Pays : Colombie (COL)" in html and "(dcr)" in html
    assert 'class="profile-send"' not in html  # nothing configured: no target link
    assert client.get("/country/COL/correction?edition=1999&indicator=dcr").status_code == 400
    assert client.get("/country/COL/correction?edition=2023&indicator=<b>").status_code == 400


def test_configured_target_gets_a_prefilled_link(dataset):
    from dash import Dash, html

    other = Dash(__name__)
    other.layout = html.Div()
    web_profile.register(other, dataset, Corrections(email="data@atlas.example"))
    html = other.server.test_client().get("/country/COL").get_data(as_text=True)
    assert 'href="mailto:data@atlas.example?subject=Correction%3A%20Colombia' in html


def pdf_text(client, path):
    r = client.get(path)
    if r.status_code == 503:
        pytest.skip("no Chromium")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(r.data))
    return reader, "".join(page.extract_text() for page in reader.pages)


def test_kenya_pdf_in_french_is_one_a4_page_with_every_indicator_and_source(client, dataset):
    reader, text = pdf_text(client, "/country/KEN.pdf?lang=fr")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4
    flat = re.sub(r"\s+", "", text)
    assert "Kenya" in text and "Programmesd'échangedeseringues" in flat and "Naloxoneàemporter" in flat
    for label in ("Traitement par agonistes opioïdes", "Soutien dans la politique nationale"):
        assert label.replace(" ", "") in flat
    wide = {
        dataset.wide(e).loc["KEN", f"{i}_source"]
        for e in dataset.edition_ids
        for i in ("nsp", "oat", "dcr", "policy")
    }
    for url in wide - {""}:
        assert url.replace(" ", "") in flat, url


def test_arabic_pdf_is_right_to_left(client, dataset):
    reader, text = pdf_text(client, "/country/COL.pdf?lang=ar")
    assert len(reader.pages) == 1 and "COL" in text
    assert re.search("[\u0600-\u06ff]", text)
    from dashboard.views.profile import build_profile

    page = web_profile.render_page(
        build_profile(dataset, "COL", "ar", page_url="x"), base="/", for_pdf=True, css_inline="p{}"
    )
    assert '<html lang="ar" dir="rtl">' in page and "<style>p{}</style>" in page

"""/methods: every rule of methods.csv, the completeness table, every language, bad input handled."""

from __future__ import annotations

import re

import pytest

from dashboard.core.i18n import LANGUAGES
from dashboard.views.sources import method_anchor


def test_methods_page_lists_every_rule_and_the_completeness_table(client, dataset):
    response = client.get("/methods")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    for method in dataset.methods["method"]:
        assert f'id="{method_anchor(method)}"' in html, method
        assert f"method = {method}" in html
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", html)
    assert [label for label, _ in rows] == ["GSHR 2020", "GSHR 2022", "2023 update", "GSHR 2024"]
    assert "<td>87 of 92</td><td>83 of 88</td><td>17 of 17</td><td>92 of 109</td>" in rows[2][1]
    assert "26 with a source (partial list)" in rows[2][1]
    assert "hri.global/publications/global-state-of-harm-reduction-2023-update-to-key-data/" in html
    assert "<script" not in html


@pytest.mark.parametrize("lang", sorted(set(LANGUAGES) - {"en"}))
def test_methods_page_in_every_language(client, lang):
    html = client.get(f"/methods?lang={lang}").get_data(as_text=True)
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    assert "How the Atlas knows each fact" not in html  # the title is translated
    assert '<blockquote lang="en">' in html  # the rules' statements are quoted in English, marked so


def test_unknown_language_falls_back_with_a_visible_note(client):
    response = client.get("/methods?lang=<script>")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'role="status"' in html and "<script>" not in html and '<html lang="en"' in html


def test_served_rules_file_is_linked_and_served(client):
    html = client.get("/methods").get_data(as_text=True)
    assert 'href="/api/v1/data/methods.csv"' in html
    body = client.get("/api/v1/data/methods.csv").get_data(as_text=True)
    assert body.startswith("method,applies_to,statement,hri_source_url\n")
    assert client.get("/api/v1/data/..%2Fsecret.csv").status_code == 404

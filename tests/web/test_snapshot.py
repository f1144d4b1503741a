"""The static snapshot: every file listed, linked and checksummed; pages need nothing but files."""

from __future__ import annotations

import csv
import hashlib
import io
import re

import pytest

from dashboard.web import snapshot


@pytest.fixture(scope="module")
def snap(tmp_path_factory):
    out = tmp_path_factory.mktemp("snapshot")
    code = snapshot.main([str(out), "--editions", "2023,2024", "--indicators", "nsp,services", "--no-png"])
    assert code == 0
    return out


def test_every_edition_and_indicator_has_a_map_and_a_csv(snap, dataset):
    for edition in ("2023", "2024"):
        for indicator in ("nsp", "services"):
            assert (snap / edition / f"{indicator}.html").is_file()
            rows = list(csv.DictReader(io.StringIO((snap / edition / f"{indicator}.csv").read_text())))
            assert [r["iso3"] for r in rows] == list(dataset.countries.index)
            assert {r["edition"] for r in rows} == {edition}
    assert not list(snap.rglob("*.png")), "--no-png writes no PNG"


def test_index_links_every_file_and_nothing_missing(snap):
    index = (snap / "index.html").read_text()
    links = re.findall(r'href="([^"]+)"', index)
    assert len(links) == 8
    assert all((snap / link).is_file() for link in links)


def test_pages_load_only_relative_files(snap):
    page = (snap / "2023" / "nsp.html").read_text()
    sources = re.findall(r'src="([^"]+)"', page)
    assert sources == ["../assets/world_50m.js", "../assets/plotly-geo.min.js"]
    assert all((snap / "2023" / s).resolve().is_file() for s in sources)
    assert "http://" not in page.split("<script")[0] and "https://cdn" not in page
    assert '"topojsonURL":"../assets/"' in page
    geometry = (snap / "assets" / "world_50m.js").read_text()
    assert geometry.startswith("window.PlotlyGeoAssets") and '"world_50m"' in geometry


def test_readme_cites_hri_and_names_the_licences(snap):
    readme = (snap / "README.md").read_text()
    assert readme.count("Harm Reduction International (20") == 2, "one citation per edition"
    assert "CC-BY-4.0" in readme or "Creative Commons" in readme
    assert "MIT" in readme and "Natural Earth" in readme


def test_checksums_cover_every_file(snap):
    lines = (snap / "SHA256SUMS").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {p.relative_to(snap).as_posix() for p in snap.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((snap / name).read_bytes()).hexdigest() == digest


def test_unknown_options_are_refused(tmp_path, capsys):
    with pytest.raises(SystemExit):
        snapshot.main([str(tmp_path), "--editions", "1999"])
    assert "unknown editions: 1999" in capsys.readouterr().err

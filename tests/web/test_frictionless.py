"""An outside check beside the project's own validator: frictionless reads the data package where it is
served (over HTTP, from the descriptor's URL) and as unzipped from the bundle."""

from __future__ import annotations

import io
import zipfile

import pytest

frictionless = pytest.importorskip("frictionless")


def errors(report) -> list:
    return report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])[:5]


def test_served_descriptor_validates_over_http(live_server):
    report = frictionless.validate(f"{live_server.url}/api/v1/datapackage.json")
    assert report.valid, errors(report)
    assert len(report.tasks) == 8  # six tidy tables, the long data and the coverage table
    assert all(task.stats["rows"] > 0 for task in report.tasks if task.name != "methods") and all(
        task.stats["rows"] >= 11 for task in report.tasks if task.name == "methods"
    )


def test_unzipped_bundle_validates(client, tmp_path):
    bundle = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/bundle.zip").get_data()))
    bundle.extractall(tmp_path)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, errors(report)


def test_a_broken_foreign_key_is_caught(client, tmp_path):
    """The descriptor's keys are checked, not only declared: a status row citing no source fails."""
    bundle = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/bundle.zip").get_data()))
    bundle.extractall(tmp_path)
    status = tmp_path / "status.csv"
    lines = status.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[4], "src-missing", 1)
    status.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert {e["type"] for t in report.tasks for e in [err.to_dict() for err in t.errors]} == {"foreign-key"}

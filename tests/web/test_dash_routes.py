"""Dash's own routes answer a malformed request with 4xx, never 500 (and never a traceback)."""

from __future__ import annotations

import json
import re

import pytest

SUITE = "/_dash-component-suites"
DISPATCH = "/_dash-update-component"


@pytest.mark.parametrize(
    "path",
    [
        f"{SUITE}/nopkg/x.js",
        f"{SUITE}/dash/nope.js",
        f"{SUITE}/dash/deps/react@18.min.js",
        f"{SUITE}/dash/dash_table/../../app.py",
        f"{SUITE}/plotly/package_data/nope.min.js",
    ],
)
def test_unknown_component_suite_file_is_a_plain_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "text/plain" and "Traceback" not in response.get_data(as_text=True)


def test_a_registered_component_suite_file_is_served(app, client):
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', client.get("/").get_data(as_text=True))
    assert scripts and client.get(scripts[0]).status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"", "application/json", "JSON object"),
        (b"junk", "application/json", "JSON object"),
        (b"{", "application/json", "JSON object"),
        (b"[]", "application/json", "JSON object"),
        (b"null", "application/json", "JSON object"),
        (b'{"inputs": []}', "application/json", "`output`"),
        (b'{"output": 1}', "application/json", "`output`"),
        (b'{"output": "nowhere.children"}', "application/json", "No callback"),
        (b'{"output": "table.dashGridOptions"}', "text/plain", "JSON object"),
        (b"9" * 100_000, "application/json", "JSON object"),
    ],
)
def test_callback_request_that_is_not_one_is_a_400_with_a_message(client, body, content_type, message):
    response = client.post(DISPATCH, data=body, content_type=content_type)
    assert response.status_code == 400
    assert message in response.get_json()["error"]


def test_callback_request_with_wrong_inputs_is_a_400(app, client):
    output = "table.dashGridOptions"
    for inputs in ["no", [], [{"id": "table-search"}], [1, 2, 3]]:
        body = {"output": output, "outputs": {"id": "table", "property": "dashGridOptions"}, "inputs": inputs}
        response = client.post(DISPATCH, json=body)
        assert response.status_code == 400, inputs
        assert "inputs" in response.get_json()["error"]


def _request_for(callback_id: str, callback: dict, value: object) -> dict:
    """A well-formed request for one registered callback, every input and state set to ``value``."""

    def dep(d: dict) -> dict | list:
        if d["id"].startswith("{"):  # pattern-matching (ALL): one concrete match
            concrete = {"param": "indicator", "type": "view-option", "value": "nsp"}
            return [{"id": concrete, "property": d["property"], "value": value}]
        return {"id": d["id"], "property": d["property"], "value": value}

    def out(o) -> dict | list:
        if isinstance(o.component_id, dict):
            concrete = {"param": "indicator", "type": "view-option", "value": "nsp"}
            return [{"id": concrete, "property": o.component_property}]
        return {"id": o.component_id, "property": o.component_property}

    outputs = callback["output"]
    return {
        "output": callback_id,
        "outputs": [out(o) for o in outputs] if isinstance(outputs, list) else out(outputs),
        "inputs": [dep(d) for d in callback["inputs"]],
        "state": [dep(d) for d in callback["state"]],
        "changedPropIds": [f"{callback['inputs'][0]['id']}.{callback['inputs'][0]['property']}"],
    }


@pytest.mark.parametrize("value", [1, -1e308, "x" * 20_000, {"points": "x"}, [None], True])
def test_every_callback_answers_junk_values_without_a_500(app, client, value):
    for callback_id, callback in app.callback_map.items():
        response = client.post(DISPATCH, json=_request_for(callback_id, callback, value))
        assert response.status_code < 500, (callback_id, value)


def test_a_well_formed_callback_request_still_works(app, client):
    callback_id = next(k for k in app.callback_map if k.startswith("..table.rowData"))
    body = _request_for(callback_id, app.callback_map[callback_id], "?edition=2023")
    response = client.post(DISPATCH, json=body)
    assert response.status_code == 200
    assert "rowData" in json.dumps(response.get_json())


def _sample(rule: str) -> str:
    return re.sub(r"<[^>]+>", "x", rule)


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE", "PATCH"])
def test_no_route_answers_malformed_requests_with_500(app, client, method):
    junk = [b"", b"junk", b"{", b'{"output": 1}', b"\xff\xfe" * 1000]
    for rule in app.server.url_map.iter_rules():
        path = _sample(rule.rule) + "?edition=" + "9" * 5000 + "&region=%00"
        for body in junk if method != "GET" else [b""]:
            response = client.open(path, method=method, data=body, content_type="application/json")
            assert response.status_code < 500, (method, rule.rule, body[:10])

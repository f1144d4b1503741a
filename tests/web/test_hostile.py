"""Hostile input, by property tests: the URL-state parser, every page and API route, the validator.

Whatever arrives in a query string (script tags, quotes, path traversal, NUL, 5,000-character
values, unicode, repeated parameters), the answer is never a 500, a traceback or the input echoed
back as live markup; whatever a data file is corrupted into, the validator answers with a
``DataError`` naming the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.core.config import ROOT
from dashboard.core.state import ParamError, ViewState, domains, parse_view
from dashboard.dataset.load import SCHEMAS, DataError, load_dataset

DATA_DIR = ROOT / "data"
EDITIONS = ["2020", "2022", "2023", "2024"]
PARAMS = ["indicator", "edition", "region", "country", "compare", "lang", "preset", "format"]
# Payloads whose live (unescaped) form must never appear in a response body.
PROBES = [
    "<script>alert('xssprobe')</script>",
    '"><img src=x onerror=alert("xssprobe")>',
    "'><svg onload=alert('xssprobe')>",
    "</title><script>xssprobe</script>",
]
HOSTILE = [
    *PROBES,
    "' OR '1'='1",
    '"; --',
    "../../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "\x00",
    "nsp\x00",
    "\r\nSet-Cookie: x=1",
    "A" * 5000,
    "<script>" * 625,
    "%00%0d%0a",
    "{{7*7}}${7*7}",
    "=cmd|' /C calc'!A0",
    "\u202egnp.exe",
    "😀" * 50,
    "ＮＳＰ",
    " 2023 ",
    "all",
    "ALL",
    "null",
    "[]",
    "-1",
    "1e999",
]
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def valid_values(name: str) -> list[str]:
    return domains(EDITIONS, ["FRA", "XKX", "USA"]).get(name, ["x"])


values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=80),
    st.sampled_from(PARAMS).map(valid_values).flatmap(st.sampled_from),
)
queries = st.lists(st.tuples(st.sampled_from([*PARAMS, "x", "", "edition[]"]), values), max_size=8)


# -- the URL-state parser --------------------------------------------------------------------------


@SETTINGS
@given(args=st.dictionaries(st.sampled_from(PARAMS), values, max_size=7))
def test_lenient_parse_never_raises_and_stays_in_the_domains(args):
    countries = ["FRA", "XKX", "USA"]
    state, notes = parse_view(args, EDITIONS, countries, strict=False)
    allowed = domains(EDITIONS, countries)
    for name in ("indicator", "edition", "region", "lang"):
        assert getattr(state, name) in allowed[name]
    assert state.country is None or state.country in countries
    assert state.compare is None or (state.compare in EDITIONS and state.compare != state.edition)
    assert all(len(str(note)) < 800 for note in notes), "a note echoes at most 60 (escaped) characters"


@SETTINGS
@given(args=st.dictionaries(st.sampled_from(PARAMS), values, max_size=7))
def test_strict_parse_raises_only_param_error(args):
    try:
        state, notes = parse_view(args, EDITIONS, ["FRA"], strict=True)
    except ParamError as exc:
        assert exc.parameter in PARAMS
        assert len(str(exc)) < 800  # 60 characters, each at most 10 once escaped
    else:
        assert isinstance(state, ViewState) and notes == []


# -- every route ------------------------------------------------------------------------------------


def get_routes(app) -> list[str]:
    """The page routes and every GET route of the API (no path variables)."""
    api = sorted(
        r.rule
        for r in app.server.url_map.iter_rules()
        if r.rule.startswith("/api/") and "GET" in r.methods and "<" not in r.rule
    )
    return ["/", "/embed", "/healthz", *api]


def is_slow(route: str) -> bool:
    """Image routes render with a browser: fuzz them with fewer examples."""
    return route.endswith((".png", ".svg", ".pdf", ".zip"))


def assert_safe(response, what: str) -> None:
    body = response.get_data().decode("utf-8", errors="replace")  # some routes answer PNG or ZIP
    assert response.status_code < 500, what
    assert "Traceback" not in body and 'File "/' not in body, what
    for probe in PROBES:
        assert probe not in body, f"{what} reflects {probe!r} unescaped"


def test_routes_are_found(app):
    routes = get_routes(app)
    assert {"/api/v1/summary.json", "/api/v1/coverage.csv", "/api/v1/coverage.json"} <= set(routes)


@pytest.mark.parametrize("slow", [False, True], ids=["fast-routes", "image-routes"])
def test_hostile_queries_on_every_route(app, slow):
    client = app.server.test_client()
    routes = [r for r in get_routes(app) if is_slow(r) == slow]
    if not routes:
        pytest.skip("no image route yet")

    @settings(SETTINGS, max_examples=10 if slow else 150)
    @given(route=st.sampled_from(routes), query=queries)
    def check(route, query):
        url = f"{route}?{urlencode(query)}"
        assert_safe(client.get(url), url[:200])

    check()


@pytest.mark.parametrize("route", ["/", "/api/v1/summary.json", "/api/v1/coverage.csv"])
@pytest.mark.parametrize("payload", HOSTILE)
def test_every_hostile_value_in_every_parameter(client, route, payload):
    for name in PARAMS:
        assert_safe(client.get(route, query_string={name: payload}), f"{route} {name}={payload[:40]!r}")


def url_callbacks(client) -> list[dict]:
    """Server callbacks whose inputs are all URL properties (of dcc.Location components)."""
    return [
        d
        for d in client.get("/_dash-dependencies").get_json()
        if d["inputs"]
        and not d.get("clientside_function")
        and "{" not in d["output"]
        and all(i["property"] in ("search", "pathname", "href", "hash") for i in d["inputs"])
    ]


def callback_body(dep: dict, search: str) -> dict:
    """The request body dash-renderer sends when the URL's query string is ``search``."""
    url_values = {"search": search, "pathname": "/", "href": "http://localhost/" + search, "hash": ""}
    return {
        "output": dep["output"],
        "outputs": [
            dict(zip(("id", "property"), o.rsplit(".", 1))) for o in dep["output"].strip(".").split("...")
        ],
        "inputs": [{**i, "value": url_values[i["property"]]} for i in dep["inputs"]],
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in dep["inputs"]],
        "state": [{**s, "value": None} for s in dep["state"]],
    }


def test_hostile_queries_reach_the_page_callbacks_safely(client):
    callbacks = url_callbacks(client)
    if not callbacks:
        pytest.skip("no server callback is driven by the URL alone")

    @SETTINGS
    @given(query=queries)
    def check(query):
        search = "?" + urlencode(query)
        for dep in callbacks:
            response = client.post("/_dash-update-component", json=callback_body(dep, search))
            assert response.status_code in (200, 204), (dep["output"], search[:200])
            assert "Traceback" not in response.get_data(as_text=True)

    check()


# -- the data validator -------------------------------------------------------------------------------

MUTATIONS = [
    "delete_line",
    "duplicate_line",
    "swap_lines",
    "insert_bytes",
    "replace_byte",
    "truncate",
    "drop_comma",
    "add_comma",
    "add_quote",
    "quote_field",
    "empty",
]


def mutate(data: bytes, kind: str, position: float, junk: bytes) -> bytes:
    """One corruption of a CSV file, at a relative ``position`` (0..1)."""
    lines = data.split(b"\n")
    at = int(position * (len(lines) - 1))
    pos = int(position * max(len(data) - 1, 0))
    if kind == "delete_line":
        del lines[at]
    elif kind == "duplicate_line":
        lines.insert(at, lines[at])
    elif kind == "swap_lines":
        lines[0], lines[at] = lines[at], lines[0]
    elif kind == "insert_bytes":
        return data[:pos] + junk + data[pos:]
    elif kind == "replace_byte":
        return data[:pos] + (junk[:1] or b"\xff") + data[pos + 1 :]
    elif kind == "truncate":
        return data[:pos]
    elif kind in ("drop_comma", "add_comma", "add_quote", "quote_field"):
        line = lines[at]
        lines[at] = {
            "drop_comma": line.replace(b",", b"", 1),
            "add_comma": line + b",",
            "add_quote": line[:1] + b'"' + line[1:],
            "quote_field": b'"' + line,
        }[kind]
    elif kind == "empty":
        return b""
    return b"\n".join(lines)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    file=st.sampled_from(sorted(SCHEMAS)),
    kinds=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3),
    position=st.floats(0, 1),
    junk=st.binary(min_size=0, max_size=12) | st.sampled_from([b"\x00", b'"', b"\xff\xfe", b",,,", b"\r"]),
)
def test_a_corrupted_file_loads_or_raises_a_data_error_naming_it(scratch, file, kinds, position, junk):
    path = scratch / file
    original = (DATA_DIR / file).read_bytes()
    corrupted = original
    for kind in kinds:
        corrupted = mutate(corrupted, kind, position, junk)
    path.write_bytes(corrupted)
    try:
        load_dataset(scratch)
    except DataError as exc:
        assert str(exc).startswith(tuple(SCHEMAS)), str(exc)
        assert exc.file in SCHEMAS
    finally:
        path.write_bytes(original)


def test_an_unclosed_quote_is_a_data_error_at_its_row(data_copy):
    """Found by the fuzzer: the csv module's own error escaped the validator."""
    path = data_copy / "status.csv"
    text = path.read_bytes()
    start = text.index(b"\n") + 1
    path.write_bytes(text[:start] + b'"' + text[start:].replace(b'"', b""))
    with pytest.raises(DataError, match=r"^status\.csv, row 2: malformed CSV"):
        load_dataset(data_copy)

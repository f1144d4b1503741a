"""The page's layout as static HTML: what a visitor sees before the scripts have run.

:func:`to_html` writes a Dash component tree (the very layout the dashboard renders, so its words,
order and classes are said once) as HTML elements with the same tags, classes, styles and
attributes. The index page shows it as the first screen (``dashboard.app.index_page``) until React
has rendered the live page in the same place. It is a picture of the page, not a second page:

- ``id`` becomes ``data-id`` and ``htmlFor`` is dropped, so no id is on the page twice and no
  label points into the copy (the stylesheet styles classes, so the copy looks the same);
- components that are behaviour only (``Location``, ``Store``, ``Clipboard``) write nothing;
- ``dcc.Graph`` is its empty box (the layout puts the map's first picture under it);
- an image gets ``elementtiming`` (its class name), so the browser can time when it was painted;
- the table (``AgGrid``) is its box, with the loading text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from markupsafe import escape

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BOOLEAN = {"hidden", "disabled", "selected", "checked", "readOnly", "multiple", "open", "required"}
RENAMED = {"className": "class", "id": "data-id", "readOnly": "readonly", "autoComplete": "autocomplete"}
DROPPED = {
    "children",
    "htmlFor",
    "n_clicks",
    "n_clicks_timestamp",
    "disable_n_clicks",
    "loading_state",
    "setProps",
    "key",
    "persistence",
    "persisted_props",
    "persistence_type",
    "debounce",
}
PLAIN = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]*$")
BEHAVIOUR_ONLY = {"Location", "Store", "Clipboard", "Interval", "Download"}
DCC = "dash_core_components"


def css(style: Mapping[str, Any]) -> str:
    """A React style object as a CSS declaration list (``{"blockSize": "9px"}`` → ``block-size: 9px``)."""
    parts = []
    for name, value in style.items():
        prop = name if name.startswith("--") else re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), name)
        parts.append(f"{prop}: {value}")
    return "; ".join(parts)


def attributes(props: Mapping[str, Any], tag: str) -> str:
    out = []
    for name, value in props.items():
        if name in DROPPED or value is None or value is False:
            continue
        if name == "value" and tag in ("textarea", "select"):
            continue
        attr = RENAMED.get(name, name)
        if attr == "style":
            value = css(value) if isinstance(value, Mapping) else value
        if not PLAIN.match(attr) or isinstance(value, (dict, list)):
            continue
        if value is True:
            out.append(f" {attr.lower()}" if name in BOOLEAN else f' {attr}="true"')
        else:
            out.append(f' {attr.lower() if name in BOOLEAN else attr}="{escape(str(value))}"')
    return "".join(out)


def element(tag: str, props: Mapping[str, Any], inner: str = "") -> str:
    if tag in VOID:
        return f"<{tag}{attributes(props, tag)}>"
    return f"<{tag}{attributes(props, tag)}>{inner}</{tag}>"


def to_html(node: Any) -> str:
    """Static HTML of a component tree (text and attributes escaped)."""
    if node is None or node is False:
        return ""
    if isinstance(node, (list, tuple)):
        return "".join(to_html(child) for child in node)
    if isinstance(node, (str, int, float)):
        return str(escape(str(node)))
    if not hasattr(node, "to_plotly_json"):
        return ""
    json = node.to_plotly_json()
    kind, namespace, props = json["type"], json["namespace"], dict(json["props"])
    inner = to_html(props.get("children"))
    if namespace == "dash_html_components":
        if kind == "Img" and props.get("className"):
            props["elementtiming"] = props["className"]
        return element(kind.lower(), props, inner)
    if kind in BEHAVIOUR_ONLY:
        return ""
    box = {"id": props.get("id"), "className": props.get("className"), "style": props.get("style")}
    if namespace == DCC and kind == "Graph":
        return element("div", {**box, "className": f"dash-graph {props.get('className') or ''}".strip()})
    if namespace == DCC and kind == "Input":
        inputs = ("id", "className", "type", "placeholder", "value", "list", "autoComplete", "style")
        return element("input", {k: props.get(k) for k in inputs})
    if namespace == DCC and kind == "Textarea":
        areas = ("id", "className", "rows", "readOnly", "style")
        return element("textarea", {k: props.get(k) for k in areas}, str(escape(props.get("value") or "")))
    if namespace == DCC and kind == "Link":
        return element("a", {**box, "href": props.get("href"), "title": props.get("title")}, inner)
    if namespace == "dash_ag_grid":
        loading = (props.get("dashGridOptions") or {}).get("localeText", {}).get("loadingOoo", "")
        return element(
            "div",
            {**box, "className": f"{box['className'] or ''} grid-pending".strip()},
            str(escape(loading)),
        )
    return element("div", box, inner)

"""Typed ``aria-*`` and ``data-*`` props for Dash components.

Dash takes hyphenated props only as ``**{"aria-label": ...}``, which its generated type stubs do not
list; these helpers return ``dict[str, Any]`` so such props type-check without ``type: ignore``.
"""

from __future__ import annotations

from typing import Any


def aria(**attributes: str) -> dict[str, Any]:
    """``aria(label="Map", live="polite")`` is ``{"aria-label": "Map", "aria-live": "polite"}``."""
    return {f"aria-{name.replace('_', '-')}": value for name, value in attributes.items()}


def data(**attributes: str) -> dict[str, Any]:
    """``data(hra_embed="")`` is ``{"data-hra-embed": ""}``."""
    return {f"data-{name.replace('_', '-')}": value for name, value in attributes.items()}

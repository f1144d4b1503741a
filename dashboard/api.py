"""Flask routes for analysts and health checks: ``/healthz`` and ``/api/v1/*``.

Every route parses its parameters with the strict view parser: an unknown value is an HTTP 400
with a JSON body naming the parameter and the allowed values, never a 500.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, jsonify, request

from dashboard.data import Dataset
from dashboard.exports import coverage, to_csv, to_records
from dashboard.indicators import headline_counts
from dashboard.regions import WORLD
from dashboard.state import ParamError, ViewState, parse_view


def create_blueprint(dataset: Dataset) -> Blueprint:
    """The API routes, bound to one validated dataset."""
    api = Blueprint("api", __name__)
    editions = dataset.edition_ids
    countries = list(dataset.countries.index)

    def view(allow_all_editions: bool = False) -> ViewState:
        args = request.args
        if allow_all_editions and args.get("edition") == "all":
            state, _ = parse_view(
                {k: v for k, v in args.items() if k != "edition"}, editions, countries, strict=True
            )
            return state.with_(edition="all")
        state, _ = parse_view(args, editions, countries, strict=True)
        return state

    @api.errorhandler(ParamError)
    def bad_parameter(exc: ParamError) -> tuple[Response, int]:
        return jsonify(exc.as_json()), 400

    @api.get("/healthz")
    def healthz() -> Response:
        return Response("ok", mimetype="text/plain")

    @api.get("/api/v1/summary.json")
    def summary() -> Response:
        state = view()
        return jsonify(
            {
                "edition": state.edition,
                "region": state.region,
                "indicators": headline_counts(dataset, state.edition, state.region),
            }
        )

    def coverage_frame():
        state = view(allow_all_editions=True)
        indicator = request.args.get("indicator") and state.indicator
        return state, coverage(dataset, state.edition, state.region, indicator or None)

    def filename(state: ViewState, ext: str) -> str:
        region = "world" if state.region == WORLD else state.region
        return f"harm-reduction-atlas_{state.edition}_{region}.{ext}"

    @api.get("/api/v1/coverage.csv")
    def coverage_csv() -> Response:
        state, frame = coverage_frame()
        return Response(
            to_csv(frame),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{filename(state, "csv")}"'},
        )

    @api.get("/api/v1/coverage.json")
    def coverage_json() -> Response:
        state, frame = coverage_frame()
        return jsonify({"edition": state.edition, "region": state.region, "rows": to_records(frame)})

    return api


def register(server: Flask, dataset: Dataset) -> None:
    server.register_blueprint(create_blueprint(dataset))

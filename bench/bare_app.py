"""The load test's floors: bare Flask routes served by gunicorn like the Atlas.

- ``/summary.json``: one ``jsonify`` of a small dict (the issue's floor for every endpoint);
- ``/coverage.csv``: the Atlas's landing ``coverage.csv`` bytes (built once at start), returned as
  they are: what sending that body costs this server and wrk, with no framework work around it.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify

app = Flask(__name__)
SUMMARY = {"edition": "2023", "region": "world", "indicators": {"nsp": {"count": 92}}}


def coverage_bytes() -> bytes:
    from dashboard.dataset.load import load_dataset
    from dashboard.views.exports import coverage, csv_bytes

    return csv_bytes(coverage(load_dataset(), "2023", "world", None))


COVERAGE = coverage_bytes()


@app.get("/summary.json")
def summary():
    return jsonify(SUMMARY)


@app.get("/coverage.csv")
def coverage_csv():
    return Response(COVERAGE, mimetype="text/csv")

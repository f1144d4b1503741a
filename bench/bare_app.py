"""A bare Flask JSON endpoint, served by gunicorn like the Atlas, as the load test's baseline."""

from __future__ import annotations

from flask import Flask, jsonify

app = Flask(__name__)
SUMMARY = {"edition": "2023", "region": "world", "indicators": {"nsp": {"count": 92}}}


@app.get("/summary.json")
def summary():
    return jsonify(SUMMARY)

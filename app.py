"""Harm Reduction Atlas: ``python app.py`` to serve, or ``gunicorn app:server`` in production.

A bad setting or data file stops start-up with one line naming the problem (for data: the file,
row and column), not a traceback.
"""

import sys

from dashboard.core.config import ConfigError, from_env
from dashboard.dataset.load import DataError
from dashboard.web.factory import create_app

try:
    settings = from_env()
    app = create_app(settings.data_dir)
except (ConfigError, DataError) as exc:
    sys.exit(f"Harm Reduction Atlas cannot start: {exc}")
server = app.server

if __name__ == "__main__":
    app.run(host=settings.host, port=settings.port, debug=settings.debug)

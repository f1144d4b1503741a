"""Harm Reduction Atlas: ``python app.py`` to serve, or ``gunicorn app:server`` in production.

A bad setting or data file stops start-up with one logged line naming the problem (for data: the
file, row and column), not a traceback (``LOG_LEVEL=DEBUG`` adds the traceback to the log).
"""

import logging
import sys

from dashboard.core.config import ConfigError, configure_logging, from_env, requested_log_level
from dashboard.dataset.load import DataError
from dashboard.web.factory import create_app

logger = logging.getLogger("dashboard.startup")

try:
    settings = from_env()
    configure_logging(settings.log_level)
    app = create_app(settings.data_dir, prerender=True)  # the landing views' first pictures
except (ConfigError, DataError) as exc:
    configure_logging(requested_log_level())  # a no-op when the settings were read
    logger.error("Harm Reduction Atlas cannot start: %s (%s)", exc, type(exc).__name__)
    logger.debug("start-up refused", exc_info=True)
    sys.exit(1)
server = app.server

if __name__ == "__main__":
    app.run(host=settings.host, port=settings.port, debug=settings.debug)

"""Harm Reduction Atlas: ``python app.py`` to serve, or ``gunicorn app:server`` in production."""

from dashboard.config import from_env
from dashboard.factory import create_app

settings = from_env()
app = create_app(settings.data_dir)
server = app.server

if __name__ == "__main__":
    app.run(host=settings.host, port=settings.port, debug=settings.debug)

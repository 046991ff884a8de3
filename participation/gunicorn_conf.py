"""gunicorn settings for production: `gunicorn -c python:participation.gunicorn_conf wsgi:app`.

Values can be overridden on the command line or with GUNICORN_* style flags as usual.
"""

import multiprocessing
import os

from gunicorn.arbiter import Arbiter
from gunicorn.config import Config
from gunicorn.glogging import Logger
from gunicorn.workers.base import Worker

from participation.log_privacy import HideAddresses
from participation.security import shared_limits_warning

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers: each request is short, and a database transaction per request stays simple.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Excel exports of very large campaigns take over a minute (see the README's figures).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "300"))
graceful_timeout = 30
keepalive = 5
# A worker restarts after this many requests, so a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
# The app is imported once, in the master, and each worker is a fork of it: a new worker (after
# max_requests, or after one died) serves at once instead of importing for 2 s on a busy core,
# and the workers share that memory. Code is read at start only: deploy with a restart, not HUP.
preload_app = True


class PrivateLogger(Logger):
    """gunicorn's logger, with IP addresses hidden from its own error lines (bad requests)."""

    def setup(self, cfg: Config) -> None:
        super().setup(cfg)
        self.error_log.addFilter(HideAddresses())


logger_class = PrivateLogger


def post_fork(server: Arbiter, worker: Worker) -> None:
    """A worker opens its own database connections: none the master may hold is shared
    across the fork (SQLAlchemy's advice for forked processes)."""
    from flask import Flask

    from participation.extensions import db

    app: object = server.app.wsgi()
    if not isinstance(app, Flask):  # not this project's wsgi:app
        return
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)


def on_starting(server: Arbiter) -> None:
    """Say once, at the start, when each worker would count rate limits on its own."""
    storage = (
        os.environ.get("FLASK_RATELIMIT_STORAGE_URI")
        or os.environ.get("RATELIMIT_STORAGE_URI")
        or "memory://"
    )
    warning = shared_limits_warning(storage, server.cfg.workers)
    if warning and server.log is not None:  # the arbiter's log is set up before this hook
        server.log.warning(warning)


# No control socket (gunicorn 25+ opens $HOME/.gunicorn/gunicorn.ctl to change the worker count,
# reload or stop): nothing here uses it, and two installs under one user would share its path.
control_socket_disable = True
# No access log: it would write residents' IP addresses. Errors go to stderr.
accesslog = None
errorlog = "-"
loglevel = "info"
# The request line and headers a resident's phone sends are small; refuse the rest early.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

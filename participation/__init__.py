"""The participation app: residents help a municipality set its safety priorities."""

import logging
import os
from pathlib import Path
from typing import Any, TextIO

from flask import Flask

from config import CONFIGS, Config
from participation.log_privacy import NO_MUNICIPALITY, HideAddresses, HideEmails, NameMunicipality
from participation.timeutil import utc_to_local

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config_class: type[Config] | None = None, **overrides: object) -> Flask:
    """Build the app: config, extensions, blueprints, error pages and CLI."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=os.environ.get("INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
    )
    configure(app, config_class, overrides)
    register_extensions(app)
    register_blueprints(app)
    skip_idle_limit_pass(app)
    register_error_handlers(app)
    register_cli(app)
    if app.config.get("PROXY_COUNT"):
        # Behind N trusted proxies, take the client address from X-Forwarded-For (rate limits).
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = int(app.config["PROXY_COUNT"])
        # Flask's documented way to add WSGI middleware; mypy sees wsgi_app only as a method.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count
        )
    return app


def configure(app: Flask, config_class: type[Config] | None, overrides: dict[str, Any]) -> None:
    """Load the config class, FLASK_-prefixed env vars, then explicit overrides."""
    if config_class is None:
        config_class = CONFIGS[os.environ.get("APP_ENV", "development")]
    app.config.from_object(config_class)
    app.config.from_prefixed_env()
    app.config.update(overrides)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        db_file = Path(app.instance_path) / "participation.sqlite"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{db_file}"
    app.config["SQLALCHEMY_DATABASE_URI"] = with_psycopg_driver(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    if not app.debug and not app.testing:
        from participation.i18n import require_catalogues
        from participation.security import check_production

        check_production(app.config)
        require_catalogues(app)
    configure_logging(app.config.get("LOG_FORMAT", "text"))


class _AppLogHandler(logging.StreamHandler[TextIO]):
    """The app's handler on the root logger; the marker keeps a second app from adding one."""

    _participation = True


def configure_logging(log_format: str) -> None:
    """Plain lines for a terminal, or one JSON object per line for a log collector.

    Our log lines name ids, actions and counts, never a resident's IP address, a name or an
    e-mail address; Flask-Limiter's own breach log (which names the IP) is silenced below.
    """
    handler = _AppLogHandler()
    handler.setFormatter(log_formatter(log_format))
    handler.addFilter(HideEmails())
    # The development server's access lines name the client's IP address: hidden as well.
    handler.addFilter(HideAddresses())
    handler.addFilter(NameMunicipality())
    root = logging.getLogger()
    if not any(getattr(h, "_participation", False) for h in root.handlers):
        root.addHandler(handler)
    logging.getLogger("participation").setLevel(logging.INFO)


# A record that did not pass the handler's filters (formatted elsewhere) names no municipality.
LOG_DEFAULTS = {"municipality": NO_MUNICIPALITY}


def log_formatter(log_format: str) -> logging.Formatter:
    if log_format == "json":
        from pythonjsonlogger.json import JsonFormatter

        return JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(municipality)s %(message)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            defaults=LOG_DEFAULTS,
        )
    return logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(municipality)s]: %(message)s",
        defaults=LOG_DEFAULTS,
    )


def with_psycopg_driver(url: str) -> str:
    """Let a plain postgres:// or postgresql:// URL use psycopg 3, the driver we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions to this app."""
    from sqlalchemy.orm import Session

    from participation import database, i18n, row_security, security, tenancy
    from participation.extensions import babel, csrf, db, limiter, login_manager, mail, migrate
    from participation.web import delivery, input_gate, tenant

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    # Flask-Limiter's own breach log names the IP address; ours (errors.py) does not.
    logging.getLogger("flask-limiter").setLevel(logging.ERROR)
    login_manager.init_app(app)
    mail.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    with app.app_context():
        database.configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
        row_security.tell_database(db.engine)
    tenancy.keep_queries_inside(Session)
    tenant.register(app)
    i18n.register(app)
    security.register(app)
    input_gate.register(app)
    delivery.register(app)
    from participation.web import roles

    roles.register(login_manager)


def register_blueprints(app: Flask) -> None:
    """Mount one blueprint per audience."""
    from participation.web.converters import DatabaseId

    # Before any route: <int:…> in a URL is an id the databases can hold, or a 404.
    app.url_map.converters["int"] = DatabaseId
    from participation.api import bp as api_bp
    from participation.associations import bp as associations_bp
    from participation.info import bp as info_bp
    from participation.region import bp as region_bp
    from participation.results import bp as results_bp
    from participation.sessions import bp as sessions_bp
    from participation.staff import bp as staff_bp
    from participation.stand import bp as stand_bp
    from participation.surveys import bp as surveys_bp
    from participation.vote import bp as vote_bp

    app.register_blueprint(vote_bp)
    app.register_blueprint(surveys_bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(stand_bp)
    app.register_blueprint(results_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(associations_bp)
    app.register_blueprint(sessions_bp)
    app.register_blueprint(info_bp)
    app.register_blueprint(region_bp)
    # Times are stored in UTC and shown in Dutch local time on every page.
    app.jinja_env.globals["utc_to_local"] = utc_to_local
    # Links shown to staff for residents and tablets use the public address, never the Host.
    from participation.web.links import ballot_url, print_address_problem, public_url

    app.jinja_env.globals["public_url"] = public_url
    app.jinja_env.globals["ballot_url"] = ballot_url
    app.jinja_env.globals["print_address_problem"] = print_address_problem
    from participation.web import labels

    labels.register(app)


def skip_idle_limit_pass(app: Flask) -> None:
    """After the blueprints, whose views declare every rate limit (security.py says why)."""
    from participation import security
    from participation.extensions import limiter

    security.skip_idle_limit_pass(app, limiter)


def register_error_handlers(app: Flask) -> None:
    """Dutch error pages instead of Werkzeug's English ones."""
    from participation import errors

    errors.register(app)


def register_cli(app: Flask) -> None:
    """Add the flask commands (seed-demo, create-user, seed-load)."""
    from participation import cli

    cli.register(app)

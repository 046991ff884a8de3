"""Config classes; DATABASE_URL, SECRET_KEY and FLASK_-prefixed variables override them."""

import os
from typing import Any, ClassVar


class Config:
    """Defaults shared by every environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-change-me")
    # None means: a SQLite file in the instance folder (set in the factory).
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, Any]] = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = 5000
    # A resident may leave the ballot open for long; the token is bound to the session anyway.
    WTF_CSRF_TIME_LIMIT = None
    # Our forms carry their own translated messages; WTForms' catalogue costs time per request.
    WTF_I18N_ENABLED = False
    MAX_CONTENT_LENGTH = 64 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    # Dutch first; Polish (labour migrants, as De Wolden's plan names them) on the resident pages.
    LANGUAGES = ("nl", "en", "pl")
    # Per IP address, in memory only. Generous: a village hall's wifi or a mobile carrier puts
    # many residents behind one address. Each gunicorn worker counts on its own.
    # Set RATELIMIT_STORAGE_URI=redis://host:6379 to share the counts between gunicorn workers.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # No X-RateLimit headers: they cost a storage lookup per request and help only bots.
    RATELIMIT_HEADERS_ENABLED = False
    BALLOT_RATE_LIMIT = "30 per minute;300 per hour"
    LOGIN_RATE_LIMIT = "10 per minute;50 per hour"
    # Mail staff pages send (invitations, new links, the test e-mail): per IP address, so a
    # stolen admin session cannot turn the app into a mail cannon.
    STAFF_MAIL_RATE_LIMIT = "10 per minute;60 per hour"
    # Slow on purpose: a stolen database should not give up staff passwords.
    PASSWORD_HASH_METHOD = "scrypt"
    # Wrong voting codes per IP address: guessing one of 10,000 codes would take a century.
    VOTING_CODE_RATE_LIMIT = "10 per hour"
    # A paired stand tablet: on average one vote per this many seconds, this many at once
    # (domain.kiosk_pace); faster ones wait on the tablet. Pairing codes asked per address.
    KIOSK_PACE_SECONDS = 15.0
    KIOSK_BURST = 5.0
    KIOSK_PAIRING_RATE_LIMIT = "20 per hour"
    # A signal for staff: this many ballots from one source within this many minutes.
    BURST_MIN_BALLOTS = 20
    BURST_WINDOW_MINUTES = 10
    # How long the kiosk shows "Bedankt" before it is ready for the next person.
    KIOSK_RESET_MS = 3000
    # Longer when the stand also offers the campaign's survey, so a resident can choose it.
    KIOSK_RESET_WITH_SURVEY_MS = 12000
    # Without a touch for this long, the kiosk goes back to its start screen, in Dutch.
    KIOSK_IDLE_MS = 60000
    # Seconds a worker reuses a campaign's ballot rules (status, dates, themes, villages): the
    # ballot's hottest query. Staff changes in the same worker apply at once, elsewhere within it.
    BALLOT_RULES_TTL = 2.0
    # Ballots newer than the newest seen this long ago are counted afresh on each request;
    # older ones are counted once and kept (services.results.running_counts).
    COUNTS_SETTLE_SECONDS = 5.0
    # How often staff results refresh themselves in place once staff tick the box.
    LIVE_RESULTS_MS = 60000
    # The name pages and print show until an admin saves one on /staff/municipality; empty: a
    # neutral "Uw gemeente", and the dashboard's first-day checklist asks for the real one.
    MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME", "")
    # The address residents reach, e.g. https://stem.westerkwartier.nl; QR codes and posters use
    # it so they never carry the internal host a staff member happens to use. Empty: this request's.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "")
    # Days after a campaign closes before `flask retention` deletes ballot-level data and remarks.
    RETENTION_DAYS = int(os.environ.get("RETENTION_DAYS", "365"))
    # The outcome by e-mail to residents who asked for it (Flask-Mail, SMTP). Set MAIL_SERVER,
    # MAIL_PORT, MAIL_USE_TLS, MAIL_USERNAME and MAIL_PASSWORD as FLASK_MAIL_… variables.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "noreply@localhost")
    # Flask-Mail would print the SMTP conversation, addresses and all, when DEBUG is on.
    MAIL_DEBUG = False
    # A resident asking for the outcome: per IP address, as the ballot's limits.
    FOLLOW_UP_RATE_LIMIT = "5 per minute;20 per hour"
    # Without a job queue: outcome e-mails sent per request (publishing, or 'Send the e-mails'):
    # at ~20 ms each, far inside gunicorn's 30 s timeout; staff press the button for the rest.
    FOLLOW_UP_BATCH = 500
    # Mail goes through a job queue (RQ) on this Redis, e.g. redis://127.0.0.1:6379/1, worked by
    # `flask --app wsgi worker`. Empty: every job runs at once in the web process (development).
    JOB_QUEUE_URL = os.environ.get("JOB_QUEUE_URL", "")
    # Outcome e-mails per job; a job that fails is tried again after these many seconds (then
    # it waits on the staff queue page for "Try again"): a mail server down for a while delays.
    MAIL_JOB_SIZE = 50
    JOB_RETRY_INTERVALS: ClassVar[list[int]] = [10, 30, 60, 300, 900, 3600]
    # Seconds one job may take before the worker stops it (and it is tried again).
    JOB_TIMEOUT = 300
    # Days an address waits for its confirmation before `flask retention` deletes it.
    FOLLOW_UP_CONFIRM_DAYS = 14
    # Hours a staff invite or password link works (services.accounts.invite_token).
    INVITE_VALID_HOURS = 72
    # "json": one JSON object per log line (for a log collector); "text": plain lines.
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")


class DevelopmentConfig(Config):
    """Local development with the demo data."""

    DEBUG = True
    # The demo is Westerkwartier's (seed-demo); a production install starts without a name.
    MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME", "Gemeente Westerkwartier")


class TestingConfig(Config):
    """The test suite: the test sets DATABASE_URL itself."""

    TESTING = True
    MUNICIPALITY_NAME = "Gemeente Westerkwartier"  # the demo's, as in development
    SECRET_KEY = "test-secret"
    # Tests send hundreds of ballots from 127.0.0.1; the limit tests set their own.
    BALLOT_RATE_LIMIT = "100000 per minute"
    LOGIN_RATE_LIMIT = "100000 per minute"
    STAFF_MAIL_RATE_LIMIT = "100000 per minute"
    # Tests make and log in hundreds of accounts; scrypt took half the time of the web tests.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    SQLALCHEMY_DATABASE_URI = None
    # Tests change campaigns straight in the database; tests/vote/test_rules_cache sets its own.
    BALLOT_RULES_TTL = 0.0


class ProductionConfig(Config):
    """Behind gunicorn and HTTPS."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}

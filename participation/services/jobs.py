"""Slow work (mail) as RQ jobs on Redis (JOB_QUEUE_URL); without it, jobs run at once in-process.

A job's arguments are ids, never e-mail addresses: RQ writes its description (the call with
its arguments) to the worker's log and to Redis. A job loads what it needs from the database
and must be safe to run twice (a retried or duplicated job finds its work done and does nothing).
Jobs run in a request context on the public base URL, so url_for(..., _external=True) and
templates work in the worker as in the web process.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import redis
from flask import Flask, current_app, has_app_context, has_request_context, request
from rq import Queue, Retry, SimpleWorker, get_current_job

from participation import tenancy
from participation.extensions import db
from participation.log_privacy import HideEmails

log = logging.getLogger(__name__)
QUEUE_NAME = "participation"
# Kept on the queue page this long after failing for good (seconds): a week.
FAILURE_TTL = 7 * 24 * 3600
F = TypeVar("F", bound=Callable[..., Any])
_connections: dict[str, redis.Redis] = {}


@dataclass(frozen=True)
class Enqueued:
    """queued: a worker will do it. Otherwise it ran now: `result`, or the `error` it raised."""

    queued: bool
    result: Any = None
    error: Exception | None = None


class JobFailed(Exception):
    """A job's expected failure; its text names no address (the queue page and log show it)."""


def configured() -> bool:
    return bool(current_app.config.get("JOB_QUEUE_URL"))


def connection(url: str | None = None) -> redis.Redis:
    url = url or current_app.config["JOB_QUEUE_URL"]
    if url not in _connections:
        _connections[url] = redis.Redis.from_url(url, socket_connect_timeout=5)
    return _connections[url]


def queue() -> Queue:
    return Queue(QUEUE_NAME, connection=connection())


def base_url() -> str:
    """The address links in a job's mails start with: PUBLIC_BASE_URL, else this request's."""
    from participation.services.municipality import public_address

    configured_base = public_address()
    if configured_base:
        return configured_base + "/"
    return request.url_root if has_request_context() else "http://localhost/"


def job(func: F) -> F:
    """Mark a function as a job: in a worker it runs in a request context on `base_url`
    (given by enqueue) and its database session ends with it."""

    @functools.wraps(func)
    def run(*args: Any, base_url: str = "", municipality: int | None = None, **kwargs: Any) -> Any:
        if has_request_context():
            return func(*args, **kwargs)
        app = current_app if has_app_context() else _worker_app()
        # The job works for the municipality whose request queued it (its rows, its mail).
        chosen = tenancy.acting_for(municipality) if municipality else nullcontext()
        with chosen, app.test_request_context(base_url=base_url or "http://localhost/"):
            try:
                return func(*args, **kwargs)
            finally:
                db.session.remove()

    # Called as `func` is; only enqueue's worker side adds base_url and municipality.
    return cast(F, run)


def enqueue(func: Callable[..., Any], *args: Any, retry: bool = True) -> Enqueued:
    """Hand `func(*args)` to the worker, tried again with back-off when it fails (`retry`);
    without a queue, run it now and return what came of it (an error is logged by its kind
    only, since its text may name an address)."""
    if not configured():
        try:
            return Enqueued(False, result=func(*args))
        except Exception as error:
            db.session.rollback()
            log.warning("job %s failed (%s)", func.__name__, type(error).__name__)
            return Enqueued(False, error=error)
    intervals = list(current_app.config["JOB_RETRY_INTERVALS"])
    queue().enqueue(
        func,
        *args,
        base_url=base_url(),
        municipality=tenancy.chosen_id(),
        retry=Retry(max=len(intervals), interval=intervals) if retry and intervals else None,
        job_timeout=current_app.config["JOB_TIMEOUT"],
        failure_ttl=FAILURE_TTL,
        result_ttl=3600,
    )
    return Enqueued(True)


def final_attempt() -> bool:
    """Whether a failure now is the last: run at once, or a job with no retries left."""
    current = get_current_job()
    return current is None or not current.retries_left


def _worker_app() -> Flask:
    """The app for a job run by a plain `rq worker` (without `flask worker`'s app context)."""
    if "app" not in _apps:
        from participation import create_app

        _apps["app"] = create_app()
    return _apps["app"]


_apps: dict[str, Flask] = {}


def work(burst: bool = False) -> None:
    """Run a worker on the queue in this process, with the scheduler that brings back jobs
    waiting to be tried again; addresses are kept out of RQ's own log lines too."""
    for name in ("rq.worker", "rq.job", "rq.queue", "rq.registry", "rq.scheduler"):
        logging.getLogger(name).addFilter(HideEmails())
    worker = SimpleWorker([queue()], connection=connection())
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")

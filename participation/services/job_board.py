"""What the job queue holds, for staff: waiting, to be tried again, running, failed; try again."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import redis
from rq import Worker
from rq.job import Job
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry

from participation.extensions import db
from participation.log_privacy import EMAIL
from participation.models import StaffUser
from participation.services import audit, jobs

SHOWN = 50  # jobs listed per state; the count says how many there are


class Kind(enum.Enum):
    OUTCOME = "outcome"
    CONFIRMATION = "confirmation"
    TEST_MAIL = "test mail"
    OTHER = "other"


KINDS = {
    "outcome": Kind.OUTCOME,
    "confirmation": Kind.CONFIRMATION,
    "staff_test_mail": Kind.TEST_MAIL,
}


@dataclass(frozen=True)
class Line:
    """One job: what it does (its kind and how many addresses), when, and its error if any."""

    id: str
    kind: Kind
    addresses: int
    at: datetime | None
    error: str = ""
    tries_left: int = 0


@dataclass(frozen=True)
class Group:
    count: int
    lines: list[Line]


@dataclass(frozen=True)
class Board:
    workers: int
    waiting: Group
    retrying: Group
    running: Group
    failed: Group


class Unreachable(Exception):
    """The queue's Redis does not answer."""


def mask(text: str) -> str:
    """Every e-mail address in `text` shown as its first letter and its domain: j***@example.org."""

    def one(match: re.Match[str]) -> str:
        local, _, domain = match.group(0).rpartition("@")
        return f"{local[:1]}***@{domain}"

    return EMAIL.sub(one, text)


def _line(job: Job, at: datetime | None, failed: bool = False) -> Line:
    name = (job.func_name or "").rsplit(".", 1)[-1]
    kind = KINDS.get(name, Kind.OTHER)
    addresses = len(job.args[1]) if kind is Kind.OUTCOME and len(job.args) > 1 else 1
    error = ""
    if failed:
        result = job.latest_result()
        text = (result.exc_string if result is not None else job.exc_info) or ""
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        # The last line: 'package.module.MailNotSent: ConnectionRefusedError', without the path.
        error = mask(re.sub(r"^[\w.]+\.(?=\w+:)", "", lines[-1]))[:300] if lines else ""
    return Line(job.id, kind, addresses, at, error, job.retries_left or 0)


def _group(
    ids: list[str], count: int, when: Callable[[Job], datetime | None], failed: bool = False
) -> Group:
    found = Job.fetch_many(ids[:SHOWN], connection=jobs.connection())
    return Group(count, [_line(job, when(job), failed) for job in found if job is not None])


def board() -> Board | None:
    """What the queue holds now; None without a queue (jobs run at once in the web process)."""
    if not jobs.configured():
        return None
    queue = jobs.queue()
    try:
        scheduled = ScheduledJobRegistry(queue=queue)
        started = StartedJobRegistry(queue=queue)
        failed = FailedJobRegistry(queue=queue)
        return Board(
            workers=Worker.count(queue=queue),
            waiting=_group(queue.get_job_ids(0, SHOWN), queue.count, lambda j: j.enqueued_at),
            retrying=_group(
                scheduled.get_job_ids(0, SHOWN), scheduled.count, scheduled.get_scheduled_time
            ),
            running=_group(started.get_job_ids(0, SHOWN), started.count, lambda j: j.started_at),
            failed=_group(
                failed.get_job_ids(0, SHOWN, desc=True),
                failed.count,
                lambda j: j.ended_at,
                failed=True,
            ),
        )
    except redis.exceptions.RedisError as error:
        raise Unreachable(type(error).__name__) from None


def try_again(job_id: str, actor: StaffUser) -> bool:
    """Put a failed job back in the queue (audited); False when there is no such failed job."""
    if not jobs.configured():
        return False
    registry = FailedJobRegistry(queue=jobs.queue())
    try:
        if job_id not in registry.get_job_ids():
            return False
        job = registry.requeue(job_id)
    except redis.exceptions.RedisError as error:
        raise Unreachable(type(error).__name__) from None
    line = _line(job, None)
    audit.record(actor, "jobs.retry", f"job:{job_id}", f"{line.kind.value}, {line.addresses}")
    db.session.commit()
    return True

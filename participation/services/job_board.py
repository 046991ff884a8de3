"""This municipality's jobs in the queue, for staff: waiting, tried again, running, failed."""

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

from participation import tenancy
from participation.extensions import db
from participation.log_privacy import EMAIL
from participation.models import StaffUser
from participation.services import audit, jobs, municipalities

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


def _ours(job: Job, only: int | None) -> bool:
    """Whether the job was queued for the current municipality (jobs.enqueue names it): the
    queue is the install's, its jobs are each one municipality's (issue 29). A job queued
    before municipalities were named belongs to the install's `only` municipality, if one."""
    owner = job.kwargs.get("municipality") or only
    return owner is not None and owner == tenancy.chosen_id()


def _group(
    ids: list[str], when: Callable[[Job], datetime | None], only: int | None, failed: bool = False
) -> Group:
    found = Job.fetch_many(ids, connection=jobs.connection())
    ours = [job for job in found if job is not None and _ours(job, only)]
    return Group(len(ours), [_line(job, when(job), failed) for job in ours[:SHOWN]])


def board() -> Board | None:
    """What the queue holds now; None without a queue (jobs run at once in the web process)."""
    if not jobs.configured():
        return None
    queue = jobs.queue()
    try:
        scheduled = ScheduledJobRegistry(queue=queue)
        started = StartedJobRegistry(queue=queue)
        failed = FailedJobRegistry(queue=queue)
        # Every id, then this municipality's jobs among them: counted and shown.
        only = municipalities.host_map().only
        return Board(
            workers=Worker.count(queue=queue),
            waiting=_group(queue.get_job_ids(), lambda j: j.enqueued_at, only),
            retrying=_group(scheduled.get_job_ids(), scheduled.get_scheduled_time, only),
            running=_group(started.get_job_ids(), lambda j: j.started_at, only),
            failed=_group(failed.get_job_ids(desc=True), lambda j: j.ended_at, only, True),
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
        found = Job.fetch(job_id, connection=jobs.connection())
        if not _ours(found, municipalities.host_map().only):
            return False  # another municipality's job: as unknown as a made-up id
        job = registry.requeue(job_id)
    except redis.exceptions.RedisError as error:
        raise Unreachable(type(error).__name__) from None
    line = _line(job, None)
    audit.record(actor, "jobs.retry", f"job:{job_id}", f"{line.kind.value}, {line.addresses}")
    db.session.commit()
    return True

"""The outcome e-mails go through a real job queue: RQ on Redis, a worker process, an SMTP server.

Publishing only queues the mails; a worker (`flask worker`, started after the answer came)
sends each address one mail, none twice; with the mail server away, the jobs wait and are tried
again, and nothing is lost when it comes back.
"""

from __future__ import annotations

import email
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from email import policy
from email.parser import BytesHeaderParser
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from rq import Queue
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import FollowUp
from participation.services import jobs
from participation.timeutil import local_today
from tests.load.driver import BIN, ROOT, app_env
from tests.vote.test_follow_up import _decide_and_publish

REDIS_URL = os.environ.get("TEST_JOB_QUEUE_URL", "redis://127.0.0.1:6379/12")
REQUIRE_REDIS = os.environ.get("REQUIRE_REDIS") == "1"


@pytest.fixture
def job_queue(app) -> Iterator[Queue]:  # type: ignore[no-untyped-def]
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError:
        if REQUIRE_REDIS:
            pytest.fail(f"Redis is required but not reachable at {REDIS_URL}")
        pytest.skip("Redis server not reachable (set TEST_JOB_QUEUE_URL)")
    app.config["JOB_QUEUE_URL"] = REDIS_URL
    yield Queue(jobs.QUEUE_NAME, connection=client)
    client.flushdb()


class Smtp:
    """An SMTP server on loopback that can be away for a while; what it received, as sent
    (parsed when read: parsing 2,000 mails as they came took the worker's CPU)."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.received: list[bytes] = []
        self.controller: Controller | None = None

    def start(self) -> None:
        received = self.received

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
                received.append(envelope.content)
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def message(self, index: int) -> email.message.Message:
        return email.message_from_bytes(self.received[index], policy=policy.default)

    def recipients(self) -> list[str]:
        """Each mail's To header, from the headers alone."""
        headers = BytesHeaderParser(policy=policy.default)
        return [str(headers.parsebytes(raw)["To"]) for raw in self.received]

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    server = Smtp()
    yield server
    server.stop()


def _worker(app, smtp: Smtp, log: Path) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    """`flask --app wsgi worker` on the test's database and queue, mailing to `smtp`."""
    env = app_env(log.parent / "instance", str(app.config["SQLALCHEMY_DATABASE_URI"]))
    env.update(
        {
            "JOB_QUEUE_URL": REDIS_URL,
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(smtp.port),
            "MAIL_DEFAULT_SENDER": "noreply@example.org",
        }
    )
    return subprocess.Popen(
        [str(BIN / "flask"), "--app", "wsgi", "worker"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def _stop(worker: subprocess.Popen) -> None:
    worker.send_signal(signal.SIGTERM)  # RQ's warm shutdown: the job at hand is finished
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def _until(done: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "not done in time"
        time.sleep(0.2)


def _confirmed(campaign, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    addresses = [f"inwoner{number}@example.org" for number in range(count)]
    db.session.add_all(
        FollowUp(
            campaign_id=campaign.id,
            email=address,
            language="nl",
            asked_on=local_today(),
            confirmed=True,
        )
        for address in addresses
    )
    campaign.keep_informed = True
    db.session.commit()
    return addresses


def _stored() -> int:
    db.session.remove()  # a fresh look at what the worker did
    return db.session.scalar(select(func.count()).select_from(FollowUp)) or 0


def _publish(app, campaign) -> float:  # type: ignore[no-untyped-def]
    """Decide and publish as staff do; seconds the publishing request took."""
    started = time.perf_counter()
    _decide_and_publish(app, campaign)
    return time.perf_counter() - started


# On PostgreSQL, the production database, where the worker's deletes meet the web's reads
# under row security; SQLite runs the queue in the tests below (12 s of each run saved).
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_publishing_queues_2000_mails_and_the_worker_sends_each_once(
    app, demo, job_queue, smtp, tmp_path
) -> None:
    addresses = _confirmed(demo, 2000)
    smtp.start()
    took = _publish(app, demo)
    # The answer came while every mail still waited in the queue: nothing was sent by the web.
    assert smtp.received == []
    assert job_queue.count == 2000 // app.config["MAIL_JOB_SIZE"]
    assert _stored() == 2000
    assert took < 10, took  # generous; the point is that nothing waited for the mail server
    worker = _worker(app, smtp, tmp_path / "worker.log")
    try:
        _until(lambda: len(smtp.received) >= 2000 and job_queue.count == 0, 45)
        _until(lambda: StartedJobRegistry(queue=job_queue).count == 0, 10)
    finally:
        _stop(worker)
    recipients = smtp.recipients()
    assert sorted(recipients) == sorted(addresses)  # all of them, nobody twice
    first = smtp.message(0)
    assert first["Subject"] == "Wat is er met uw stem gedaan?"
    assert "https://stem.example.org/results/demo/uitkomst" in first.get_content()
    assert _stored() == 0
    assert FailedJobRegistry(queue=job_queue).count == 0
    log = (tmp_path / "worker.log").read_text()
    assert "outcome" in log and "@example.org" not in log  # ids in the log, never addresses


def test_a_mail_server_away_for_a_while_delays_the_mails_and_loses_none(
    app, demo, job_queue, smtp, tmp_path
) -> None:
    app.config["JOB_RETRY_INTERVALS"] = [2, 2, 2, 2, 2, 2, 2, 2]
    addresses = _confirmed(demo, 200)
    _publish(app, demo)  # the mail server is not there yet
    worker = _worker(app, smtp, tmp_path / "worker.log")
    try:
        scheduled = ScheduledJobRegistry(queue=job_queue)
        _until(lambda: scheduled.count == 200 // app.config["MAIL_JOB_SIZE"], 20)
        assert smtp.received == [] and _stored() == 200  # waiting to be tried again, not lost
        smtp.start()
        _until(lambda: len(smtp.received) >= 200, 30)
        _until(lambda: job_queue.count == 0 and scheduled.count == 0, 10)
        _until(lambda: StartedJobRegistry(queue=job_queue).count == 0, 10)
    finally:
        _stop(worker)
    assert sorted(smtp.recipients()) == sorted(addresses)
    assert _stored() == 0
    assert FailedJobRegistry(queue=job_queue).count == 0
    log = (tmp_path / "worker.log").read_text()
    assert "ConnectionRefusedError" in log and "@example.org" not in log


def test_staff_see_a_failed_job_masked_and_try_it_again(app, demo, job_queue) -> None:
    from participation.models import AuditEvent
    from participation.services import job_board
    from tests.conftest import csrf_token, login_as

    _confirmed(demo, 3)
    state = app.extensions["mail"]
    state.server, state.port, state.suppress = "127.0.0.1", 9, False  # nothing listens on 9
    try:
        app.config["JOB_RETRY_INTERVALS"] = []  # no second try: straight to Failed
        staff = _decide_and_publish(app, demo)
        viewer = login_as(app.test_client(), "viewer")
        page = viewer.get("/staff/queue").get_data(as_text=True)
        assert "Wachtend (1)" in page and "De uitkomst aan 3 inwoners" in page
        assert "Geen worker actief" in page
        jobs.work(burst=True)  # a worker in this process, until the queue is empty
    finally:
        state.server, state.port, state.suppress = "localhost", 25, True
    page = viewer.get("/staff/queue").get_data(as_text=True)
    assert "Mislukt (1)" in page and "MailNotSent: ConnectionRefusedError" in page
    assert "Opnieuw proberen" not in page  # a viewer reads only
    (failed,) = FailedJobRegistry(queue=job_queue).get_job_ids()
    token = csrf_token(viewer, "/staff/queue")
    assert (
        viewer.post(f"/staff/queue/{failed}/retry", data={"csrf_token": token}).status_code == 403
    )
    page = staff.get("/staff/queue").get_data(as_text=True)
    assert "Opnieuw proberen" in page
    token = csrf_token(staff, "/staff/queue")
    assert staff.post("/staff/queue/nergens/retry", data={"csrf_token": token}).status_code == 404
    again = staff.post(f"/staff/queue/{failed}/retry", data={"csrf_token": token})
    assert again.status_code == 303
    assert job_queue.count == 1 and FailedJobRegistry(queue=job_queue).count == 0
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "jobs.retry"))
    assert event is not None and event.target == f"job:{failed}"
    assert job_board.mask("SMTP said no to jan.de.vries@example.org") == (
        "SMTP said no to j***@example.org"
    )


def test_a_confirmation_mail_is_queued_by_id_never_by_address(app, demo, job_queue) -> None:
    from tests.conftest import csrf_token, send_ballot

    demo.keep_informed = True
    db.session.commit()
    client = app.test_client()
    send_ballot(client, demo, village="leek")
    token = csrf_token(client, "/staff/login")
    data = {"csrf_token": token, "email": "jan.de.vries@example.org"}
    answer = client.post("/v/demo/op-de-hoogte", data=data)
    answer.close()  # the work that depends on the address runs once the answer is out
    assert answer.status_code == 200 and "Kijk in uw e-mail" in answer.get_data(as_text=True)
    (job,) = job_queue.jobs
    assert job.func_name.endswith("mail_jobs.confirmation")
    assert "@" not in job.description and "jan" not in job.description
    assert _stored() == 1  # kept, unconfirmed, until the worker mailed it (or failed for good)

"""The mail queue is the install's, its jobs each one municipality's: A's queue page lists
and retries only A's jobs; B's failed job is as unknown on A's host as a made-up id."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import redis
from flask import Flask
from rq import Queue
from rq.registry import FailedJobRegistry

from participation import tenancy
from participation.services import jobs
from participation.services.accounts import create_user
from participation.services.outcome import mail_jobs
from tests.conftest import csrf_token
from tests.isolation.conftest import A_HOST, B_HOST, log_in, two_municipalities
from tests.isolation.world import PASSWORD

# A database of its own: tests/faults/test_mail_queue.py empties db 12 as it runs.
REDIS_URL = os.environ.get("TEST_ISOLATION_QUEUE_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def job_queue(app: Flask) -> Iterator[Queue]:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required but not reachable at {REDIS_URL}")
        pytest.skip("Redis server not reachable (set TEST_ISOLATION_QUEUE_URL)")
    app.config["JOB_QUEUE_URL"] = REDIS_URL
    app.config["JOB_RETRY_INTERVALS"] = []  # a failure goes straight to Failed
    yield Queue(jobs.QUEUE_NAME, connection=client)
    client.flushdb()


def test_each_municipality_sees_and_retries_only_its_own_jobs(app: Flask, job_queue: Queue) -> None:
    a, b = two_municipalities(app)
    for municipality, host, failing in ((a, A_HOST, 1), (b, B_HOST, 2)):
        with tenancy.acting_for(municipality):
            email = f"beheer@{host}"
            actor = create_user(email, PASSWORD, "admin")
            for _ in range(failing):
                assert jobs.enqueue(mail_jobs.staff_test_mail, actor.id).queued
    state = app.extensions["mail"]
    state.server, state.port, state.suppress = "127.0.0.1", 9, False  # nothing listens on 9
    try:
        jobs.work(burst=True)  # a worker in this process: every job fails
    finally:
        state.server, state.port, state.suppress = "localhost", 25, True
    failed = FailedJobRegistry(queue=job_queue)
    by_owner: dict[int, list[str]] = {a: [], b: []}
    for job_id in failed.get_job_ids():
        job = job_queue.fetch_job(job_id)
        assert job is not None
        by_owner[job.kwargs["municipality"]].append(job_id)
    assert [len(by_owner[a]), len(by_owner[b])] == [1, 2]
    ours = log_in(app, A_HOST, f"beheer@{A_HOST}")
    page = ours.get("/staff/queue").get_data(as_text=True)
    assert "Mislukt (1)" in page and by_owner[a][0] in page
    assert not any(job_id in page for job_id in by_owner[b])
    theirs = log_in(app, B_HOST, f"beheer@{B_HOST}")
    assert "Mislukt (2)" in theirs.get("/staff/queue").get_data(as_text=True)
    # B's failed job, retried from A's host: a 404 as for a made-up id; it stays failed.
    token = csrf_token(ours, "/staff/queue")
    for job_id in (by_owner[b][0], "bestaat-niet"):
        answer = ours.post(f"/staff/queue/{job_id}/retry", data={"csrf_token": token})
        assert answer.status_code == 404, job_id
    assert failed.count == 3 and job_queue.count == 0
    token = csrf_token(theirs, "/staff/queue")
    again = theirs.post(f"/staff/queue/{by_owner[b][0]}/retry", data={"csrf_token": token})
    assert again.status_code == 303 and job_queue.count == 1

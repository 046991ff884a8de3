"""`flask retention`: after the period, ballots and remarks go, the totals and results stay."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import AuditEvent, Ballot, BallotChoice, Remark, VotingCode
from participation.services.accounts import create_user
from participation.services.ballots import codes
from participation.timeutil import utcnow
from tests.conftest import add_stand, send_ballot


def count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_retention_keeps_the_results_and_deletes_ballots_and_remarks(
    app, demo, staff_client
) -> None:
    for village in ["leek", "leek", "marum", "elders"]:
        send_ballot(app.test_client(), demo, village=village)
    stand = add_stand(demo, "marum")
    db.session.add(Remark(remark_key=uuid.uuid4(), stand_id=stand.id, text="Te hard gereden"))
    codes.generate_batch(
        demo, 3, "huis-aan-huis", create_user("oov@example.org", "een-lang-wachtwoord", "admin")
    )
    db.session.commit()
    before = staff_client.get("/api/v1/campaigns/demo/results").get_json()
    runner = app.test_cli_runner()
    # Not yet due: the campaign is still open.
    assert "deleted" not in runner.invoke(args=["retention"]).output
    demo.closes_at = utcnow() - timedelta(days=400)
    db.session.commit()
    dry = runner.invoke(args=["retention", "--dry-run"]).output
    assert "demo: would delete 4 ballots, 1 remarks, 3 voting codes" in dry
    assert count(Ballot) == 4
    done = runner.invoke(args=["retention"]).output
    assert "demo: deleted 4 ballots, 1 remarks, 3 voting codes; totals kept" in done
    assert (count(Ballot), count(BallotChoice), count(Remark), count(VotingCode)) == (0, 0, 0, 0)
    after = staff_client.get("/api/v1/campaigns/demo/results").get_json()
    assert after == before  # the same ranking, shares and villages from the kept totals
    assert "retention.apply" in set(db.session.scalars(select(AuditEvent.action)))
    again = runner.invoke(args=["retention"]).output
    assert "deleted 0 ballots" in again
    assert staff_client.get("/api/v1/campaigns/demo/results").get_json() == before

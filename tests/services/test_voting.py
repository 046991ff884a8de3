"""The voting service: atomic storage, and the rules it loads."""

import dataclasses
import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from participation.extensions import db
from participation.models import Ballot
from participation.services.ballots import voting


def test_ballot_and_choices_are_stored_together_or_not_at_all(demo) -> None:
    # A theme id that does not exist makes the choice insert fail after the ballot insert.
    submission = voting.Submission(uuid.uuid4(), "leek", [demo.themes[0].id, 987_654])
    with pytest.raises(IntegrityError):
        rules = voting.load_rules("demo")
        bits = {**rules.theme_bits, 987_654: 13}
        voting._insert_once(dataclasses.replace(rules, theme_bits=bits), None, submission)
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 0


def test_rules_carry_the_campaign_themes_and_villages(demo) -> None:
    rules = voting.load_rules("demo")
    assert rules is not None
    assert rules.theme_ids == {theme.id for theme in demo.themes}
    assert rules.village_slugs == {area.slug for area in demo.areas} | {"elders"}
    assert (rules.rule.min_picks, rules.rule.max_picks) == (6, 6)
    assert rules.phase() == "open"
    assert voting.load_rules("unknown") is None

"""Synthetic ballots in bulk, for trials and benchmarks (flask seed-load)."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from sqlalchemy import Table, insert

from participation.domain.ballots import choice_mask
from participation.domain.vocabulary import Channel, TrustLevel
from participation.extensions import db
from participation.models import Ballot, BallotChoice
from participation.services.ballots.voting import BallotRules
from participation.timeutil import utcnow

CHUNK = 20_000
# (channel, trust level, weight): most residents vote on their phone.
MIX = [
    (Channel.QR, TrustLevel.DEVICE, 5),
    (Channel.WEB, TrustLevel.DEVICE, 3),
    (Channel.WEB, TrustLevel.CODE, 1),
    (Channel.STAND, TrustLevel.STAND, 1),
]


def _weighted_sample(
    rng: random.Random, items: list[int], weights: list[float], k: int
) -> list[int]:
    """k distinct items, each draw in proportion to the weights of those left."""
    pool, chosen = dict(zip(items, weights, strict=True)), []
    for _ in range(k):
        item = rng.choices(list(pool), weights=list(pool.values()))[0]
        chosen.append(item)
        del pool[item]
    return chosen


def add_synthetic_ballots(rules: BallotRules, count: int, rng: random.Random, days: int) -> int:
    """Insert `count` valid ballots with their choices, CHUNK at a time; returns how many.

    Themes get random popularities and each village leans its own way a little, so charts
    and rankings look like a real consultation rather than a flat line.
    """
    village_ids = [*rules.village_ids.values(), None]
    themes = sorted(rules.theme_ids)
    popularity = {theme: rng.uniform(0.4, 3.0) for theme in themes}
    leaning = {
        village: [popularity[t] * rng.uniform(0.6, 1.6) for t in themes] for village in village_ids
    }
    mixes = [(channel, trust) for channel, trust, weight in MIX for _ in range(weight)]
    now, span = utcnow(), days * 24 * 3600
    ballots, choices = Ballot.__table__, BallotChoice.__table__
    # Declarative models map plain Tables (typed as any FromClause).
    assert isinstance(ballots, Table) and isinstance(choices, Table)
    added = 0
    while added < count:
        batch = min(CHUNK, count - added)
        rows, picks = [], []
        for _ in range(batch):
            village = rng.choice(village_ids)
            size_of_pick = rng.randint(rules.rule.min_picks, rules.rule.max_picks)
            picked = _weighted_sample(rng, themes, leaning[village], size_of_pick)
            channel, trust = rng.choice(mixes)
            rows.append(
                {
                    "ballot_key": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "campaign_id": rules.campaign_id,
                    "area_id": village,
                    "channel": channel.value,
                    "trust_level": trust.value,
                    "created_at": (now - timedelta(seconds=rng.randrange(span))).replace(
                        second=0, microsecond=0
                    ),
                    "choice_mask": choice_mask(picked, rules.theme_bits),
                }
            )
            picks.append(picked)
        ids = db.session.execute(
            insert(ballots).returning(ballots.c.id, sort_by_parameter_order=True), rows
        ).scalars()
        db.session.execute(
            insert(choices),
            [
                {"ballot_id": ballot_id, "theme_id": theme_id}
                for ballot_id, picked in zip(ids, picks, strict=True)
                for theme_id in picked
            ],
        )
        db.session.commit()
        added += batch
    return added

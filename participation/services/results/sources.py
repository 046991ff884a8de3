"""Ballots per channel and source tag (which poster worked), counted by the running rule."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Ballot, Campaign
from participation.services.results import running_counts
from participation.services.results.counting import fingerprint
from participation.services.stands import paper

SourceCounts = Counter[tuple[str, str | None]]  # (channel, source tag or None) -> ballots


def _count(campaign: Campaign, after: int | None, upto: int | None) -> SourceCounts:
    """Ballots per (channel, source tag), left-out ballots not counted, in an id range."""
    in_campaign = Ballot.campaign_id == campaign.id
    if after:  # read by id, as counting.ballot_counts does: a few new ballots cost a few rows
        in_campaign = (Ballot.campaign_id + 0) == campaign.id
    query = (
        select(Ballot.channel, Ballot.source_tag, func.count())
        .where(
            Ballot.municipality_id == campaign.municipality_id,
            in_campaign,
            Ballot.exclusion_id.is_(None),
        )
        .group_by(Ballot.channel, Ballot.source_tag)
    )
    if after:
        query = query.where(Ballot.id > after)
    if upto is not None:
        query = query.where(Ballot.id <= upto)
    return Counter({(channel, tag): n for channel, tag, n in db.session.execute(query)})


def _dump(counts: SourceCounts) -> list[list[Any]]:
    return [[channel, tag, n] for (channel, tag), n in counts.items()]


def _load(rows: list[list[Any]]) -> SourceCounts:
    return Counter({(channel, tag): n for channel, tag, n in rows})


SOURCES = running_counts.Kind("sources", Counter, Counter.update, _dump, _load)


def ballots_by_source(campaign: Campaign) -> list[tuple[str, str | None, int]]:
    """(channel, source tag, ballots) for the campaign, most ballots first: which poster worked.

    The paper forms of the stands whose two counts agree are one row (channel 'paper', no
    tag), so the rows add up to the total. Counted like the results: the settled part once
    (shared by every worker), then only the new ballots.
    """
    newest, *fixed = fingerprint(campaign)
    counts = running_counts.current_counts(
        ("sources", campaign.municipality_id, campaign.id),
        newest if isinstance(newest, int) else 0,  # None: no ballot yet
        tuple(fixed),
        lambda after, upto: _count(campaign, after, upto),
        SOURCES,
        shared_by=campaign.id,
    )
    found = [(channel, tag, n) for (channel, tag), n in counts.items() if n]
    found.sort(key=lambda row: (-row[2], row[0], row[1] or ""))
    on_paper = sum(entry.participants for _, entry in paper.agreed_tallies(campaign.id))
    if on_paper:
        found.append(("paper", None, on_paper))
        found.sort(key=lambda row: -row[2])  # stable: ties keep the order above
    return found

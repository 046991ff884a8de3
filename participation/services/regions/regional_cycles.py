"""The region's next cycle: a regional campaign names its previous one, and the two are
compared over only the municipalities that took part both times (a municipality that joined
the region since, or did not adopt one of them, is named and left out of both totals)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from participation.domain.cycles import Count, ThemeChange, compare, match_themes
from participation.domain.regional_data import RegionalResults
from participation.domain.tally import rank_with_ties
from participation.extensions import db
from participation.models import RegionalCampaign, StaffUser
from participation.services import audit
from participation.services.results import regional


@dataclass(frozen=True)
class CycleComparison:
    """The common themes now against the previous cycle, over the same municipalities."""

    previous: RegionalCampaign
    changes: list[ThemeChange]  # per common theme now (regional theme ids)
    titles: dict[int, str]  # regional theme id now -> title
    both: list[str]  # the municipalities compared
    only_now: list[str]  # took part now, not then (joined the region, or did not adopt)
    only_then: list[str]
    now_ballots: int
    then_ballots: int
    labels: tuple[str, str]  # then, now

    def for_theme(self, theme_id: int) -> ThemeChange | None:
        return next((c for c in self.changes if c.theme_id == theme_id), None)


def previous_of(campaign: RegionalCampaign) -> RegionalCampaign | None:
    if campaign.previous_id is None:
        return None
    statement = select(RegionalCampaign).where(RegionalCampaign.id == campaign.previous_id)
    return db.session.scalar(statement)


def candidates(campaign: RegionalCampaign) -> list[RegionalCampaign]:
    """The region's other campaigns that may be this one's previous cycle (not one that
    already names this one as its own previous)."""
    statement = select(RegionalCampaign).where(
        RegionalCampaign.id != campaign.id,
        (RegionalCampaign.previous_id != campaign.id) | RegionalCampaign.previous_id.is_(None),
    )
    return list(db.session.scalars(statement.order_by(RegionalCampaign.period_starts.desc())))


def name_previous(campaign: RegionalCampaign, slug: str, actor: StaffUser) -> bool:
    """Name the previous cycle by its short name (empty: none); False when it is not one of
    `candidates` (nothing changes)."""
    found = next((c for c in candidates(campaign) if c.slug == slug), None) if slug else None
    if slug and found is None:
        return False
    campaign.previous_id = found.id if found is not None else None
    audit.record(
        actor,
        "regional_campaign.previous",
        f"regional_campaign:{campaign.slug}",
        found.slug if found is not None else "",
    )
    db.session.commit()
    return True


def _summed(results: RegionalResults, slugs: set[str]) -> tuple[int, dict[int, int]]:
    """Ballots and votes per common theme of these municipalities only."""
    ballots, votes = 0, {theme.id: 0 for theme in results.themes}
    for figures in results.municipalities:
        if figures.slug not in slugs:
            continue
        ballots += figures.common.ballots
        for row in figures.common.themes:
            votes[row.theme.id] += row.votes
    return ballots, votes


def _counts(ballots: int, votes: dict[int, int]) -> dict[int, Count]:
    ids = list(votes)
    ranks = rank_with_ties([votes[i] for i in ids])
    return {i: Count(rank, votes[i], ballots) for i, rank in zip(ids, ranks, strict=True)}


def _year(campaign: RegionalCampaign) -> str:
    return str(campaign.period_starts.year)


def compare_cycles(campaign: RegionalCampaign) -> CycleComparison | None:
    """Today's counts of both cycles over the municipalities in both; None without a
    previous cycle."""
    previous = previous_of(campaign)
    if previous is None:
        return None
    now, then = regional.gather(campaign, public=False), regional.gather(previous, public=False)
    names = {m.slug: m.name for m in (*now.municipalities, *then.municipalities)}
    now_slugs = {m.slug for m in now.municipalities}
    then_slugs = {m.slug for m in then.municipalities}
    both = now_slugs & then_slugs
    now_ballots, now_votes = _summed(now, both)
    then_ballots, then_votes = _summed(then, both)
    matches = match_themes(
        [(t.id, t.title, None) for t in now.themes], [(t.id, t.title) for t in then.themes]
    )
    labels = (_year(previous), _year(campaign))
    if labels[0] == labels[1]:
        labels = (previous.title, campaign.title)
    return CycleComparison(
        previous,
        compare(_counts(now_ballots, now_votes), _counts(then_ballots, then_votes), matches),
        {t.id: t.title for t in now.themes},
        sorted(names[s] for s in both),
        sorted(names[s] for s in now_slugs - both),
        sorted(names[s] for s in then_slugs - both),
        now_ballots,
        then_ballots,
        labels,
    )

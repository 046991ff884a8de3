"""A regional campaign's results: each adopting municipality's counts on the common themes.

The region's coordinators and partners see today's counts (services.results.counting, cached
and with agreed paper); everyone else, once the coordinator published the regional results,
what each municipality shows its own public: its latest release (services.results.releases),
once it published its results, never a live count. A release changes only by 5 ballots or
more, so fetching before and after one new ballot shows nothing of it. A municipality that
has not published or released is named and not counted. Each municipality's counts are read
as its own host reads them (tenancy.acting_for), never by a new scan over the ballots: they
are the counts its own results pages keep (cached, counting only the ballots since).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from participation import tenancy
from participation.domain.regional_data import MunicipalityCounts, RegionalResults, VillageCounts
from participation.domain.regional_results import regional_results
from participation.domain.result_data import CampaignResults
from participation.domain.stats import HIDE_BELOW
from participation.domain.tally import GroupTally, ThemeRef
from participation.domain.translations import campaign_required, text_languages
from participation.extensions import db
from participation.models import Campaign, Municipality, Region, RegionalCampaign, StaffUser
from participation.services import audit
from participation.services.regions import setup
from participation.services.results import releases
from participation.services.results.counting import campaign_results
from participation.timeutil import utcnow

OTHER_MUNICIPALITIES = _l("Other municipalities together")
OTHER_VILLAGES = _l("Other villages together")


def adopting(regional: RegionalCampaign) -> list[tuple[Municipality, Campaign]]:
    """The region's municipalities that adopted the campaign, by name, with their campaign."""
    members = {m.id: m for m in setup.member_municipalities(regional.region_id)}
    campaigns = db.session.scalars(
        select(Campaign).where(Campaign.regional_campaign_id == regional.id).order_by(Campaign.id)
    )
    found = [(members[c.municipality_id], c) for c in campaigns if c.municipality_id in members]
    return sorted(found, key=lambda pair: (pair[0].name, pair[1].id))


def regional_themes(regional: RegionalCampaign) -> list[ThemeRef]:
    return [ThemeRef(t.id, t.title, t.position, t.translations) for t in regional.themes]


def gather(regional: RegionalCampaign, public: bool, report: bool = False) -> RegionalResults:
    """The three levels: live for the region's staff; `public`: the releases, small groups
    shown together (domain.regional_results); `report` (the council report): each
    municipality's latest release, else today's count, small groups shown together."""
    themes = regional_themes(regional)
    known = {theme.id for theme in themes}
    groups, not_released = [], []
    for municipality, campaign in adopting(regional):
        with tenancy.acting_for(campaign.municipality_id):
            if report:
                results = _reported(campaign)
            else:
                results = _public(campaign) if public else campaign_results(campaign)
            links = {t.id: t.regional_theme_id for t in campaign.themes}
        if results is None:
            not_released.append(municipality.name)
            continue
        common = {own: linked for own, linked in links.items() if linked in known}
        groups.append(_counts(municipality, results, common))
    return regional_results(
        db.session.scalar(select(Region.name).where(Region.id == regional.region_id)) or "",
        (regional.slug, regional.title),
        themes,
        groups,
        public=public or report,
        labels=(str(OTHER_MUNICIPALITIES), str(OTHER_VILLAGES)),
        published_at=regional.results_published_at,
        not_released=tuple(not_released),
    )


def _public(campaign: Campaign) -> CampaignResults | None:
    """What the municipality shows its own public: its latest release, once it published its
    results (None before either)."""
    return releases.released_results(campaign) if campaign.results_published else None


def _reported(campaign: Campaign) -> CampaignResults | None:
    """The council report's figures, as the municipality's own report: its latest release,
    else today's count; None for a count of 1 to 4 without a release (then it is named and
    not counted, so it is never shown together with a municipality shown elsewhere)."""
    latest = releases.latest(campaign)
    if latest is not None:
        return releases.released_results(campaign, latest)
    counted = campaign_results(campaign)
    return None if 0 < counted.total.ballots < HIDE_BELOW else counted


def _votes(tally: GroupTally) -> dict[int, int]:
    return {row.theme.id: row.votes for row in tally.themes}


def _counts(
    municipality: Municipality, results: CampaignResults, common: dict[int, int]
) -> MunicipalityCounts:
    villages = tuple(
        VillageCounts(
            v.slug, v.name, v.population, v.tally.ballots, _votes(v.tally), tuple(v.members)
        )
        for v in results.villages
    )
    return MunicipalityCounts(
        municipality.slug,
        municipality.name,
        municipality.population,
        results.campaign.slug,
        results.campaign.themes,
        common,
        results.total.ballots,
        _votes(results.total),
        villages,
        results.release,
        results.released_at,
    )


def languages(regional: RegionalCampaign, offered: Iterable[str]) -> tuple[str, ...]:
    """The languages the public page can be read in: those the regional campaign's title and
    themes, and every adopting municipality's local themes, are written in."""
    required: list[Any] = campaign_required(regional)
    for _, campaign in adopting(regional):
        with tenancy.acting_for(campaign.municipality_id):
            required += [(t, "title") for t in campaign.themes if t.regional_theme_id is None]
    return text_languages(required, offered)


def publish(regional: RegionalCampaign, actor: StaffUser | None, published: bool) -> None:
    """Show the regional results to everyone (each municipality's latest release), or stop."""
    regional.results_published_at = utcnow() if published else None
    action = "regional.results.publish" if published else "regional.results.unpublish"
    audit.record(actor, action, f"regional_campaign:{regional.slug}")
    db.session.commit()

"""The next cycle: a new campaign started from this one, and the change since the previous one."""

from __future__ import annotations

from sqlalchemy import select

from participation.domain.cycles import Count, compare, match_themes
from participation.domain.result_data import CampaignResults, Comparison
from participation.domain.tally import GroupTally
from participation.extensions import db
from participation.models import Campaign, StaffUser, Survey, Theme
from participation.services import audit
from participation.services.campaigns import campaign_edits
from participation.services.results.counting import campaign_ref, campaign_results
from participation.services.surveys import surveys
from participation.timeutil import local_today


class SlugTaken(Exception):
    """Another campaign has (or had) this short name."""


def start_next(campaign: Campaign, slug: str, title: str, actor: StaffUser) -> Campaign:
    """A draft copy for the next cycle: themes, villages, surveys and settings, no ballots."""
    if campaign_edits.slug_taken(slug):
        raise SlugTaken
    copy = Campaign(
        slug=slug,
        title=title.strip() or campaign.title,
        intro=campaign.intro,
        status="draft",
        min_picks=campaign.min_picks,
        max_picks=campaign.max_picks,
        show_live_at_stand=campaign.show_live_at_stand,
        ballots_per_device=campaign.ballots_per_device,
        associations_see_live=campaign.associations_see_live,
        keep_informed=campaign.keep_informed,
        ballot_order=campaign.ballot_order,
        translations=dict(campaign.translations or {}),
        previous_id=campaign.id,
        areas=list(campaign.areas),
        themes=theme_copies(campaign),
    )
    db.session.add(copy)
    db.session.flush()
    audit.record(actor, "campaign.next_cycle", f"campaign:{slug}", f"from {campaign.slug}")
    db.session.commit()
    for survey in db.session.scalars(select(Survey).where(Survey.campaign_id == campaign.id)):
        surveys.duplicate(survey, _free_survey_slug(f"{slug}-{survey.slug}"), actor, copy.id)
    return copy


def theme_copies(campaign: Campaign, linked: bool = True) -> list[Theme]:
    """The campaign's themes as new rows for another campaign, each on the same place and bit;
    `linked` remembers each original, so the two cycles can be compared theme by theme."""
    return [
        Theme(
            title=theme.title,
            explanation=theme.explanation,
            safety_field=theme.safety_field,
            position=theme.position,
            bit=theme.bit,
            translations=dict(theme.translations or {}),
            copied_from_id=theme.id if linked else None,
        )
        for theme in campaign.themes
    ]


def _free_survey_slug(wanted: str) -> str:
    base = wanted[:56].rstrip("-")
    slug, number = base, 2
    while surveys.by_slug(slug) is not None:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _counts(tally: GroupTally) -> dict[int, Count]:
    return {row.theme.id: Count(row.rank, row.votes, tally.ballots) for row in tally.themes}


def compare_with(
    campaign: Campaign,
    results: CampaignResults,
    previous: Campaign,
    then_results: CampaignResults | None = None,
) -> Comparison:
    """The total of `results` (the figures of `campaign`) beside the previous campaign's total
    (today's, or the one given: for the public, its latest release)."""
    then = (then_results or campaign_results(previous)).total
    themes = campaign.themes
    matches = match_themes(
        [(t.id, t.title, t.copied_from_id) for t in themes],
        [(t.id, t.title) for t in previous.themes],
    )
    return Comparison(
        campaign_ref(previous),
        then.ballots,
        compare(_counts(results.total), _counts(then), matches),
        {t.id: t.title for t in themes},
        *cycle_labels(previous, campaign),
    )


def _year(campaign: Campaign) -> int | None:
    when = campaign.opens_at or campaign.closes_at or campaign.results_published_at
    return when.year if when else None


def cycle_labels(previous: Campaign, current: Campaign) -> tuple[str, str]:
    """'2022' and '2026': the year each campaign opened (or closed, or was published; the
    current one without dates runs now); their titles when that does not tell them apart."""
    then, now = _year(previous), _year(current) or local_today().year
    if then is not None and then != now:
        return str(then), str(now)
    return previous.title, current.title


def previous_of(campaign: Campaign) -> Campaign | None:
    return db.session.get(Campaign, campaign.previous_id) if campaign.previous_id else None


def comparison_for(campaign: Campaign, results: CampaignResults) -> Comparison | None:
    """The change since the campaign's previous cycle, when it has one."""
    previous = previous_of(campaign)
    return compare_with(campaign, results, previous) if previous is not None else None

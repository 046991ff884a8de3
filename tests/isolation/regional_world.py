"""The isolation walk's two municipalities in one region, both running its regional campaign,
each with drafts (a session's decisions, an outcome, figures) marked as the walk's texts."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from participation import tenancy
from participation.domain.programme import GoalKind
from participation.extensions import db
from participation.models import Area, Campaign, RegionalCampaign, RegionScope, StaffUser
from participation.services.campaigns import campaign_edits, indicators, themes
from participation.services.outcome import outcome
from participation.services.regions import adoption, campaigns, plan, regional_outcome, setup
from participation.services.regions import indicators as regional_figures
from participation.services.regions import regional_session as sessions
from participation.services.results import regional, releases
from participation.services.sessions import prioritisation
from participation.timeutil import utcnow
from tests.factories import make_ballots, make_region, set_password_as_configured
from tests.isolation.world import PASSWORD, Side

REGION_HOST = "zuidwest-drenthe.localhost"
REGION_SLUG = "zuidwest-drenthe"
REGIONAL = "ivp-regio"
COORDINATOR = "coordinator@example.org"
# The region's own drafts (the coordinator's, unpublished): no municipality's staff read them.
REGION_MARKER = "REGIO-draft-"
# The figures typed as drafts: B's own (its campaign's indicator, one village core's) and the
# region's for B; each found in any way a page may write it.
B_FIGURES = (86427.53, 64208.17, 91357.31)
A_FIGURES = (13579.11, 35791.13, 24680.13)
REGION_FIGURE = 55525.19


def figure_texts(value: float) -> tuple[str, ...]:
    """A figure as pages may write it, to 2 or 1 decimals, plain or grouped, the Dutch or the
    English way: 86427.53 86.427,53 86,427.53 86427,5 ... (Not rounded to a whole number: as
    mere digits it could turn up anywhere, in a picture's base64 or a chart's coordinates.)"""
    found = []
    for places in (2, 1):
        whole, _, part = f"{value:.{places}f}".partition(".")
        grouped = f"{int(whole):,}"
        for mark, group in ((".", ","), (",", ".")):
            found += [f"{whole}{mark}{part}", f"{grouped.replace(',', group)}{mark}{part}"]
    return tuple(dict.fromkeys(found))


@dataclass
class RegionalWorld:
    """The region over A and B; `a` and `b` are the walk's sides naming their adopted
    campaign (its villages, local theme, drafts) where the walk names a campaign's rows."""

    region_id: int
    a: Side
    b: Side
    # The region's rows a region route names (as tests/region/test_partner_readonly wants).
    values: dict[str, object] = field(default_factory=dict)
    # B's regional rows: its local decision in the regional session.
    b_values: dict[str, object] = field(default_factory=dict)
    small_village: str = ""  # B's village of 3 voters

    @property
    def members(self) -> frozenset[int]:
        return frozenset({self.a.id, self.b.id})

    def secrets_of_b(self) -> list[str]:
        """B's drafts and the region's: never on a page of the region's host (nor A's)."""
        texts = [self.b.text("draft-"), REGION_MARKER]
        for value in (*B_FIGURES, REGION_FIGURE):
            texts += figure_texts(value)
        return texts

    @contextmanager
    def as_coordinator(self) -> Iterator[None]:
        with tenancy.acting_for(None), tenancy.in_region(self.region_id, self.members):
            yield

    @contextmanager
    def as_side(self, side: Side) -> Iterator[None]:
        with tenancy.acting_for(side.id), tenancy.in_region(self.region_id):
            yield

    def campaign(self, side: Side) -> Campaign:
        found = db.session.scalar(select(Campaign).where(Campaign.slug == side.slugs["campaign"]))
        assert found is not None
        return found

    def vote(self, side: Side, village: str, count: int) -> None:
        """More ballots in the side's adopted campaign (three common themes each)."""
        db.session.rollback()
        with self.as_side(side):
            campaign = self.campaign(side)
            picks = [t.id for t in campaign.themes if t.regional_theme_id is not None][2:5]
            assert make_ballots(campaign, count, village=village, themes=picks) == count

    def release(self, side: Side) -> None:
        """The side publishes its adopted campaign's results and releases today's figures."""
        with self.as_side(side):
            campaign = self.campaign(side)
            campaign.results_published_at = utcnow()
            db.session.commit()
            releases.release(campaign, login(side.email("admin")))

    def publish_regional(self) -> None:
        """The coordinator publishes the regional results (each municipality's release)."""
        with self.as_coordinator():
            found = campaigns.by_slug(REGIONAL)
            assert found is not None
            regional.publish(found, login(COORDINATOR), True)
        db.session.expunge_all()


def login(email: str) -> StaffUser:
    found = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
    assert found is not None, email
    return found


def build(a: Side, b: Side) -> RegionalWorld:
    """A and B (built by tests.isolation.world) join one region; its coordinator opens the
    regional campaign; both adopt it (B with a local theme and a village of 3 voters), vote,
    and write drafts; the coordinator writes the region's drafts. Nothing is published."""
    region_id = make_region(host=REGION_HOST, members=(a.id, b.id))
    coordinator = StaffUser(email=COORDINATOR)
    set_password_as_configured(coordinator, PASSWORD)
    db.session.add(coordinator)
    db.session.commit()
    setup.grant(coordinator, REGION_SLUG, RegionScope.COORDINATOR, None)
    world = RegionalWorld(region_id, regional_side(a), regional_side(b))
    with world.as_coordinator():
        data = campaigns.RegionalCampaignData(
            REGIONAL,
            "Veilig in de regio",
            "Kies drie thema's.",
            3,
            3,
            utcnow() - timedelta(days=2),
            utcnow() + timedelta(days=30),
        )
        made = campaigns.create(data, login(COORDINATOR))
        campaigns.open_for_adoption(made, login(COORDINATOR))
    for side in (world.a, world.b):
        with world.as_side(side):
            _adopt(world, side)
    with world.as_coordinator():
        _region_drafts(world)
    db.session.expunge_all()
    return world


def regional_side(side: Side) -> Side:
    """The side, its campaign and village now those of the adopted regional campaign."""
    found = copy.deepcopy(side)
    slug = f"{side.low}-regio"
    found.slugs.update(campaign=slug, published=slug, alias=slug)
    return found


def _adopt(world: RegionalWorld, side: Side) -> None:
    t, admin = side.text, login(side.email("admin"))
    regional_campaign = db.session.scalar(select(RegionalCampaign))
    assert regional_campaign is not None
    villages = list(campaign_edits.villages())
    if side is world.b:  # a village where only three vote: never shown on its own
        top = db.session.scalar(select(Area).where(Area.kind == "municipality"))
        small = Area(
            slug=f"{side.low}-dorp-klein",
            name=t("village-small"),
            kind="village",
            parent=top,
            population=640,
        )
        db.session.add(small)
        db.session.commit()
        villages.append(small)
        world.small_village = small.slug
    adopted = adoption.adopt(
        regional_campaign,
        adoption.AdoptionData(
            side.slugs["campaign"],
            utcnow() - timedelta(hours=1),
            utcnow() + timedelta(days=7),
            [v.id for v in villages],
        ),
        admin,
    )
    local = None
    if side is world.b:  # its own theme besides the common ones, added before it opens
        local = themes.add_theme(
            adopted, themes.ThemeData(t("local-theme"), t("local-explanation"), 2, 0), admin
        )
    adopted.status = "open"
    db.session.commit()
    common = [theme.id for theme in adopted.themes if theme.regional_theme_id is not None]
    for number, village in enumerate(villages):
        picks = common[number : number + 3]
        if local is not None and number == 0:
            picks = [*common[:2], local.id]
        count = 3 if village.slug == world.small_village else 6 + number
        assert make_ballots(adopted, count, village=village.slug, themes=picks) == count
    _drafts(world, side, adopted, local, villages[0])


def _drafts(world: RegionalWorld, side: Side, adopted: Campaign, local: object, core: Area) -> None:
    """The side's drafts on its adopted campaign: a session and its decision, an outcome
    text, an indicator for the municipality and for a village core."""
    t, admin = side.text, login(side.email("admin"))
    figures = B_FIGURES if side is world.b else A_FIGURES
    theme = adopted.themes[0]
    session = prioritisation.create(adopted, t("draft-session"), 3, 4, admin)
    decision = prioritisation.record_decision(session, theme, True, t("draft-rationale"), 1, admin)
    settings = outcome.OutcomeSettings(
        session.id, date(2027, 6, 24), t("draft-outcome-summary"), True, 2027, 2030
    )
    outcome.save(adopted, settings, admin)
    indicator = indicators.add(
        adopted,
        indicators.IndicatorInput(
            theme.id, t("draft-indicator"), t("draft-source"), [(2023, figures[0])]
        ),
        admin,
    )
    indicators.add(
        adopted,
        indicators.IndicatorInput(
            theme.id, t("draft-indicator"), t("draft-source"), [(2023, figures[1])], None, core.id
        ),
        admin,
    )
    side.slugs["village"] = world.small_village or core.slug
    side.values.update(
        theme_id=getattr(local, "id", theme.id),
        session_id=session.id,
        item_id=session.shortlist[0].id,
        decision_id=decision.id,
        indicator_id=indicator.id,
        area_id=core.id,
    )


def _region_drafts(world: RegionalWorld) -> None:
    """The coordinator's session (a common decision, and a local one for each municipality),
    outcome text, programme and figures (the region's, and each municipality's): unpublished."""
    coordinator = login(COORDINATOR)
    regional_campaign = campaigns.by_slug(REGIONAL)
    assert regional_campaign is not None
    common = regional_campaign.themes[0]
    session = sessions.create(
        regional_campaign, f"{REGION_MARKER}session", None, "", f"{REGION_MARKER}notes", coordinator
    )
    decision = sessions.record_decision(
        session,
        sessions.DecisionInput(
            "common", None, f"common-{common.id}", True, f"{REGION_MARKER}common-rationale", 5
        ),
        coordinator,
    )
    # B's own priority, decided in the region's session: B's part of the regional plan.
    local = sessions.record_decision(
        session,
        sessions.DecisionInput(
            "local",
            world.b.id,
            f"local-{world.b.values['theme_id']}",
            True,
            world.b.text("draft-regional-rationale"),
            2,
        ),
        coordinator,
    )
    world.b_values["decision_id"] = local.id
    regional_outcome.save(
        regional_campaign,
        regional_outcome.OutcomeSettings(
            session.id, None, f"{REGION_MARKER}outcome-summary", 2027, 2030
        ),
        coordinator,
    )
    goal = plan.add_goal(
        regional_campaign,
        plan.CommonGoalInput(common.id, f"{REGION_MARKER}goal", GoalKind.WRITTEN),
        coordinator,
    )
    action = plan.add_action(
        regional_campaign, common.id, f"{REGION_MARKER}action", "Politie", None, coordinator
    )
    figures = (
        (None, REGION_FIGURE),
        (world.a.id, A_FIGURES[2]),
        (world.b.id, B_FIGURES[2]),
    )
    indicator = None
    for municipality_id, value in figures:
        indicator = regional_figures.add(
            regional_campaign,
            regional_figures.RegionalInput(
                common.id, "Meldingen ondermijning", "Politie", [(2023, value)], None,
                municipality_id,
            ),
            coordinator,
        )  # fmt: skip
    assert indicator is not None
    world.values = {
        "slug": regional_campaign.slug,
        "theme_id": common.id,
        "indicator_id": indicator.id,
        "session_id": session.id,
        "decision_id": decision.id,
        "goal_id": goal.id,
        "action_id": action.id,
        "row_id": goal.id,
        "token": "q" * 43,  # an invitation's link: one that names nobody
    }

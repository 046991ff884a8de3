"""One municipality's full set of data for the isolation walk, every free text a marker."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from PIL import Image
from sqlalchemy import select

from participation import tenancy
from participation.domain.programme import ActionStatus, GoalKind, Progress
from participation.domain.survey_templates import SAFETY_QUESTIONNAIRE
from participation.domain.translations import with_text
from participation.domain.vocabulary import Channel, TrustLevel
from participation.extensions import db
from participation.models import (
    Answer,
    Area,
    AreaSlugAlias,
    Campaign,
    CampaignSlugAlias,
    CampaignStatus,
    FollowUp,
    Municipality,
    StaffUser,
    Stand,
    Theme,
)
from participation.services import audit, municipality
from participation.services.accounts import create_user, invite_token
from participation.services.ballots import codes, voting
from participation.services.campaigns import associations, indicators
from participation.services.outcome import outcome, programme
from participation.services.results import exclusions, releases
from participation.services.sessions import prioritisation
from participation.services.stands import kiosk_devices, paper, remarks, stand_planning
from participation.services.surveys import survey_releases, surveys
from participation.timeutil import utcnow

PASSWORD = "een-lang-wachtwoord"
ROLES = ("admin", "staff", "viewer")
# What `build` fills in, by name: the walk fills URLs with them.
SLUG_NAMES = ("campaign", "published", "alias", "survey", "municipality", "village")
VALUE_NAMES = (
    "stand_id", "theme_id", "question_id", "answer_id", "association_id", "indicator_id",
    "session_id", "participant_id", "item_id", "decision_id", "batch_id", "goal_id",
    "action_id", "user_id", "area_id", "exclusion_id", "code", "device_id",
)  # fmt: skip
TOKEN_PREFIXES = (
    "/v/op-de-hoogte/bevestig/", "/v/op-de-hoogte/afmelden/", "/stand/", "/dorpsbelang/",
    "/sessie/", "/staff/welcome/", "/staff/welkom/", "/regio/staff/welcome/",
)  # fmt: skip


@dataclass
class Side:
    """A municipality of the walk: its id, host, and the marker in all it typed."""

    id: int
    host: str
    marker: str  # "ZZB": every free text of B holds "ZZB-<field>"
    colour: str
    values: dict[str, object] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    slugs: dict[str, str] = field(default_factory=dict)

    @property
    def low(self) -> str:
        """The marker as it stands in slugs, e-mail addresses and host names."""
        return self.marker.lower()

    def text(self, name: str) -> str:
        return f"{self.marker}-{name}"

    def email(self, role: str) -> str:
        return f"{self.low}-{role}@example.org"


def shape() -> Side:
    """A side with every name `build` fills, and values that name nothing."""
    side = Side(0, "nergens.example", "QQQ", "#000000")
    side.slugs = {name: f"bestaat-niet-{name}" for name in SLUG_NAMES}
    side.values = {name: ("QQQQQQ" if name == "code" else 987_654) for name in VALUE_NAMES}
    side.tokens = {prefix: "q" * 43 for prefix in TOKEN_PREFIXES}
    return side


def logo_png(colour: str) -> bytes:
    """A small PNG logo in the municipality's colour (each one's bytes differ)."""
    out = io.BytesIO()
    Image.new("RGB", (120, 40), colour).save(out, format="PNG")
    return out.getvalue()


def build(side: Side) -> None:
    """Everything a route can point to, made for `side` (under its municipality)."""
    with tenancy.acting_for(side.id):
        _build(side)
        db.session.commit()
    db.session.expunge_all()
    made = (tuple(side.slugs), tuple(side.values), tuple(side.tokens))
    assert [sorted(names) for names in made] == [
        sorted(names) for names in (SLUG_NAMES, VALUE_NAMES, TOKEN_PREFIXES)
    ]


def _build(side: Side) -> None:
    t = side.text
    users = {role: create_user(side.email(role), PASSWORD, role) for role in ROLES}
    for role, user in users.items():
        user.display_name = t(f"display-{role}")
    admin, colleague = users["admin"], users["staff"]
    invited = create_user(side.email("invited"), PASSWORD, "staff")
    invited.invite_pending = True
    db.session.commit()
    municipality.save(
        municipality.LookInput(
            t("name"), side.colour, t("contact-line"), t("privacy"), logo_png(side.colour)
        ),
        admin,
    )
    row = db.session.get(Municipality, side.id)
    assert row is not None
    row.mail_sender = f"{side.low}-sender@example.org"
    row.population = 31_000
    top = Area(slug=f"{side.low}-gemeente", name=t("area-municipality"), kind="municipality")
    villages = [
        Area(
            slug=f"{side.low}-dorp-{n}",
            name=t(f"village-{n}"),
            kind="village",
            parent=top,
            population=4_000 + n,
            postcodes=f"{9100 + n + (100 if side.marker == 'ZZB' else 0)}",
        )
        for n in range(1, 4)
    ]
    db.session.add_all([top, *villages])
    db.session.flush()
    db.session.add(AreaSlugAlias(area_id=villages[0].id, slug=f"{side.low}-oud-dorp"))
    closed = _campaign(side, "closed", villages, CampaignStatus.OPEN)
    opened = _campaign(side, "open", villages, CampaignStatus.OPEN)
    opened.previous_id = closed.id
    opened.keep_informed = True
    db.session.add(CampaignSlugAlias(campaign_id=closed.id, slug=f"{side.low}-oude-naam"))
    db.session.commit()
    side.slugs.update(campaign=opened.slug, published=closed.slug, alias=f"{side.low}-oude-naam")
    # Ballots: enough in every village that public figures show; a QR source tag too.
    for campaign in (closed, opened):
        _ballots(campaign, villages, f"{side.low}-bron")
    closed.closes_at = utcnow() - timedelta(hours=1)
    closed.results_published_at = utcnow()
    db.session.commit()
    # A stand with a paired tablet, kiosk ballots, a remark, two paper counts, an exclusion.
    stand = Stand(
        campaign=opened,
        area=villages[0],
        place=t("stand-place"),
        starts_at=utcnow() - timedelta(hours=1),
        ends_at=utcnow() + timedelta(hours=3),
    )
    db.session.add(stand)
    db.session.commit()
    pairing, nonce = kiosk_devices.start_pairing(stand)
    device = kiosk_devices.confirm_code(stand, pairing.code, t("tablet"), admin)
    claimed = kiosk_devices.claim(stand, nonce)
    assert claimed is not None
    rules = voting.load_rules(opened.slug)
    assert rules is not None
    for _ in range(3):
        submission = voting.Submission(
            uuid.uuid4(),
            villages[0].slug,
            [th.id for th in opened.themes[:3]],
            stand_id=stand.id,
            channel=Channel.STAND,
            trust_level=TrustLevel.STAND,
            kiosk_device_id=device.id,
        )
        assert voting.cast_ballot(rules, submission) is voting.CastOutcome.STORED
    remarks.save(stand, uuid.uuid4(), t("remark"), [opened.themes[0].id])
    votes = {opened.themes[0].id: 4, opened.themes[1].id: 3}
    paper.save_entry(stand, admin, 4, votes)
    paper.save_entry(stand, colleague, 4, votes)
    exclusion = exclusions.exclude_stand(stand, device, None, None, t("exclusion-reason"), admin)
    closed_stand = Stand(
        campaign=closed,
        area=villages[1],
        place=t("closed-stand-place"),
        starts_at=utcnow() - timedelta(hours=5),
        ends_at=utcnow() - timedelta(hours=2),
    )
    db.session.add(closed_stand)
    db.session.commit()
    stand_planning.close_stand(closed_stand, admin)
    batch = codes.generate_batch(opened, 3, f"{side.low}-codes", admin)
    # A survey with answers (one open answer released to the public), released itself.
    survey = surveys.create_from_template(
        SAFETY_QUESTIONNAIRE, f"{side.low}-vragenlijst", campaign=opened, status="open"
    )
    survey.title, survey.intro = t("survey-title"), t("survey-intro")
    db.session.commit()
    for number, question in enumerate(survey.questions):
        question.text = t(f"question-{number}")
        for option in question.options:
            option.label = t(f"option-{number}-{option.value}")
    db.session.commit()
    open_text = next(q for q in survey.questions if q.kind == "text")
    first, second, third = survey.questions[:3]
    for n in range(6):
        answers = {
            first.id: ["ja"],
            second.id: ["drugs"],
            third.id: ["nee"],
            open_text.id: [t(f"answer-{n}")],
        }
        assert surveys.submit(survey, uuid.uuid4(), answers)
    answer = db.session.scalar(select(Answer).where(Answer.text == t("answer-0")))
    assert answer is not None
    surveys.set_released(answer, True, admin)
    survey_releases.release(survey, admin)
    # Associations with a view; indicators; a session with decisions; outcome and programme.
    association = associations.register(
        opened, villages[1], t("association"), t("contact-role"), admin
    )
    associations.submit_view(
        association,
        [(opened.themes[0].id, t("view-reason")), (opened.themes[1].id, t("view-reason-2"))],
        t("view-remarks"),
    )
    theme = opened.themes[0]
    indicator = indicators.add(
        opened,
        indicators.IndicatorInput(theme.id, t("indicator"), t("indicator-source"), [(2022, 3)]),
        admin,
    )
    session = prioritisation.create(opened, t("session"), 3, 4, admin)
    prioritisation.add_to_shortlist(session, opened.themes[-1], t("shortlist-reason"), admin)
    participant = prioritisation.join(session, "police")
    decision = prioritisation.record_decision(session, theme, True, t("rationale"), 1, admin)
    goal = programme.add_goal(
        opened, programme.GoalInput(theme.id, t("goal"), GoalKind.WRITTEN), admin
    )
    programme.set_goal_status(goal, date.today(), Progress.ON_TRACK, t("goal-note"), admin)
    action = programme.add_action(opened, theme.id, t("action"), t("partner"), None, admin)
    programme.update_action(action, date.today(), ActionStatus.UNDERWAY, t("action-note"), admin)
    _published_outcome(side, closed, admin)
    wish = FollowUp(
        campaign_id=opened.id,
        email=f"{side.low}-resident@example.org",
        language="nl",
        asked_on=date.today(),
    )
    db.session.add(wish)
    opened.translations = with_text(opened.translations, "en", {"title": t("title-en")})
    audit.record(admin, "walk.note", t("audit-target"), t("audit-details"))
    db.session.commit()
    releases.release(closed, admin)
    side.slugs.update(survey=survey.slug, municipality=row.slug, village=villages[0].slug)
    side.values.update(
        stand_id=stand.id,
        theme_id=theme.id,
        question_id=first.id,
        answer_id=answer.id,
        association_id=association.id,
        indicator_id=indicator.id,
        session_id=session.id,
        participant_id=participant.id,
        item_id=session.shortlist[0].id,
        decision_id=decision.id,
        batch_id=batch.id,
        goal_id=goal.id,
        action_id=action.id,
        user_id=colleague.id,
        area_id=villages[0].id,
        exclusion_id=exclusion.id,
        code=session.join_code,
        device_id=device.id,
    )
    side.tokens.update(
        {
            "/v/op-de-hoogte/bevestig/": wish.confirm_token,
            "/v/op-de-hoogte/afmelden/": wish.unsubscribe_token,
            "/stand/": stand.token,
            "/dorpsbelang/": association.token,
            "/sessie/": participant.token,
            "/staff/welcome/": invite_token(invited),
            "/staff/welkom/": invite_token(invited),
            # A region-only login's link: this side's invited login has no region scope.
            "/regio/staff/welcome/": invite_token(invited),
        }
    )


def _campaign(side: Side, kind: str, villages: list[Area], status: CampaignStatus) -> Campaign:
    t = side.text
    campaign = Campaign(
        slug=f"{side.low}-{kind}",
        title=t(f"{kind}-title"),
        intro=t(f"{kind}-intro"),
        status=status.value,
        min_picks=3,
        max_picks=3,
        areas=list(villages),
        themes=[
            Theme(
                title=t(f"{kind}-theme-{n}"),
                explanation=t(f"{kind}-explanation-{n}"),
                safety_field=1 + n % 5,
                position=n,
                bit=n - 1,
            )
            for n in range(1, 9)
        ],
    )
    db.session.add(campaign)
    db.session.flush()
    return campaign


def _ballots(campaign: Campaign, villages: list[Area], tag: str) -> None:
    rules = voting.load_rules(campaign.slug)
    assert rules is not None
    themes = [theme.id for theme in campaign.themes]
    for number, village in enumerate(villages):
        for n in range(6):
            picks = themes[(n + number) % 5 : (n + number) % 5 + 3]
            submission = voting.Submission(
                uuid.uuid4(),
                village.slug,
                picks,
                source_tag=tag if n == 0 else None,
                channel=Channel.QR if n == 0 else Channel.WEB,
            )
            assert voting.cast_ballot(rules, submission) is voting.CastOutcome.STORED


def _published_outcome(side: Side, closed: Campaign, admin: StaffUser) -> None:
    """A session on the closed campaign, a decision on each top theme, the outcome public."""
    from participation.services.results.counting import campaign_results

    session = prioritisation.create(closed, side.text("closed-session"), 3, 6, admin)
    by_id = {theme.id: theme for theme in closed.themes}
    ranked = [by_id[row.theme.id] for row in campaign_results(closed).total.themes]
    for number, theme in enumerate(ranked[:6]):
        chosen = number < 2
        why = side.text(f"closed-reason-{number}")
        prioritisation.record_decision(session, theme, chosen, why, 1 if chosen else None, admin)
    settings = outcome.OutcomeSettings(
        session_id=session.id,
        decided_on=date(2027, 6, 24),
        summary=side.text("outcome-summary"),
        shows_views=True,
        plan_first_year=2027,
        plan_last_year=2030,
    )
    outcome.save(closed, settings, admin)
    problems = outcome.publish(closed, admin)
    assert problems == [], problems


def users_of(side: Side) -> dict[str, int]:
    """The side's logins by role (read back: ids are install-wide)."""
    found = db.session.scalars(select(StaffUser).where(StaffUser.email.like(f"{side.low}-%"))).all()
    return {user.email.split("@")[0].removeprefix(f"{side.low}-"): user.id for user in found}

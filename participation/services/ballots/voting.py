"""Casting a resident's ballot: domain validation, then one transaction."""

from __future__ import annotations

import enum
import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import (
    CompoundSelect,
    Connection,
    DateTime,
    Integer,
    String,
    bindparam,
    cast,
    literal,
    null,
    select,
    union_all,
)

from participation import caches, tenancy
from participation.domain.ballots import (
    BallotProblem,
    PickRule,
    check_choices,
    check_village,
    choice_mask,
)
from participation.domain.campaigns import campaign_phase
from participation.domain.codes import read_code
from participation.domain.refusals import Refused
from participation.domain.result_data import ELSEWHERE as ELSEWHERE  # the forms' "elders"
from participation.domain.vocabulary import Channel, TrustLevel
from participation.extensions import db
from participation.models import (
    Area,
    AreaSlugAlias,
    Ballot,
    BallotChoice,
    Campaign,
    Theme,
    campaign_areas,
)
from participation.services.ballots import admission, prepared, rows
from participation.timeutil import arrival_minute, utcnow

log = logging.getLogger(__name__)

# ELSEWHERE: the village choice "outside the municipality, or I'd rather not say", stored as
# NULL and counted as the results' group of that name (domain.result_data).


@dataclass(frozen=True)
class BallotContext:
    """What the ballot form shows: the campaign, its themes and villages (ORM objects)."""

    campaign: Campaign
    themes: list[Theme]
    villages: list[Area]

    @property
    def village_slugs(self) -> set[str]:
        return {area.slug for area in self.villages} | {ELSEWHERE}


@dataclass(frozen=True)
class BallotRules:
    """What a submission is checked against; plain values, loaded with three small queries."""

    campaign_id: int
    slug: str
    status: str
    opens_at: datetime | None
    closes_at: datetime | None
    rule: PickRule
    theme_ids: frozenset[int]
    village_ids: dict[str, int]
    ballots_per_device: int = 1
    theme_bits: dict[int, int] = field(default_factory=dict)
    # Earlier short names of the campaign's villages → their current one (printed QR codes).
    village_aliases: dict[str, str] = field(default_factory=dict)
    # The regional campaign this one adopts: the phone is counted across the region too.
    regional_campaign_id: int | None = None

    @property
    def village_slugs(self) -> set[str]:
        return set(self.village_ids) | {ELSEWHERE}

    def current_village(self, village: str | None) -> str | None:
        """The village's current short name when `village` is an earlier one."""
        return self.village_aliases.get(village, village) if village else village

    def phase(self) -> str:
        return campaign_phase(self.status, self.opens_at, self.closes_at, utcnow())


@dataclass(frozen=True)
class Submission:
    """A parsed ballot as the resident sent it."""

    ballot_key: uuid.UUID
    village: str | None
    theme_ids: list[int]
    source_tag: str | None = None
    stand_id: int | None = None
    # A theme value that was not even a number; reported as an unknown theme.
    garbled_theme: bool = False
    channel: Channel = Channel.WEB
    trust_level: TrustLevel = TrustLevel.DEVICE
    # Keyed hash of the phone's device cookie; None where staff are present (stand, paper).
    device_hash: str | None = None
    # A single-use voting code as the resident typed it, if any.
    voting_code: str | None = None
    # The paired stand tablet that sent it, and when it was cast there (to the minute; None:
    # when it arrives). See services.ballots.kiosk.
    kiosk_device_id: int | None = None
    created_at: datetime | None = None
    # The phone's key in the regional campaign an adopted campaign belongs to (issue 30).
    regional_device_hash: str | None = None


class CastOutcome(enum.Enum):
    """What happened to a valid submission."""

    STORED = "stored"
    ALREADY_STORED = "already_stored"


class BallotRejected(Refused):
    """The submission breaks a ballot rule (problems: BallotProblem); nothing was stored."""


class CampaignNotOpen(Exception):
    """The campaign is a draft or closed; nothing was stored."""


class BallotKeyReused(Exception):
    """The ballot_key was stored before with other choices: a replay, not a resend.

    The stored ballot stands unchanged; a genuine resend (same choices) is ALREADY_STORED.
    """


# Refusals of a phone over its allowance or a bad voting code; nothing was stored.
DeviceLimitReached = admission.DeviceLimitReached
CodeRefused = admission.CodeRefused


def load_context(slug: str) -> BallotContext | None:
    """The campaign with its themes and villages, or None for an unknown slug."""
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
    if campaign is None:
        return None
    return BallotContext(campaign, list(campaign.themes), list(campaign.areas))


def _rules_query() -> CompoundSelect[*tuple[Any, ...]]:
    """One round trip for the campaign row, its theme ids and its villages (UNION ALL).

    Each row has a kind: 'c' carries the campaign's columns, 't' a theme id in `ref` with
    its choice-mask bit, 'a' an area id in `ref` with its slug, 'l' an area id with one of its
    earlier slugs. Built once: constructing statements per request costs more than running
    them on SQLite.
    """
    slug = bindparam("slug", type_=String)
    # A Core statement: wall one (the ORM rule) does not see it, so it names the municipality
    # itself (two municipalities may both have a campaign "ivp-2027").
    ours = Campaign.municipality_id == bindparam("municipality", type_=Integer)
    no_text, no_int, no_time = (cast(null(), t) for t in (String, Integer, DateTime))
    campaign = select(
        literal("c").label("kind"),
        Campaign.id.label("ref"),
        no_text.label("area_slug"),
        Campaign.status,
        Campaign.opens_at,
        Campaign.closes_at,
        Campaign.min_picks,
        Campaign.max_picks,
        Campaign.ballots_per_device,
        Campaign.regional_campaign_id,
        no_int.label("bit"),
    ).where(Campaign.slug == slug, ours)
    nothing = (no_text, no_time, no_time, no_int, no_int, no_int, no_int)
    themes = (
        select(literal("t"), Theme.id, no_text, *nothing, Theme.bit)
        .join(Campaign, Campaign.id == Theme.campaign_id)
        .where(Campaign.slug == slug, ours)
    )
    villages = (
        select(literal("a"), Area.id, Area.slug, *nothing, no_int)
        .join(campaign_areas, campaign_areas.c.area_id == Area.id)
        .join(Campaign, Campaign.id == campaign_areas.c.campaign_id)
        .where(Campaign.slug == slug, ours)
    )
    aliases = (
        select(literal("l"), AreaSlugAlias.area_id, AreaSlugAlias.slug, *nothing, no_int)
        .join(campaign_areas, campaign_areas.c.area_id == AreaSlugAlias.area_id)
        .join(Campaign, Campaign.id == campaign_areas.c.campaign_id)
        .where(Campaign.slug == slug, ours)
    )
    return union_all(campaign, themes, villages, aliases)


_RULES_QUERY = _rules_query()


def load_rules(slug: str) -> BallotRules | None:
    """The rules a submission must meet, or None for an unknown slug.

    Kept for BALLOT_RULES_TTL seconds per worker (the ballot's hottest query): a staff change
    in this worker forgets them at once (forget_rules), other workers see it within the TTL.
    """
    ttl = current_app.config["BALLOT_RULES_TTL"]
    cache = caches.cache("ballot_rules")
    key = (tenancy.current_id(), slug)
    hit = cache.get(key)
    now = time.monotonic()
    if hit is not None and hit[0] > now:
        kept: BallotRules | None = hit[1]
        return kept
    rules = _read_rules(slug)
    if ttl > 0:
        cache[key] = (now + ttl, rules)
    return rules


def forget_rules() -> None:
    """After a staff change to a campaign, its themes or villages: read the rules again."""
    caches.clear("ballot_rules")


def _read_rules(slug: str) -> BallotRules | None:
    given = {"slug": slug, "municipality": tenancy.current_id()}
    rows = db.session.connection().execute(_RULES_QUERY, given).all()
    campaign = next((row for row in rows if row.kind == "c"), None)
    if campaign is None:
        return None
    village_ids = {row.area_slug: row.ref for row in rows if row.kind == "a"}
    current = {ref: area_slug for area_slug, ref in village_ids.items()}
    return BallotRules(
        campaign_id=campaign.ref,
        slug=slug,
        status=campaign.status,
        opens_at=campaign.opens_at,
        closes_at=campaign.closes_at,
        rule=PickRule(campaign.min_picks, campaign.max_picks),
        theme_ids=frozenset(row.ref for row in rows if row.kind == "t"),
        theme_bits={row.ref: row.bit for row in rows if row.kind == "t"},
        village_ids=village_ids,
        ballots_per_device=campaign.ballots_per_device,
        regional_campaign_id=campaign.regional_campaign_id,
        village_aliases={
            row.area_slug: current[row.ref]
            for row in rows
            if row.kind == "l" and row.ref in current and row.area_slug not in village_ids
        },
    )


def current_village(slug: str, village: str) -> str:
    """The current short name for an earlier one of a village of this campaign (a printed
    ?dorp=<old>), from the cached rules; else `village` unchanged."""
    rules = load_rules(slug)
    return (rules.current_village(village) or village) if rules else village


def cast_ballot(rules: BallotRules, submission: Submission) -> CastOutcome:
    """Check the submission against the rules and store it once, ballot and choices together.

    A repeated ballot_key (double tap, resend, retried sync) is not stored again and reports
    ALREADY_STORED, so the resident still sees the thank-you page; the same key with other
    choices raises BallotKeyReused and changes nothing.
    """
    if rules.phase() != "open":
        log.info("ballot refused: campaign %s is %s", rules.slug, rules.phase())
        raise CampaignNotOpen
    village = rules.current_village(submission.village)  # an earlier short name counts too
    problems = check_village(village, rules.village_slugs) + check_choices(
        submission.theme_ids, rules.theme_ids, rules.rule
    )
    if submission.garbled_theme and BallotProblem.UNKNOWN_THEME not in problems:
        problems.append(BallotProblem.UNKNOWN_THEME)
    if problems:
        log.info("ballot rejected for %s: %s", rules.slug, [p.value for p in problems])
        raise BallotRejected(problems)
    code = read_code(submission.voting_code) if submission.voting_code else None
    if submission.voting_code and code is None:
        log.info("ballot refused for %s: not a voting code", rules.slug)
        raise CodeRefused
    area_id = rules.village_ids.get(village or "")
    if not _insert_once(rules, area_id, submission, code):
        log.info("ballot %s for %s already stored", submission.ballot_key, rules.slug)
        return CastOutcome.ALREADY_STORED
    return CastOutcome.STORED


_STORED_BALLOT = select(Ballot.id, Ballot.area_id).where(Ballot.ballot_key == bindparam("key"))
_STORED_CHOICES = select(BallotChoice.theme_id).where(BallotChoice.ballot_id == bindparam("id"))


def _already_stored(submission: Submission, area_id: int | None) -> bool:
    """Whether this ballot_key is stored; BallotKeyReused if it was stored with other choices."""
    stored = db.session.execute(_STORED_BALLOT, {"key": submission.ballot_key}).first()
    if stored is None:
        return False
    choices = set(db.session.scalars(_STORED_CHOICES, {"id": stored.id}))
    if stored.area_id != area_id or choices != set(submission.theme_ids):
        log.info("ballot %s sent again with other choices: refused", submission.ballot_key)
        raise BallotKeyReused
    return True


def _insert_once(
    rules: BallotRules, area_id: int | None, submission: Submission, code: str | None = None
) -> bool:
    """Insert ballot and choices in one transaction; False if the ballot_key already exists.

    ON CONFLICT DO NOTHING makes a concurrent duplicate a no-op instead of an error. The phone
    or code is checked first, in the same transaction (see services.ballots.admission).
    """
    connection = db.session.connection()
    try:
        admitted = admission.admit(
            connection,
            rules.campaign_id,
            rules.ballots_per_device,
            submission.device_hash,
            code,
            submission.trust_level,
            (regional, submission.regional_device_hash)
            if (regional := rules.regional_campaign_id) and submission.regional_device_hash
            else None,
        )
    except admission.Refused as refused:
        db.session.rollback()
        if _already_stored(submission, area_id):
            return False  # the same ballot sent again, not a second vote
        log.info("ballot refused for %s: %s", rules.slug, type(refused).__name__)
        raise
    try:
        return _insert_rows(connection, rules, area_id, submission, admitted)
    except Exception:
        db.session.rollback()
        raise


def _insert_rows(
    connection: Connection,
    rules: BallotRules,
    area_id: int | None,
    submission: Submission,
    admitted: admission.Admission,
) -> bool:
    insert_ballot, insert_choice = rows.inserts(connection.dialect)
    municipality_id = tenancy.current_id()
    row = prepared.execute(
        connection,
        insert_ballot,
        {
            "ballot_key": submission.ballot_key,
            "campaign_id": rules.campaign_id,
            "area_id": area_id,
            "channel": submission.channel.value,
            "source_tag": submission.source_tag,
            "stand_id": submission.stand_id,
            "trust_level": admitted.trust_level.value,
            "created_at": submission.created_at or arrival_minute(),
            "kiosk_device_id": submission.kiosk_device_id,
            "device_seq": admitted.device_seq,
            "choice_mask": choice_mask(submission.theme_ids, rules.theme_bits),
            "municipality_id": municipality_id,
        },
    )
    if row is None:  # the key is taken: a resend, or a replay with other choices
        db.session.rollback()
        _already_stored(submission, area_id)
        return False
    ballot_id = row[0]
    prepared.execute_many(
        connection,
        insert_choice,
        [
            {"ballot_id": ballot_id, "theme_id": theme_id, "municipality_id": municipality_id}
            for theme_id in submission.theme_ids
        ],
    )
    db.session.commit()
    return True

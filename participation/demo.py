"""The demo campaign: Westerkwartier's six village cores and the twelve stand themes."""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import select

from participation.chores import load
from participation.domain.known_texts import known_translations
from participation.domain.survey_templates import SAFETY_QUESTIONNAIRE
from participation.domain.theme_import import DEFAULT_THEMES
from participation.extensions import db
from participation.models import Area, Campaign, CampaignStatus, StaffUser, Theme
from participation.services.ballots import voting
from participation.services.campaigns import associations, indicators
from participation.services.outcome import cycles
from participation.services.results import releases
from participation.services.surveys import surveys

DEMO_SLUG = "demo"
MUNICIPALITY = ("westerkwartier", "Westerkwartier")
DEMO_SURVEY_SLUG = "demo-vragenlijst"
VILLAGES = [
    ("zuidhorn", "Zuidhorn"),
    ("leek", "Leek"),
    ("marum", "Marum"),
    ("tolbert", "Tolbert"),
    ("grootegast", "Grootegast"),
    ("grijpskerk", "Grijpskerk"),
]


# Rounded populations of the village cores, for the demo's weighted total only.
POPULATIONS = {
    "zuidhorn": 8_900,
    "leek": 9_800,
    "marum": 4_100,
    "tolbert": 3_600,
    "grootegast": 3_300,
    "grijpskerk": 2_900,
}


def _village_cores() -> list[Area]:
    """The demo's village cores (and the municipality's area above them), each made if missing:
    asked in one query (one per area flushed the one before it, half of what seeding took)."""
    wanted = [MUNICIPALITY[0], *(slug for slug, _ in VILLAGES)]
    found = {a.slug: a for a in db.session.scalars(select(Area).where(Area.slug.in_(wanted)))}

    def area(slug: str, name: str, kind: str, parent: Area | None) -> Area:
        if slug not in found:
            found[slug] = Area(slug=slug, name=name, kind=kind, parent=parent)
            found[slug].population = POPULATIONS.get(slug)
            db.session.add(found[slug])
        return found[slug]

    municipality = area(*MUNICIPALITY, kind="municipality", parent=None)
    return [area(slug, name, "village", municipality) for slug, name in VILLAGES]


def seed_demo() -> Campaign:
    """Create the demo campaign if it is missing; running it again changes nothing."""
    villages = _village_cores()
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == DEMO_SLUG))
    if campaign is None:
        title = "Wat vindt u belangrijk voor de veiligheid in uw dorp?"
        intro = (
            "De gemeente maakt een nieuw veiligheidsplan voor 2027–2030. "
            "Kies de 6 thema's die u het belangrijkst vindt. "
            "Uw stem is anoniem."
        )
        campaign = Campaign(
            slug=DEMO_SLUG,
            title=title,
            intro=intro,
            translations=known_translations(title=title, intro=intro),
            status=CampaignStatus.OPEN.value,
            min_picks=6,
            max_picks=6,
            areas=villages,
            themes=[
                Theme(
                    title=title,
                    explanation=text,
                    safety_field=field,
                    position=index,
                    bit=index - 1,
                    translations=known_translations(title=title, explanation=text),
                )
                for index, (title, text, field) in enumerate(DEFAULT_THEMES, start=1)
            ],
        )
        db.session.add(campaign)
    if surveys.by_slug(DEMO_SURVEY_SLUG) is None:
        surveys.create_from_template(
            SAFETY_QUESTIONNAIRE, DEMO_SURVEY_SLUG, campaign=campaign, status="open"
        )
    db.session.commit()
    return campaign


PREVIOUS_SLUG = "demo-2022"


def seed_previous_cycle(campaign: Campaign) -> Campaign:
    """A made-up earlier consultation with 600 synthetic votes, linked as the demo's previous
    cycle so the change since then shows at once; only when the demo has none yet."""
    if campaign.previous_id is not None:
        kept = db.session.get(Campaign, campaign.previous_id)
        assert kept is not None  # previous_id is a foreign key
        return kept
    title = "Veiligheid 2022 (verzonnen voorbeeld voor de demo)"
    previous = Campaign(
        slug=PREVIOUS_SLUG,
        title=title,
        intro="Deze raadpleging en haar stemmen zijn verzonnen, om de vergelijking te tonen.",
        status=CampaignStatus.CLOSED.value,
        opens_at=datetime(2022, 5, 1),
        closes_at=datetime(2022, 6, 1),
        results_published_at=datetime(2022, 6, 15),
        areas=list(campaign.areas),
        themes=cycles.theme_copies(campaign, linked=False),
    )
    db.session.add(previous)
    db.session.commit()
    rules = voting.load_rules(PREVIOUS_SLUG)
    assert rules is not None  # just stored
    load.add_synthetic_ballots(rules, 600, random.Random(2022), days=30)
    campaign.previous_id = previous.id
    for theme, earlier in zip(campaign.themes, previous.themes, strict=True):
        theme.copied_from_id = earlier.id
    db.session.commit()
    releases.release(previous, None)  # its results are public: the public sees a release
    return previous


def seed_partners(campaign: Campaign, actor: StaffUser) -> None:
    """Two village associations (one with a view) and three indicators; only when missing.

    The figures are invented for the demo and say so in their source.
    """
    if associations.for_campaign(campaign):
        return
    areas = {area.slug: area for area in campaign.areas}
    themes = {theme.title: theme.id for theme in campaign.themes}
    marum = associations.register(
        campaign, areas["marum"], "Dorpsbelang Marum", "secretaris", actor
    )
    associations.register(campaign, areas["leek"], "Plaatselijk Belang Leek", "voorzitter", actor)
    associations.submit_view(
        marum,
        [
            (themes["Verkeersveiligheid"], "Te hard rijden op de doorgaande weg door het dorp."),
            (themes["Jeugdoverlast"], "Groepen jongeren bij het dorpshuis in de avond."),
            (themes["Woninginbraken"], "Inbraken in schuren in het buitengebied."),
        ],
        "Wij willen graag meedenken over een aanpak per dorp.",
    )
    source = "Demo-cijfers (verzonnen)"
    figures: list[tuple[str, str, list[tuple[int, float]]]] = [
        (
            "Woninginbraken",
            "Woninginbraken (aangiften)",
            [(2019, 142), (2020, 118), (2021, 97), (2022, 88)],
        ),
        (
            "Verkeersveiligheid",
            "Verkeersongevallen met letsel",
            [(2019, 61), (2020, 52), (2021, 58), (2022, 60)],
        ),
        (
            "Handel in drugs",
            "Meldingen drugshandel",
            [(2019, 22), (2020, 27), (2021, 31), (2022, 38)],
        ),
    ]
    for theme, name, values in figures:
        indicators.add(
            campaign, indicators.IndicatorInput(themes[theme], name, source, values), actor
        )

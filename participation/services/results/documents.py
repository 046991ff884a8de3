"""Everything the campaign's documents show, gathered once, so renderers do no queries.

The workbook, the council report and the ballot CSV take a CampaignDocument (and, for the
ballots, a stream of plain rows read in chunks) and turn them into bytes.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from participation.domain.document_data import BallotRow, CampaignDocument, RemarkRow, ViewRow
from participation.domain.result_data import CampaignResults
from participation.domain.vocabulary import ELSEWHERE_NAME
from participation.extensions import db
from participation.models import Area, Ballot, Campaign, Remark, Stand, Survey
from participation.services.campaigns import associations
from participation.services.outcome import cycles
from participation.services.results.outside import for_outsiders
from participation.services.results.sources import ballots_by_source
from participation.services.surveys import survey_results
from participation.timeutil import utc_to_local

CHUNK = 5_000


# The report's method and caveats, in Dutch as the council reads them.
CAVEATS = [
    "Meedoen was vrijwillig. De stemmers zijn dus geen steekproef: wie zich zorgen maakt over "
    "een thema, stemt misschien eerder. De marges gaan uit van een steekproef en zijn daarom "
    "een ondergrens voor de onzekerheid.",
    "Het aandeel is het deel van de stemmers in een groep dat het thema koos. Iedereen koos "
    "meerdere thema's, dus de aandelen tellen op tot veel meer dan 100%.",
    "Thema's met evenveel stemmen delen een plaats (1, 2, 2, 4).",
    "De marge is het 95%-interval volgens Wilson. Groepen met minder dan 30 stemmen zijn "
    "gemarkeerd met *: lees die met voorzichtigheid.",
    "Dorpen, kanalen en andere groepen met minder dan 5 stemmers staan niet apart in dit "
    "rapport: ze zijn samengeteld, waar nodig met één grotere groep, zodat niemands keuze te "
    "herleiden is, ook niet door het totaal min de getoonde groepen te nemen.",
    "Het gewogen totaal rekent elk dorp mee naar zijn aantal inwoners (poststratificatie). Het "
    "gewone totaal is het hoofdcijfer; het gewogen totaal laat zien of de verdeling over de "
    "dorpen de resultaten kleurt. Een dorp met minder dan 30 stemmers telt daarbij samen met het "
    "dorp dat qua inwonertal het dichtst in de buurt komt, zodat een paar stemmers niet zwaar "
    "wegen; welke dorpen zo zijn samengenomen, staat onder de tabel.",
    "Papieren formulieren en stickers van de stands zijn door twee medewerkers apart geteld en "
    "tellen mee als kanaal 'papier'.",
    "Eén stem per persoon is zo goed mogelijk bewaakt zonder persoonsgegevens: bij de stand "
    "door medewerkers, met stemcodes, of met één stem per telefoon (de zwakste controle).",
]


# How phones and tablets listed the themes (domain.theme_order.BallotOrder), for the method.
THEME_ORDER = {
    "random": "Telefoons en tablets toonden de thema's per apparaat in een willekeurige "
    "volgorde, zodat geen thema voordeel had van de bovenste plaats; de volgorde is niet bij de "
    "stem bewaard. Het papieren formulier had één vaste volgorde.",
    "random_in_fields": "Telefoons en tablets toonden de thema's per apparaat in een "
    "willekeurige volgorde, bij elkaar per VNG-veiligheidsveld; de volgorde is niet bij de stem "
    "bewaard. Het papieren formulier had één vaste volgorde.",
    "fixed": "Alle thema's stonden op telefoons, tablets en papier in dezelfde volgorde. Thema's "
    "bovenaan een lijst worden vaak wat vaker gekozen.",
}


def caveats(campaign: Campaign) -> list[str]:
    """The report's method and caveats, with how this campaign ordered its themes."""
    return [*CAVEATS, THEME_ORDER.get(campaign.ballot_order, THEME_ORDER["random"])]


def campaign_document(campaign: Campaign, results: CampaignResults) -> CampaignDocument:
    """The results of `campaign` with everything its documents show beside them."""
    surveys = list(
        db.session.scalars(
            select(Survey).where(Survey.campaign_id == campaign.id).order_by(Survey.id)
        )
    )
    return CampaignDocument(
        results=results,
        sources=ballots_by_source(campaign),
        remarks=_remarks(campaign),
        view_history=_view_history(campaign),
        surveys=[survey_results.survey_results(survey) for survey in surveys],
        surveys_outside=[survey_results.survey_results(s, public=True) for s in surveys],
        comparison=cycles.comparison_for(campaign, results),
        outside=for_outsiders(results),
    )


def _remarks(campaign: Campaign) -> list[RemarkRow]:
    found = db.session.execute(
        select(Remark, Area.name)
        .join(Stand, Stand.id == Remark.stand_id)
        .join(Area, Area.id == Stand.area_id)
        .where(Stand.campaign_id == campaign.id)
        .order_by(Remark.created_at)
    )
    return [
        RemarkRow(
            village,
            utc_to_local(remark.created_at).date(),
            remark.text,
            [theme.title for theme in remark.themes],
        )
        for remark, village in found
    ]


def _view_history(campaign: Campaign) -> list[ViewRow]:
    """Every version of every association's view, the current one marked."""
    rows = []
    for association in associations.for_campaign(campaign):
        for view in association.views:
            day = utc_to_local(view.submitted_at).date()
            rows += [
                ViewRow(
                    association.area.name,
                    association.name,
                    view.version,
                    view is association.current_view,
                    day,
                    entry.rank,
                    entry.theme.title,
                    entry.reason,
                    view.remarks,
                )
                for entry in view.themes
            ]
    return rows


def ballot_rows(results: CampaignResults) -> Iterator[BallotRow]:
    """One row per counted ballot: village, channel, trust level, date and choice mask.

    The date, not the time: a time could be matched with who stood at a stand when. Read in
    chunks, so a million ballots cost no memory.
    """
    query = (
        select(Area.name, Ballot.channel, Ballot.trust_level, Ballot.created_at, Ballot.choice_mask)
        .outerjoin(Area, Area.id == Ballot.area_id)
        .where(Ballot.campaign_id == results.campaign.id, Ballot.exclusion_id.is_(None))
        # Not the order of arrival, which staff who watched a stand could match with
        # visitors: the ballot keys are random UUIDs, so their order is a shuffle.
        .order_by(Ballot.ballot_key)
        .execution_options(yield_per=CHUNK)
    )
    for village, channel, trust, created_at, mask in db.session.execute(query):
        yield village or ELSEWHERE_NAME, channel, trust, utc_to_local(created_at).date(), mask

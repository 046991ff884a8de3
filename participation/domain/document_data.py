"""What a campaign's documents (workbook, council report) show beside the results, as
plain values gathered once by services.results.documents, so renderers do no queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from participation.domain.result_data import CampaignResults, Comparison, Outside
from participation.domain.survey_data import SurveyResults

# A ballot as services.results.documents.ballot_rows gives it: village, channel, trust
# level, the day (never the time) and the choice mask.
BallotRow = tuple[str, str, str, date, int]


@dataclass(frozen=True)
class RemarkRow:
    village: str
    day: date
    text: str
    themes: list[str]


@dataclass(frozen=True)
class ViewRow:
    """One theme of one version of an association's view."""

    village: str
    association: str
    version: int
    current: bool
    day: date
    rank: int
    theme: str
    reason: str
    remarks: str


@dataclass(frozen=True)
class CampaignDocument:
    """The results plus what the documents show beside them."""

    results: CampaignResults
    # (channel, source tag or None, ballots) per QR poster, flyer or banner.
    sources: list[tuple[str, str | None, int]] = field(default_factory=list)
    remarks: list[RemarkRow] = field(default_factory=list)
    view_history: list[ViewRow] = field(default_factory=list)
    surveys: list[SurveyResults] = field(default_factory=list)
    # The same as the public sees them, for the council report: no count from 1 to 4.
    surveys_outside: list[SurveyResults] = field(default_factory=list)
    comparison: Comparison | None = None  # the change since the previous cycle
    # What the council report shows: small groups counted together (services.results.outside).
    outside: Outside | None = None

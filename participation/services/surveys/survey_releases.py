"""Public releases of a survey's results: what a release now would show, making one, and
the latest one, which is all that anonymous visitors see.

A release counts every response up to the newest one (responses are only ever added), and
checks, per dimension, the blocks it shows against every earlier release (domain.releases):
everyone (so fewer than 5 new respondents in all since the last release: no release), the
villages, and each question's answers, with those who gave no answer as a group of their
own. Within a dimension, a group with 1 to 4 new respondents since the last release is shown
together with others, and stays so. See survey_counts for the dimensions, survey_blocks and
survey_splits for what the public then sees.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, text, update

from participation.domain.refusals import Refused
from participation.domain.releases import Plan, Released, plan
from participation.extensions import db
from participation.models import PublicRelease, StaffUser, Survey, SurveyResponse
from participation.services import audit, release_rows
from participation.services.surveys import survey_blocks
from participation.services.surveys.survey_counts import (
    RESPONDENTS,
    count,
    dimension,
    group_labels,
    group_sizes,
)
from participation.timeutil import utcnow

log = logging.getLogger(__name__)

NOT_RELEASED = _l(
    "No figures have been released yet. The municipality releases them when enough residents "
    "have answered."
)


class ReleaseProblem(enum.Enum):
    NOTHING_NEW = "nothing_new"  # no response since the last release (or none at all)
    TOO_FEW = "too_few"  # 1 to 4 new respondents since the last release
    QUESTION = "question"  # a question's answers cannot be shown safely in any blocks


class SurveyReleaseRefused(Refused):
    """No release now (problems: [ReleaseProblem]); nothing was stored. `questions`: the
    texts of the questions that stopped it (ReleaseProblem.QUESTION)."""

    def __init__(self, problems: list[ReleaseProblem], questions: list[str]) -> None:
        super().__init__(problems)
        self.questions = questions


@dataclass(frozen=True)
class SurveyReleasePreview:
    """What a release now would show, per dimension, after the last release."""

    last: PublicRelease | None
    upto: int | None  # the newest response it would count
    sizes: dict[str, dict[str, int]]
    plans: dict[str, Plan]
    titles: dict[str, str]  # dimension -> the question's text (or the village question's)
    labels: dict[str, dict[str, str]]  # dimension -> group -> name

    @property
    def respondents(self) -> int:
        return self.sizes[RESPONDENTS]["total"]

    @property
    def new_respondents(self) -> int:
        return self.plans[RESPONDENTS].new_ballots

    @property
    def problem(self) -> ReleaseProblem | None:
        if self.new_respondents <= 0:
            return ReleaseProblem.NOTHING_NEW
        if self.plans[RESPONDENTS].blocks is None:
            return ReleaseProblem.TOO_FEW
        if self.stuck:
            return ReleaseProblem.QUESTION
        return None

    @property
    def possible(self) -> bool:
        return self.problem is None

    @property
    def stuck(self) -> list[str]:
        """The questions whose answers no blocks could show safely now."""
        return [
            self.titles[d] for d, p in self.plans.items() if p.blocks is None and d in self.titles
        ]

    def together(self) -> list[tuple[str, list[str]]]:
        """Per question, each block of several answers (or villages) a release now would
        show together, by name."""
        found = []
        for key, found_plan in self.plans.items():
            if key not in self.titles:
                continue
            order = list(self.sizes[key])
            for block in survey_blocks.ordered_blocks(found_plan.blocks or [], order):
                if len(block) > 1:
                    names = [survey_blocks.group_name(g, self.labels[key]) for g in block]
                    found.append((self.titles[key], names))
        return found


def releases(survey: Survey) -> list[PublicRelease]:
    """Every release of the survey, oldest first."""
    return release_rows.of(survey_id=survey.id)


def latest(survey: Survey) -> PublicRelease | None:
    """The release the public sees, or None before the first."""
    return release_rows.latest(survey_id=survey.id)


def _history(earlier: list[PublicRelease], key: str) -> list[Released]:
    """The earlier releases that showed this dimension (a question added later: from then)."""
    return [
        Released(r.sizes[key], [frozenset(b) for b in r.blocks.get(key, [])])
        for r in earlier
        if key in r.sizes
    ]


def _titles(survey: Survey) -> dict[str, str]:
    titles: dict[str, str] = {}
    for question in survey.questions:
        titles.setdefault(dimension(question), question.text)
    return titles


def preview(survey: Survey) -> SurveyReleasePreview:
    """The blocks a release of every response so far would show after the earlier ones."""
    upto = db.session.scalar(
        select(func.max(SurveyResponse.id)).where(SurveyResponse.survey_id == survey.id)
    )
    earlier = releases(survey)
    last = earlier[-1] if earlier else None
    counts = count(survey, upto)
    sizes = group_sizes(survey, counts, last.sizes if last else None)
    plans = {}
    for key, groups in sizes.items():
        history = _history(earlier, key)
        # A group that is gone (a village merged into another) counts as 0 now.
        gone = {g: 0 for r in history for g in r.sizes if g not in groups}
        sizes[key] = {**groups, **gone}
        plans[key] = plan(history, sizes[key])
    labels = group_labels(survey, counts.areas)
    return SurveyReleasePreview(last, upto, sizes, plans, _titles(survey), labels)


def release(survey: Survey, actor: StaffUser | None) -> PublicRelease:
    """Release every response so far to the public, or refuse (SurveyReleaseRefused) and
    store nothing."""
    # Two releases at once must not both be checked against the same last one: a no-op write
    # on the survey row makes the second wait for the first (SQLite locks the file anyway).
    db.session.execute(update(Survey).where(Survey.id == survey.id).values(slug=Survey.slug))
    if db.session.get_bind().dialect.name == "postgresql":
        # A response that took its id before the newest one but is not committed yet would
        # later count 'as of this release' without having been checked: wait for it first.
        db.session.execute(text("LOCK TABLE survey_response IN SHARE MODE"))
    found = preview(survey)
    if found.problem is not None:
        db.session.rollback()
        log.info("survey %s: release refused (%s)", survey.slug, found.problem.value)
        raise SurveyReleaseRefused([found.problem], found.stuck)
    row = PublicRelease(
        survey_id=survey.id,
        number=(found.last.number + 1) if found.last else 1,
        released_at=utcnow(),
        released_by_id=actor.id if actor else None,
        upto_response_id=found.upto,
        sizes=found.sizes,
        blocks={
            key: survey_blocks.ordered_blocks(p.blocks or [], list(found.sizes[key]))
            for key, p in found.plans.items()
        },
    )
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "survey.release", f"survey:{survey.slug}", f"release {row.number}")
    db.session.commit()
    log.info("survey %s: release %d", survey.slug, row.number)
    return row

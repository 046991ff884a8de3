"""What staff read when a file of figures (domain.figures) is refused or partly left out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from participation.domain.figures import MAX_LINES, Problem

REASONS: dict[str, LazyString] = {
    "encoding": _l("the file is not text: save it as CSV (UTF-8)"),
    "empty": _l("the file has no heading or no figures"),
    "too_long": _l("the file has more than %(max)d lines", max=MAX_LINES),
    "no_code_column": _l("no column with the area code (code, RegioS, WijkenEnBuurten, Codering)"),
    "no_period_column": _l("no column with the period (Perioden, jaar)"),
    "no_figures_column": _l("no column with figures"),
    "no_name": _l("one column of figures and no indicator column: give the indicator's name"),
    "columns": _l("more cells than the heading has columns"),
    "code": _l("no area code"),
    "period": _l("the period is not a year"),
    "not_yearly": _l("a quarter or month; only yearly figures are taken"),
    "value": _l("not a figure"),
    "name": _l("no indicator name"),
    "twice": _l("the same indicator, area and year as an earlier line"),
    "none_yours": _l("no line has the code of this municipality, its village cores or the region"),
    "theme": _l("no theme: choose one, or give a theme the campaign has"),
}


def describe(problem: Problem) -> str:
    """'regel 7: dezelfde indicator … (GM1701)' — where, what, and what the line said."""
    reason = str(REASONS.get(problem.reason, problem.reason))
    if problem.reason == "twice" and problem.detail:
        reason = _("the same indicator, area and year as line %(line)s", line=problem.detail)
    elif problem.detail:
        reason = f"{reason} ({problem.detail})"
    if problem.line == 0:
        return reason
    return _("line %(line)d: %(reason)s", line=problem.line, reason=reason)


def refused(problems: Sequence[Problem], shown: int = 10) -> str:
    """The whole refusal: nothing stored, and the first lines to check."""
    listed = "; ".join(describe(problem) for problem in problems[:shown])
    more = len(problems) - shown
    if more > 0:
        listed += "; " + _("and %(num)d more", num=more)
    return _("Nothing was imported. %(problems)s", problems=listed)


def left_out(codes: Mapping[str, Sequence[int]], shown: int = 8) -> str:
    """The other areas' codes the file held, with their lines: not stored, said back."""
    if not codes:
        return ""
    parts = [
        _("%(code)s (lines %(lines)s)", code=code, lines=", ".join(map(str, lines[:5])))
        for code, lines in list(codes.items())[:shown]
    ]
    return _("Left out, for other areas: %(codes)s.", codes="; ".join(parts))

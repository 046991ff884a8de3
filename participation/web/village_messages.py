"""The words for a refused village field, import line or file: one place for pages and CLI."""

from __future__ import annotations

from flask_babel import gettext as _

from participation.domain.village_import import MAX_BYTES, MAX_LINES, FileProblem
from participation.domain.villages import MAX_NAME, Problem, VillageProblem


def problem_message(problem: Problem) -> str:
    """One problem with a village's field, in the reader's language."""
    kind, line, other = problem.kind, problem.line, problem.other
    if kind is VillageProblem.NAME_TAKEN:
        if line is not None:
            return _("Line %(line)d has the same name.", line=line)
        return _("There is already a village called %(name)s.", name=other)
    if kind is VillageProblem.SLUG_TAKEN:
        if line is not None:
            return _("%(name)s on line %(line)d has this short name.", name=other, line=line)
        if other:
            return _("%(name)s has (or had) this short name. Choose another one.", name=other)
        return _("This short name was just taken. Choose another one.")
    if kind is VillageProblem.POSTCODE_TAKEN:
        if line is not None:
            return _(
                "Postcode %(codes)s is also given to %(name)s on line %(line)d.",
                codes=problem.detail,
                name=other,
                line=line,
            )
        return _(
            "Postcode %(codes)s already belongs to %(name)s. Each postcode belongs to one village.",
            codes=problem.detail,
            name=other,
        )
    if kind is VillageProblem.DUPLICATE_IN_FILE:
        return _("Line %(line)d is about the same village.", line=line)
    if kind is VillageProblem.NAME_TOO_LONG:
        return _("Use at most %(max)d characters.", max=MAX_NAME)
    return {
        VillageProblem.NAME_MISSING: _("Give the village's name."),
        VillageProblem.SLUG_INVALID: _("Use 2 to 60 lowercase letters, digits and hyphens."),
        VillageProblem.SLUG_RESERVED: _(
            "This short name is used for 'outside the villages'. Choose another one."
        ),
        VillageProblem.SLUG_FROM_NAME: _(
            "No short name can be made from this name: give one (lowercase letters, digits "
            "and hyphens)."
        ),
        VillageProblem.POPULATION_INVALID: _("Give the number of residents as a whole number."),
        VillageProblem.POSTCODE_INVALID: _("Give 4-digit postcodes, separated by spaces."),
        VillageProblem.POSTCODES_TOO_LONG: _("Too many postcodes for one village."),
        VillageProblem.FORMULA: _(
            "A value may not start with =, +, - or @: a spreadsheet would run it as a formula."
        ),
        VillageProblem.UNREADABLE: _(
            "Contains a character that cannot be stored (a control character, tab, line "
            "break or unreadable character)."
        ),
        VillageProblem.TOO_MANY_CELLS: _("There is a value in a column without a heading."),
    }[kind]


def file_message(problem: FileProblem, detail: str = "") -> str:
    """Why a whole import file is refused; nothing of it is stored."""
    if problem is FileProblem.UNKNOWN_COLUMN:
        return _(
            "The first line has an unknown column: %(column)s. Use naam, slug, inwoners and "
            "postcodes (or name, slug, population and postcodes).",
            column=detail,
        )
    if problem is FileProblem.DUPLICATE_COLUMN:
        return _("The first line has the column %(column)s twice.", column=detail)
    return {
        FileProblem.NOT_UTF8: _(
            "This file is not saved as UTF-8, so letters such as ë and ü would come out "
            "wrong. In Excel choose Save as, then the file type 'CSV UTF-8 (comma delimited)', "
            "and choose that file again. Nothing has been stored."
        ),
        FileProblem.TOO_LARGE: _(
            "The file is too large: at most %(lines)d lines and %(kb)d KB. Split it into "
            "parts. Nothing has been stored.",
            lines=MAX_LINES,
            kb=MAX_BYTES // 1000,
        ),
        FileProblem.EMPTY: _("Choose a CSV file or paste its text. Nothing has been stored."),
        FileProblem.NO_NAME_COLUMN: _(
            "The first line must name the columns, at least naam (or name). Nothing has been "
            "stored."
        ),
    }[problem]

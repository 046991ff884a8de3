"""Leaving a group of ballots out of the results, with a reason."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
)


class ExclusionForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        description=_l("Say why, for the council and the audit log. At least 10 characters."),
        validators=[
            DataRequired(_l("Give a reason.")),
            Length(min=10, max=1000, message=_l("Use 10 to 1000 characters.")),
        ],
    )

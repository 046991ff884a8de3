"""The voting-code batch form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    StringField,
)
from wtforms.validators import (
    DataRequired,
    Regexp,
)

from participation.domain.sources import SOURCE_TAG
from participation.staff.forms.common import required_number


class CodeBatchForm(FlaskForm):
    count = required_number(
        _l("Number of codes"),
        default=100,
        low=1,
        high=5000,
    )
    label = StringField(
        _l("Name of the batch"),
        description=_l(
            "Also the source tag, e.g. huis-aan-huis-marum: lowercase letters, digits, hyphens."
        ),
        validators=[
            DataRequired(_l("Enter a name.")),
            # The label is the codes' source tag, so it follows the source-tag rule exactly.
            Regexp(
                SOURCE_TAG.pattern,
                message=_l("Use up to 40 lowercase letters, digits and hyphens."),
            ),
        ],
    )

"""The municipality settings form: name, logo, house colour, contact lines, mail and retention."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileSize
from wtforms import BooleanField, StringField
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, Regexp

from participation.domain.house_style import HEX_COLOUR, MAX_LOGO_BYTES
from participation.services.municipality import RETENTION_DAYS
from participation.staff.forms.common import RANGE_MESSAGE
from participation.web.forms import WholeNumberField

TOO_LONG = _l("Use at most %(max)d characters.")


class MunicipalityForm(FlaskForm):
    name = StringField(
        _l("Name of the municipality"),
        validators=[
            InputRequired(_l("Give the municipality's name.")),
            Length(max=120, message=TOO_LONG),
        ],
    )
    logo = FileField(
        _l("Logo"),
        description=_l(
            "A PNG file of at most 250 KB and 4000 pixels a side. It is shown on a white plate."
        ),
        validators=[
            FileAllowed(["png"], _l("Choose a PNG file. An SVG logo: save it as a PNG first.")),
            FileSize(MAX_LOGO_BYTES, message=_l("The logo may be at most 250 KB.")),
        ],
    )
    remove_logo = BooleanField(_l("Remove the logo"))
    house_colour = StringField(
        _l("House colour"),
        description=_l(
            "As #rrggbb, for example #00567a. White text must stay readable on it: "
            "a contrast of at least 4.5 to 1."
        ),
        validators=[
            InputRequired(_l("Give a colour.")),
            Regexp(
                HEX_COLOUR.pattern,
                message=_l(
                    "Write the colour as # and six characters 0-9 or a-f, for example #00567a."
                ),
            ),
        ],
    )
    contact_line = StringField(
        _l("Contact line"),
        description=_l(
            "A phone number or website for questions, at the bottom of every page and on print."
        ),
        validators=[Length(max=200, message=TOO_LONG)],
    )
    privacy_contact = StringField(
        _l("Privacy contact"),
        description=_l("How to reach the data protection officer, shown in the privacy statement."),
        validators=[Length(max=200, message=TOO_LONG)],
    )
    mail_sender = StringField(
        _l("Sender of e-mail"),
        description=_l(
            "The From of every e-mail sent for the municipality (invitations, the outcome to "
            "residents), e.g. noreply@gemeente.nl. Empty: the installation's sender. The mail "
            "server must be allowed to send for this address."
        ),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            Optional(),
            Length(max=254, message=TOO_LONG),
            Email(_l("Write an e-mail address such as noreply@gemeente.nl, without accents.")),
        ],
    )
    retention_days = WholeNumberField(
        _l("Days ballots' details are kept"),
        description=_l(
            "After a campaign closes, flask retention deletes its ballots' details after this "
            "many days; the totals stay. Empty: the installation's setting."
        ),
        validators=[
            Optional(),
            NumberRange(RETENTION_DAYS.start, RETENTION_DAYS.stop - 1, message=RANGE_MESSAGE),
        ],
    )

"""Indicators from the safety analysis, typed in or imported: staff and region pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
)

from participation.domain.text_input import strict_int
from participation.web.choices import SelectChoice


class IndicatorForm(FlaskForm):
    theme = SelectField(_l("Theme"), coerce=strict_int)
    name = StringField(
        _l("Indicator"),
        description=_l("For example: Woninginbraken (aangiften bij de politie)"),
        validators=[DataRequired(_l("Enter the indicator.")), Length(max=200)],
    )
    source = StringField(
        _l("Source"),
        description=_l("For example: Politie, veiligheidsanalyse 2023"),
        validators=[Length(max=200)],
    )
    values = TextAreaField(
        _l("Values per year"),
        description=_l("One year and value per line, or '2019: 120, 2020: 98'."),
        validators=[DataRequired(_l("Enter at least one year and value.")), Length(max=2000)],
    )
    trend = SelectField(
        _l("Trend"),
        choices=[
            SelectChoice("", _l("Work it out from the values")),
            SelectChoice("rising", _l("Rising")),
            SelectChoice("falling", _l("Falling")),
            SelectChoice("stable", _l("Stable")),
        ],
    )

    # The village core the values are for ("": the whole municipality); choices per campaign.
    area = SelectField(_l("For"), default="")


class IndicatorImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        description=_l(
            "A download from CBS StatLine or the Veiligheidsmonitor: area code, period and "
            "figures. Or the columns theme, indicator, source, year, value, and optionally trend."
        ),
        validators=[FileRequired(_l("Choose a CSV file."))],
    )
    # For a file in CBS's shape: the theme its figures go with ("": a theme column).
    theme = SelectField(_l("Theme of these figures"), default="")
    source = StringField(
        _l("Source"),
        description=_l("For example: Veiligheidsmonitor 2023"),
        validators=[Length(max=200)],
    )
    name = StringField(
        _l("Indicator"),
        description=_l("Only for a file with one column of figures and no indicator column."),
        validators=[Length(max=200)],
    )

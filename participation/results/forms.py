"""The results filter: village, channel, trust level and a date range, read from the query."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import DateField, SelectField
from wtforms.validators import Optional, ValidationError

from participation.domain.result_data import Period
from participation.models import Campaign
from participation.timeutil import local_to_utc
from participation.web.choices import SelectChoice
from participation.web.forms import plausible_date
from participation.web.labels import CHANNEL_LABELS, choices


class ResultsFilter(FlaskForm):
    """A GET form: no CSRF token, since it changes nothing."""

    class Meta:
        csrf = False

    dorp = SelectField(_l("Village"), default="")
    kanaal = SelectField(
        _l("Channel"),
        default="",
        choices=[SelectChoice("", _l("all channels")), *choices(CHANNEL_LABELS)],
    )
    vertrouwen = SelectField(
        _l("Count"),
        default="",
        choices=[
            SelectChoice("", _l("all ballots")),
            SelectChoice("code", _l("only ballots with a voting code or at a stand")),
            SelectChoice("stand", _l("only ballots at a stand")),
        ],
    )
    van = DateField(_l("From"), validators=[Optional(), plausible_date])
    tot = DateField(_l("Up to and including"), validators=[Optional(), plausible_date])

    def validate_tot(self, field: DateField) -> None:
        if field.data and self.van.data and field.data < self.van.data:
            raise ValidationError(_l("The end date must not be before the start date."))

    @classmethod
    def for_campaign(cls, campaign: Campaign, formdata: MultiDict[str, str]) -> ResultsFilter:
        form = cls(formdata=formdata)
        form.dorp.choices = [SelectChoice("", _l("all villages"))] + [
            (area.slug, area.name) for area in campaign.areas
        ]
        return form

    def period(self) -> Period:
        """The chosen days as a span in UTC: from the start of 'van' to the end of 'tot'."""
        since = local_to_utc(datetime.combine(self.van.data, time())) if self.van.data else None
        until = (
            local_to_utc(datetime.combine(self.tot.data + timedelta(days=1), time()))
            if self.tot.data
            else None
        )
        return Period(since, until)

"""The dashboard's next steps in words, each with the page where it is done."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from participation.domain.first_day import SetupItem
from participation.domain.next_steps import NextStep
from participation.models import Campaign
from participation.staff.checklist import public_address


def next_step_text(step: NextStep, count: int, campaign: Campaign) -> tuple[str, str | None]:
    """(what to do, where) for one step of one campaign; where is None when it is not a page."""
    edit = url_for("staff.edit_campaign", slug=campaign.slug)
    page = url_for("staff.campaign", slug=campaign.slug)
    sessions = url_for("staff.sessions_page", slug=campaign.slug)
    new_stand = url_for("staff.new_stand", slug=campaign.slug)
    return {
        NextStep.SET_PUBLIC_ADDRESS: (
            _("No public address set yet: print would say VOORBEELD (ask the administrator)."),
            None,
        ),
        NextStep.ADD_THEMES: (
            ngettext("Add %(num)d more theme.", "Add %(num)d more themes.", count),
            page,
        ),
        NextStep.CHOOSE_VILLAGES: (_("Choose the villages."), edit),
        NextStep.SET_CLOSING_DATE: (_("Set a closing date before you print."), edit),
        NextStep.OPEN_CAMPAIGN: (_("Open the campaign when it is ready."), edit),
        NextStep.PLAN_STANDS: (
            _("Plan the stands."),
            new_stand,
        ),
        NextStep.CLOSE_STANDS: (
            ngettext("%(num)d stand still to close.", "%(num)d stands still to close.", count),
            page + "#stands",
        ),
        NextStep.PUBLISH_RESULTS: (_("Publish the results for residents."), edit),
        NextStep.PLAN_SESSION: (_("Plan the prioritisation session."), sessions),
        NextStep.RECORD_DECISIONS: (_("Record the session's decisions."), sessions),
        NextStep.PUBLISH_OUTCOME: (
            _("Tell residents what was done with their votes: publish the outcome."),
            url_for("staff.outcome_settings", slug=campaign.slug),
        ),
        NextStep.ADD_PROGRAMME: (
            _("Add goals and actions for the chosen priorities."),
            url_for("staff.programme_page", slug=campaign.slug),
        ),
    }[step]


# The accounts page's endpoint (staff.account_routes).
ACCOUNTS_ENDPOINT = "staff.accounts_page"


def setup_line_text(item: SetupItem) -> tuple[str, str, str]:
    """(what the checklist line is about, the page where it is done, the role that may do it
    there) for the first day; others see the line without a link to a page they cannot use."""
    setup = url_for("staff.setup_page")
    return {
        SetupItem.PUBLIC_ADDRESS: (
            _("The municipality's own public address residents reach, over https")
            if public_address().own
            else _("The public address residents reach, over https (PUBLIC_BASE_URL)"),
            setup + "#public-address",
            "viewer",
        ),
        SetupItem.NAME_AND_LOGO: (
            _("The municipality's name and logo"),
            url_for("staff.municipality_settings"),
            "admin",
        ),
        SetupItem.VILLAGES: (_("The villages (kernen)"), url_for("staff.villages_page"), "staff"),
        SetupItem.TWO_STAFF: (
            _("At least two staff members, for the four-eyes paper count"),
            url_for(ACCOUNTS_ENDPOINT),
            "admin",
        ),
        SetupItem.MAIL_SERVER: (
            _("The mail server answers (a test e-mail)"),
            setup + "#mail",
            "viewer",
        ),
        SetupItem.MESSAGES: (_("The Dutch texts compiled"), setup + "#messages", "viewer"),
        SetupItem.BACKUP: (_("A backup made"), setup + "#backup", "viewer"),
    }[item]

"""Staff forms, one module per feature; imported from here by the staff views."""

from participation.staff.forms.associations import AssociationForm
from participation.staff.forms.campaigns import CampaignForm, ThemeForm
from participation.staff.forms.codes import CodeBatchForm
from participation.staff.forms.indicators import IndicatorForm, IndicatorImportForm
from participation.staff.forms.municipality import MunicipalityForm
from participation.staff.forms.programme import (
    ActionForm,
    ActionUpdateForm,
    GoalForm,
    GoalStatusForm,
    IndicatorValueForm,
    NextCycleForm,
    OutcomeForm,
)
from participation.staff.forms.sessions import DecisionForm, SessionForm, ShortlistAddForm
from participation.staff.forms.signals import ExclusionForm
from participation.staff.forms.stands import (
    ExtendStandForm,
    PaperTallyForm,
    StandForm,
    paper_form_for,
)
from participation.staff.forms.surveys import (
    DuplicateSurveyForm,
    NewSurveyForm,
    QuestionForm,
    SurveySettingsForm,
    SurveyStatusForm,
)
from participation.staff.forms.texts import texts_form
from participation.web.forms import LoginForm

__all__ = [
    "ActionForm",
    "ActionUpdateForm",
    "AssociationForm",
    "CampaignForm",
    "CodeBatchForm",
    "DecisionForm",
    "DuplicateSurveyForm",
    "ExclusionForm",
    "ExtendStandForm",
    "GoalForm",
    "GoalStatusForm",
    "IndicatorForm",
    "IndicatorImportForm",
    "IndicatorValueForm",
    "LoginForm",
    "MunicipalityForm",
    "NewSurveyForm",
    "NextCycleForm",
    "OutcomeForm",
    "PaperTallyForm",
    "QuestionForm",
    "SessionForm",
    "ShortlistAddForm",
    "StandForm",
    "SurveySettingsForm",
    "SurveyStatusForm",
    "ThemeForm",
    "paper_form_for",
    "texts_form",
]

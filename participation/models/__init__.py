"""SQLAlchemy models, one module per aggregate."""

from participation.domain.vocabulary import CampaignStatus
from participation.models.areas import Area, AreaSlugAlias
from participation.models.associations import Association, AssociationTheme, AssociationView
from participation.models.audit import AuditEvent
from participation.models.ballots import ArchivedCount, Ballot, BallotChoice
from participation.models.campaigns import (
    Campaign,
    CampaignSlugAlias,
    Theme,
    campaign_areas,
)
from participation.models.codes import VotingCode, VotingCodeBatch
from participation.models.devices import DeviceTally
from participation.models.exclusions import BallotExclusion
from participation.models.indicators import Indicator, IndicatorValue
from participation.models.kiosk_devices import KioskDevice, KioskPairing
from participation.models.municipality import Municipality
from participation.models.paper import PaperCount, PaperTally
from participation.models.programme import (
    ActionUpdate,
    FollowUp,
    Goal,
    GoalUpdate,
    Outcome,
    PlanAction,
)
from participation.models.regional_plan import (
    DecisionKind,
    RegionalAction,
    RegionalActionUpdate,
    RegionalDecision,
    RegionalGoal,
    RegionalGoalUpdate,
    RegionalOutcome,
    RegionalSession,
)
from participation.models.regions import (
    Region,
    RegionalCampaign,
    RegionalDeviceTally,
    RegionalIndicator,
    RegionalIndicatorValue,
    RegionalTheme,
    RegionAuditEvent,
    RegionMembership,
    RegionScope,
)
from participation.models.releases import PublicRelease
from participation.models.remarks import Remark, remark_themes
from participation.models.sessions import (
    Decision,
    Dot,
    Participant,
    PrioritySession,
    SessionRound,
    ShortlistItem,
)
from participation.models.settled_counts import SettledCount
from participation.models.staff import StaffMembership, StaffRole, StaffUser
from participation.models.stands import Stand
from participation.models.surveys import Answer, Option, Question, Survey, SurveyResponse

__all__ = [
    "ActionUpdate",
    "Answer",
    "ArchivedCount",
    "Area",
    "AreaSlugAlias",
    "Association",
    "AssociationTheme",
    "AssociationView",
    "AuditEvent",
    "Ballot",
    "BallotChoice",
    "BallotExclusion",
    "Campaign",
    "CampaignSlugAlias",
    "CampaignStatus",
    "Decision",
    "DecisionKind",
    "DeviceTally",
    "Dot",
    "FollowUp",
    "Goal",
    "GoalUpdate",
    "Indicator",
    "IndicatorValue",
    "KioskDevice",
    "KioskPairing",
    "Municipality",
    "Option",
    "Outcome",
    "PaperCount",
    "PaperTally",
    "Participant",
    "PlanAction",
    "PrioritySession",
    "PublicRelease",
    "Question",
    "Region",
    "RegionAuditEvent",
    "RegionMembership",
    "RegionScope",
    "RegionalAction",
    "RegionalActionUpdate",
    "RegionalCampaign",
    "RegionalDecision",
    "RegionalDeviceTally",
    "RegionalGoal",
    "RegionalGoalUpdate",
    "RegionalIndicator",
    "RegionalIndicatorValue",
    "RegionalOutcome",
    "RegionalSession",
    "RegionalTheme",
    "Remark",
    "SessionRound",
    "SettledCount",
    "ShortlistItem",
    "StaffMembership",
    "StaffRole",
    "StaffUser",
    "Stand",
    "Survey",
    "SurveyResponse",
    "Theme",
    "VotingCode",
    "VotingCodeBatch",
    "campaign_areas",
    "remark_themes",
]

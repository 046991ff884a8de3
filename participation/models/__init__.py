"""SQLAlchemy models, one module per aggregate."""

from participation.models.areas import Area
from participation.models.ballots import Ballot, BallotChoice
from participation.models.campaigns import Campaign, CampaignStatus, Theme, campaign_areas
from participation.models.staff import StaffRole, StaffUser

__all__ = [
    "Area",
    "Ballot",
    "BallotChoice",
    "Campaign",
    "CampaignStatus",
    "StaffRole",
    "StaffUser",
    "Theme",
    "campaign_areas",
]

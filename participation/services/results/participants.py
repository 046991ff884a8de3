"""How many residents took part, and through which channel: the one count every page shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from participation.domain.result_data import ChannelCount
from participation.domain.vocabulary import Channel
from participation.models import Campaign
from participation.services.results.counting import collapse, current_counts


@dataclass(frozen=True)
class Participants:
    """The results' total (ballots not left out, agreed paper, archived totals) and its parts."""

    total: int
    by_channel: dict[str, int]  # in Channel order; channels nobody used are left out


def counted(campaign: Campaign) -> Participants:
    """The count the results page shows, so the dashboard and the campaign page agree with it."""
    return by_channel(collapse(list(current_counts(campaign).values()), 0))


def by_channel(channels: Mapping[str, ChannelCount]) -> Participants:
    """A results total's channels as a count with its parts (CampaignResults.channels)."""
    parts = {
        channel.value: channels[channel.value].ballots
        for channel in Channel
        if channel.value in channels and channels[channel.value].ballots
    }
    return Participants(sum(parts.values()), parts)

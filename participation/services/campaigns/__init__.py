"""Campaigns and what surrounds them: themes, villages, indicators, village associations."""

"""Regions: making one, its municipalities and who works across it (issue 30)."""

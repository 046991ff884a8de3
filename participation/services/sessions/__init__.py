"""Prioritisation sessions: shortlist, rounds of dots, decisions, and the live board."""

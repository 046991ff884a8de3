"""Chores run from the command line: backup, retention, synthetic load."""

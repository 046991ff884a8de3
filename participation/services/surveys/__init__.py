"""Surveys: answering, building and editing questions, the results."""

"""Glue between the domain rules, the database and the web layer."""

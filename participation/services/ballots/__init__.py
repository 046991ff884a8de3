"""Taking ballots: the rules, admission (phone counts and voting codes), the kiosk's sync."""

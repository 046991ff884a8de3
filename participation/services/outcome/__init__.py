"""What came of a campaign: the published outcome, the programme, the next cycle."""

"""Web helpers that every blueprint shares: the input gate, fields and validators."""

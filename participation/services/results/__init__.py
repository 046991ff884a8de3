"""Counting: the tallies, what the public may see, staff exclusions, burst signals."""

"""Stands: planning and closing them, paper counts entered twice, residents' remarks."""

"""Charts and the analyst's HTML report, rendered from data handed in. Pure functions."""

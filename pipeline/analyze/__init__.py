"""Tone over time: series points with intervals, rolling means and shifts. Pure functions."""

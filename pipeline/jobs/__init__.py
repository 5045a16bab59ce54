"""Orchestration: read pending work from the store, call a stage, write results back."""

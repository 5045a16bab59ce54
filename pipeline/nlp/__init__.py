"""The NLP stage: actors, mentions and statements (who said what about whom). Pure functions."""

"""The classifier stage: cooperation and tension tags and an event type per statement."""

"""Collect statements from feeds, listing pages and local files. Never touches the store."""

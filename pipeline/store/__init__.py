"""The SQLite store: connection, migrations and queries. Only `jobs` and the CLI use it."""

"""Numbered schema migrations; applied names are recorded in `_migrations`.

Append a function to MIGRATIONS to change the schema; never edit one that shipped.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlite_utils

MIGRATIONS = []


def migration(fn):
    MIGRATIONS.append(fn)
    return fn


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations in order, each in its own transaction. Returns their names."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations").fetchall()}
    applied = []
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        with db.atomic():
            fn(db)
            db.execute(
                "INSERT INTO _migrations VALUES (?, ?)",
                [fn.__name__, datetime.now(UTC).isoformat(timespec="seconds")],
            )
        applied.append(fn.__name__)
    return applied


@migration
def m001_collect(db):
    db.execute("""
        CREATE TABLE sources (
            id TEXT PRIMARY KEY, name TEXT, kind TEXT, url TEXT, lang TEXT, issuer TEXT,
            tier TEXT, enabled INTEGER,
            etag TEXT, last_modified TEXT, body_hash TEXT,
            last_status TEXT, last_error TEXT, last_fetch_at TEXT, last_success_at TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0, next_fetch_at TEXT
        )""")
    db.execute("""
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY, command TEXT NOT NULL, started TEXT NOT NULL, finished TEXT,
            status TEXT NOT NULL, pid INTEGER, config TEXT,
            new INTEGER DEFAULT 0, updated INTEGER DEFAULT 0, unchanged INTEGER DEFAULT 0,
            duplicate INTEGER DEFAULT 0, failed INTEGER DEFAULT 0, warnings INTEGER DEFAULT 0,
            summary TEXT
        )""")
    db.execute("""
        CREATE TABLE fetches (
            id INTEGER PRIMARY KEY, run_id INTEGER REFERENCES runs(id),
            source_id TEXT REFERENCES sources(id), url TEXT NOT NULL, status INTEGER,
            bytes INTEGER, ms INTEGER, attempts INTEGER, error TEXT, at TEXT
        )""")
    db.execute("""
        CREATE TABLE documents (
            id TEXT PRIMARY KEY, url_id TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
            supersedes TEXT REFERENCES documents(id), url TEXT NOT NULL, fetched_url TEXT,
            external_id TEXT, source_id TEXT NOT NULL REFERENCES sources(id), issuer TEXT,
            title TEXT, published TEXT, date_method TEXT, lang TEXT, text TEXT NOT NULL,
            text_hash TEXT NOT NULL, doc_type TEXT, author TEXT, extraction TEXT,
            fetched_at TEXT, run_id INTEGER REFERENCES runs(id),
            fetch_id INTEGER REFERENCES fetches(id)
        )""")
    db.execute("CREATE UNIQUE INDEX documents_url_version ON documents(url_id, version)")
    db.execute("CREATE INDEX documents_text_hash ON documents(text_hash)")
    db.execute("CREATE INDEX documents_published ON documents(published)")
    db.execute("CREATE INDEX documents_source ON documents(source_id)")
    db.execute("CREATE INDEX fetches_run ON fetches(run_id)")
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61")


@migration
def m002_statements(db):
    db.execute("""
        CREATE TABLE analyses (
            document_id TEXT NOT NULL REFERENCES documents(id), pipeline TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id), processed_at TEXT,
            mentions INTEGER, statements INTEGER, PRIMARY KEY (document_id, pipeline)
        )""")
    db.execute("""
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
            pipeline TEXT NOT NULL, sentence INTEGER, start INTEGER, "end" INTEGER, text TEXT,
            actor_id TEXT, kind TEXT, label TEXT, role TEXT
        )""")
    db.execute("CREATE INDEX mentions_document ON mentions(document_id, pipeline)")
    db.execute("CREATE INDEX mentions_actor ON mentions(actor_id)")
    db.execute("""
        CREATE TABLE statements (
            id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
            pipeline TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 1,
            sentence INTEGER, start INTEGER, "end" INTEGER, text TEXT,
            speakers TEXT, speaker_text TEXT, speaker_source TEXT, cue TEXT, cue_lemma TEXT,
            content_start INTEGER, content_end INTEGER, targets TEXT,
            negated INTEGER, quoted INTEGER,
            published TEXT, lang TEXT, source_id TEXT, run_id INTEGER REFERENCES runs(id)
        )""")
    db.execute("CREATE INDEX statements_document ON statements(document_id, pipeline)")
    db.execute("CREATE INDEX statements_current_published ON statements(current, published)")
    db.execute("""
        CREATE TABLE statement_dyads (
            statement_id TEXT NOT NULL REFERENCES statements(id),
            speaker TEXT NOT NULL, target TEXT NOT NULL,
            PRIMARY KEY (statement_id, speaker, target)
        )""")
    db.execute("CREATE INDEX statement_dyads_pair ON statement_dyads(speaker, target)")


@migration
def m003_predictions(db):
    db.execute("""
        CREATE TABLE predictions (
            statement_id TEXT NOT NULL REFERENCES statements(id), model TEXT NOT NULL,
            cooperation INTEGER, tension INTEGER, p_cooperation REAL, p_tension REAL,
            event TEXT, p_event REAL, tone REAL, weight REAL,
            run_id INTEGER REFERENCES runs(id), created_at TEXT,
            PRIMARY KEY (statement_id, model)
        )""")
    db.execute("CREATE INDEX predictions_model ON predictions(model)")


WEEK = "date(day, '-6 days', 'weekday 1')"
QUARTER = "substr(day, 1, 4) || '-Q' || ((cast(substr(day, 6, 2) AS integer) + 2) / 3)"


@migration
def m004_tone_facts(db):
    """A narrow, indexed table behind the tone series: one row per prediction and
    directed country pair, with the period keys precomputed. Derived data: it can be
    rebuilt from statements, dyads and predictions at any time."""
    db.execute("""
        CREATE TABLE tone_facts (
            statement_id TEXT NOT NULL REFERENCES statements(id), model TEXT NOT NULL,
            speaker TEXT NOT NULL, target TEXT NOT NULL, day TEXT NOT NULL, week TEXT,
            month TEXT, quarter TEXT, source_id TEXT, lang TEXT, tone REAL,
            cooperation INTEGER, tension INTEGER, weight REAL,
            PRIMARY KEY (statement_id, model, speaker, target)
        )""")
    db.execute("""CREATE INDEX tone_facts_series ON tone_facts(model, speaker, target, day, tone,
                  cooperation, tension, weight, week, month, quarter, source_id, lang)""")
    db.execute("""
        CREATE TABLE statement_actors (
            statement_id TEXT NOT NULL REFERENCES statements(id), role TEXT NOT NULL,
            actor TEXT NOT NULL, PRIMARY KEY (statement_id, role, actor)
        )""")
    db.execute("CREATE INDEX statement_actors_actor ON statement_actors(actor, role)")
    db.execute("""INSERT INTO statement_actors SELECT s.id, 'speaker', j.value
                  FROM statements s, json_each(s.speakers) j""")
    db.execute("""INSERT OR IGNORE INTO statement_actors SELECT s.id, 'target', j.value
                  FROM statements s, json_each(s.targets) j""")
    db.execute(TONE_FACTS_INSERT.format(where="s.current = 1"))


TONE_FACTS_INSERT = f"""
    INSERT OR IGNORE INTO tone_facts
    SELECT statement_id, model, speaker, target, day, {WEEK}, substr(day, 1, 7), {QUARTER},
           source_id, lang, tone, cooperation, tension, weight
    FROM (SELECT p.statement_id, p.model, y.speaker, y.target, substr(s.published, 1, 10) AS day,
                 s.source_id, s.lang, p.tone, p.cooperation, p.tension, p.weight
          FROM predictions p JOIN statements s ON s.id = p.statement_id
          JOIN statement_dyads y ON y.statement_id = p.statement_id
          WHERE {{where}} AND s.published IS NOT NULL)"""


@migration
def m005_tone_daily(db):
    """Daily sums per model, dyad, source and language: the series read these (a few
    rows a day) instead of every statement, unless they filter on actors."""
    db.execute("""
        CREATE TABLE tone_daily (
            model TEXT NOT NULL, speaker TEXT NOT NULL, target TEXT NOT NULL, day TEXT NOT NULL,
            source_id TEXT NOT NULL, lang TEXT NOT NULL, week TEXT, month TEXT, quarter TEXT,
            n INTEGER, s REAL, ss REAL, c INTEGER, t INTEGER, sw REAL, w REAL,
            PRIMARY KEY (model, speaker, target, day, source_id, lang)
        )""")
    db.execute(TONE_DAILY_INSERT.format(where="1"))


TONE_DAILY_INSERT = """
    INSERT OR REPLACE INTO tone_daily
    SELECT model, speaker, target, day, coalesce(source_id, ''), coalesce(lang, ''), week, month, quarter,
           count(*), sum(tone), sum(tone * tone), sum(cooperation), sum(tension),
           sum(tone * abs(weight)), sum(abs(weight))
    FROM tone_facts WHERE {where}
    GROUP BY model, speaker, target, day, coalesce(source_id, ''), coalesce(lang, '')"""


@migration
def m006_supersedes_index(db):
    """Finding the latest version of each document must not scan the table per document."""
    db.execute("CREATE INDEX documents_supersedes ON documents(supersedes)")

"""Schema migrations, oldest first: version N is MIGRATIONS[N - 1]. Never edit a released one."""

MIGRATIONS: tuple[str, ...] = (
    # 1: Bot Framework state and content feedback (no user identity, by design).
    """
    CREATE TABLE state (
        key TEXT PRIMARY KEY,
        etag TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('helpful', 'not_helpful', 'unanswered', 'unclear')),
        entry_id TEXT,
        question TEXT
    );
    CREATE INDEX feedback_kind_entry ON feedback (kind, entry_id);
    """,
)

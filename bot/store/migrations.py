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
    # 2: the partnership register and completed theme intakes.
    """
    CREATE TABLE partnerships (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        purpose TEXT NOT NULL,
        form TEXT NOT NULL,
        mandated INTEGER NOT NULL CHECK (mandated IN (0, 1)),
        phase TEXT NOT NULL,
        account_holder_id TEXT NOT NULL,
        account_holder_name TEXT NOT NULL,
        created_by_id TEXT NOT NULL,
        created_by_name TEXT NOT NULL,
        next_evaluation TEXT,
        cadence TEXT NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX partnerships_account_holder ON partnerships (account_holder_id);
    CREATE INDEX partnerships_created_by ON partnerships (created_by_id);
    CREATE INDEX partnerships_due ON partnerships (archived, next_evaluation);
    CREATE TABLE partnership_partners (
        partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (partnership_id, position)
    );
    CREATE TABLE partnership_flags (
        partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
        flag TEXT NOT NULL,
        PRIMARY KEY (partnership_id, flag)
    );
    CREATE TABLE intakes (
        id INTEGER PRIMARY KEY,
        partnership_id INTEGER REFERENCES partnerships (id) ON DELETE SET NULL,
        theme TEXT NOT NULL,
        user_id TEXT,
        completed_at TEXT NOT NULL,
        summary_markdown TEXT NOT NULL
    );
    CREATE INDEX intakes_partnership ON intakes (partnership_id);
    CREATE INDEX intakes_user ON intakes (user_id);
    CREATE TABLE intake_answers (
        intake_id INTEGER NOT NULL REFERENCES intakes (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        answer TEXT CHECK (answer IN ('ja', 'nee', 'weet_niet', 'nvt')),
        note TEXT,
        PRIMARY KEY (intake_id, position)
    );
    CREATE TABLE partnership_handovers (
        id INTEGER PRIMARY KEY,
        partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
        requested_by_id TEXT NOT NULL,
        new_holder TEXT NOT NULL,
        requested_at TEXT NOT NULL
    );
    CREATE INDEX partnership_handovers_partnership ON partnership_handovers (partnership_id);
    CREATE INDEX partnership_handovers_requested_by ON partnership_handovers (requested_by_id);
    """,
)

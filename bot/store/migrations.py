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
    # 3: evaluation moments and reminders: kinds, history, send claims, conversation references.
    """
    ALTER TABLE partnerships ADD COLUMN evaluation_kind TEXT NOT NULL DEFAULT 'jaarlijks';
    ALTER TABLE partnerships
        ADD COLUMN reminders INTEGER NOT NULL DEFAULT 1 CHECK (reminders IN (0, 1));
    CREATE INDEX partnerships_reminders_due
        ON partnerships (archived, reminders, next_evaluation);
    CREATE TABLE evaluation_events (
        id INTEGER PRIMARY KEY,
        partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('completed', 'postponed')),
        due TEXT NOT NULL,
        new_due TEXT,
        reason TEXT,
        by_id TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX evaluation_events_partnership ON evaluation_events (partnership_id);
    CREATE TABLE reminders (
        id INTEGER PRIMARY KEY,
        partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
        due TEXT NOT NULL,
        lead_days INTEGER NOT NULL,
        send_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'undelivered')),
        lease_until TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        sent_at TEXT,
        UNIQUE (partnership_id, due, lead_days)
    );
    CREATE INDEX reminders_status_lease ON reminders (status, lease_until);
    CREATE TABLE conversation_references (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('personal', 'channel', 'groupChat')),
        user_id TEXT,
        reference TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        updated_at TEXT NOT NULL
    );
    CREATE INDEX conversation_references_user ON conversation_references (user_id);
    CREATE TABLE digests (
        week TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'sent')),
        lease_until TEXT,
        sent_at TEXT
    );
    """,
    # 4: hand-overs name the new account holder by Entra object id (requests made before
    # this version named a person only by text and can no longer be accepted).
    """
    ALTER TABLE partnership_handovers ADD COLUMN new_holder_id TEXT;
    CREATE INDEX partnership_handovers_new_holder ON partnership_handovers (new_holder_id);
    """,
    # 5: questions to expert teams (tickets), their history, the channels bound to the
    # teams, and the notifications about them (claimed with leases, like the reminders).
    """
    CREATE TABLE channel_bindings (
        team TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        team_id TEXT,
        reference TEXT NOT NULL,
        bound_by_id TEXT,
        bound_at TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        unbound_reason TEXT,
        unbound_at TEXT
    );
    CREATE INDEX channel_bindings_channel ON channel_bindings (channel_id);
    CREATE INDEX channel_bindings_team_id ON channel_bindings (team_id);
    CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        team TEXT NOT NULL,
        question TEXT NOT NULL,
        asker_id TEXT,
        asker_name TEXT,
        item_id TEXT,
        partnership_id INTEGER REFERENCES partnerships (id) ON DELETE SET NULL,
        status TEXT NOT NULL
            CHECK (status IN ('nieuw', 'opgepakt', 'beantwoord', 'gesloten', 'heropend')),
        picked_up_by_id TEXT,
        picked_up_by TEXT,
        answer TEXT,
        routed INTEGER NOT NULL DEFAULT 0 CHECK (routed IN (0, 1)),
        channel_activity_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        open_since TEXT,
        closed_at TEXT
    );
    CREATE INDEX tickets_team_status ON tickets (team, status);
    CREATE INDEX tickets_asker ON tickets (asker_id);
    CREATE INDEX tickets_closed ON tickets (status, closed_at);
    CREATE TABLE ticket_events (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        step TEXT NOT NULL,
        by_id TEXT,
        by_name TEXT,
        team TEXT NOT NULL,
        note TEXT,
        at TEXT NOT NULL
    );
    CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);
    CREATE TABLE ticket_notifications (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        event_id INTEGER REFERENCES ticket_events (id) ON DELETE CASCADE,
        kind TEXT NOT NULL
            CHECK (kind IN ('asker', 'channel_post', 'channel_update', 'channel_reply',
                            'channel_reminder')),
        team TEXT,
        activity_id TEXT,
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'claimed', 'sent', 'undelivered')),
        lease_until TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT
    );
    CREATE INDEX ticket_notifications_status ON ticket_notifications (status, lease_until);
    CREATE UNIQUE INDEX ticket_notifications_one_reminder
        ON ticket_notifications (ticket_id, team) WHERE kind = 'channel_reminder';
    """,
    # 6: appraisals with the waarderingskader: one row per appraisal, one per rated cell.
    """
    CREATE TABLE appraisals (
        id INTEGER PRIMARY KEY,
        partnership_id INTEGER REFERENCES partnerships (id) ON DELETE SET NULL,
        partnership_name TEXT NOT NULL,
        user_id TEXT,
        completed_at TEXT NOT NULL,
        opening TEXT,
        waters TEXT CHECK (waters IN ('rustig', 'onrustig')),
        own_organisation_change INTEGER CHECK (own_organisation_change IN (0, 1)),
        phase TEXT,
        cooperation TEXT,
        next_steps TEXT NOT NULL,
        summary_markdown TEXT NOT NULL
    );
    CREATE INDEX appraisals_partnership ON appraisals (partnership_id, completed_at);
    CREATE INDEX appraisals_user ON appraisals (user_id);
    CREATE TABLE appraisal_ratings (
        appraisal_id INTEGER NOT NULL REFERENCES appraisals (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        cell TEXT NOT NULL,
        rating TEXT NOT NULL
            CHECK (rating IN ('sterk', 'voldoende', 'aandacht', 'zorg', 'onbekend')),
        note TEXT,
        PRIMARY KEY (appraisal_id, position)
    );
    """,
    # 7: how important a partnership is for council and college (null: not decided yet), and
    # the kind of evaluation each completed or postponed moment was (null before this version).
    """
    ALTER TABLE partnerships ADD COLUMN importance TEXT;
    ALTER TABLE evaluation_events ADD COLUMN evaluation_kind TEXT;
    """,
    # 8: retention (AVG): one purge per day across instances, and the indexes it reads by.
    """
    CREATE TABLE purges (
        day TEXT PRIMARY KEY,
        purged_at TEXT NOT NULL,
        feedback INTEGER NOT NULL,
        states INTEGER NOT NULL
    );
    CREATE INDEX feedback_created ON feedback (created_at);
    CREATE INDEX state_updated ON state (updated_at);
    """,
)

-- +goose Up
-- The records of CCHC Inspect. Every mutable table carries version (optimistic
-- locking); timestamps are UTC; JSON documents are kept as text so that their
-- bytes (and hashes) are exactly what the app wrote. SQLite: booleans are
-- 0/1, dates are YYYY-MM-DD text, AUTOINCREMENT so that no id is ever reused.

CREATE TABLE agencies (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('department', 'district', 'commune', 'unit')),
    parent_id    INTEGER REFERENCES agencies (id),
    province     TEXT NOT NULL DEFAULT '',
    active       BOOLEAN NOT NULL DEFAULT 1,
    successor_id INTEGER REFERENCES agencies (id),
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL,
    search       TEXT NOT NULL DEFAULT '',
    CONSTRAINT agencies_code_key UNIQUE (code),
    CONSTRAINT agencies_successor_not_self CHECK (successor_id IS NULL OR successor_id <> id)
);
CREATE INDEX agencies_parent_id_idx ON agencies (parent_id);
CREATE INDEX agencies_successor_id_idx ON agencies (successor_id);
CREATE INDEX agencies_kind_idx ON agencies (kind);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT NOT NULL,
    full_name     TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'inspector', 'agency_officer')),
    agency_id     INTEGER REFERENCES agencies (id),
    active        BOOLEAN NOT NULL DEFAULT 1,
    password_hash TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL,
    search        TEXT NOT NULL DEFAULT '',
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_officer_has_agency CHECK (role <> 'agency_officer' OR agency_id IS NOT NULL)
);
CREATE INDEX users_agency_id_idx ON users (agency_id);
CREATE INDEX users_role_idx ON users (role);

CREATE TABLE sessions (
    id           TEXT NOT NULL PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL,
    expires_at   DATETIME NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    last_used_at DATETIME,
    revoked_at   DATETIME,
    CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

CREATE TABLE criteria_sets (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    year           INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    name           TEXT NOT NULL,
    scope          TEXT NOT NULL DEFAULT '' CHECK (scope IN ('', 'department', 'district', 'commune', 'unit')),
    description    TEXT NOT NULL DEFAULT '',
    copied_from_id INTEGER REFERENCES criteria_sets (id),
    version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL,
    CONSTRAINT criteria_sets_year_name_key UNIQUE (year, name)
);
CREATE INDEX criteria_sets_copied_from_id_idx ON criteria_sets (copied_from_id);

CREATE TABLE criteria (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    criteria_set_id INTEGER NOT NULL REFERENCES criteria_sets (id),
    parent_id       INTEGER REFERENCES criteria (id),
    code            TEXT NOT NULL,
    area            TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL,
    measure         TEXT NOT NULL CHECK (measure IN ('area', 'yes_no', 'percent', 'count', 'score', 'text')),
    max_score       REAL CHECK (max_score >= 0),
    sort_order      INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL,
    CONSTRAINT criteria_set_code_key UNIQUE (criteria_set_id, code)
);
CREATE INDEX criteria_parent_id_idx ON criteria (parent_id);
CREATE INDEX criteria_code_idx ON criteria (code);

CREATE TABLE plans (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title       TEXT NOT NULL,
    decision_no TEXT NOT NULL DEFAULT '',
    issued_on   DATE,
    issued_by   TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('draft', 'issued')),
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    search      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plans_year_idx ON plans (year);
CREATE INDEX plans_status_idx ON plans (status);

CREATE TABLE visits (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id                INTEGER NOT NULL REFERENCES plans (id),
    agency_id              INTEGER NOT NULL REFERENCES agencies (id),
    criteria_set_id        INTEGER NOT NULL REFERENCES criteria_sets (id),
    year                   INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    scheduled_on           DATE,
    visited_on             DATE,
    decision_no            TEXT NOT NULL DEFAULT '',
    kind                   TEXT NOT NULL CHECK (kind IN ('on_site', 'by_report', 'unannounced')),
    location               TEXT NOT NULL DEFAULT '',
    agency_representatives TEXT NOT NULL DEFAULT '[]',
    status                 TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'submitted', 'returned', 'approved', 'closed', 'cancelled')),
    version                INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at             DATETIME NOT NULL,
    updated_at             DATETIME NOT NULL,
    search                 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visits_year_idx ON visits (year, id);
CREATE INDEX visits_agency_id_idx ON visits (agency_id, id);
CREATE INDEX visits_plan_id_idx ON visits (plan_id, id);
CREATE INDEX visits_status_idx ON visits (status, id);
CREATE INDEX visits_criteria_set_id_idx ON visits (criteria_set_id);

CREATE TABLE team_members (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    visit_id   INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users (id),
    full_name  TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    role       TEXT NOT NULL CHECK (role IN ('lead', 'deputy', 'member', 'secretary')),
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX team_members_visit_id_idx ON team_members (visit_id);
CREATE INDEX team_members_user_id_idx ON team_members (user_id);
CREATE UNIQUE INDEX team_members_one_lead ON team_members (visit_id) WHERE role = 'lead';
CREATE UNIQUE INDEX team_members_user_once ON team_members (visit_id, user_id) WHERE user_id IS NOT NULL;

CREATE TABLE findings (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    visit_id     INTEGER NOT NULL REFERENCES visits (id),
    criterion_id INTEGER NOT NULL REFERENCES criteria (id),
    rating       TEXT CHECK (rating IN ('good', 'fair', 'poor', 'not_applicable')),
    value        REAL,
    score        REAL CHECK (score >= 0),
    note         TEXT NOT NULL DEFAULT '',
    self_score   REAL CHECK (self_score >= 0),
    self_note    TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL,
    CONSTRAINT findings_visit_criterion_key UNIQUE (visit_id, criterion_id)
);
CREATE INDEX findings_criterion_id_idx ON findings (criterion_id);

CREATE TABLE procedure_stats (
    visit_id                  INTEGER PRIMARY KEY REFERENCES visits (id),
    procedures_total          INTEGER NOT NULL DEFAULT 0 CHECK (procedures_total >= 0),
    online_full               INTEGER NOT NULL DEFAULT 0 CHECK (online_full >= 0),
    online_partial            INTEGER NOT NULL DEFAULT 0 CHECK (online_partial >= 0),
    one_stop_shop             BOOLEAN NOT NULL DEFAULT 0,
    interagency_one_stop_shop BOOLEAN NOT NULL DEFAULT 0,
    files_received            INTEGER NOT NULL DEFAULT 0 CHECK (files_received >= 0),
    files_carried_over        INTEGER NOT NULL DEFAULT 0 CHECK (files_carried_over >= 0),
    files_early               INTEGER NOT NULL DEFAULT 0 CHECK (files_early >= 0),
    files_on_time             INTEGER NOT NULL DEFAULT 0 CHECK (files_on_time >= 0),
    files_late                INTEGER NOT NULL DEFAULT 0 CHECK (files_late >= 0),
    files_pending             INTEGER NOT NULL DEFAULT 0 CHECK (files_pending >= 0),
    files_online              INTEGER NOT NULL DEFAULT 0 CHECK (files_online >= 0),
    apology_letters           INTEGER NOT NULL DEFAULT 0 CHECK (apology_letters >= 0),
    version                   INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at                DATETIME NOT NULL,
    CONSTRAINT procedure_stats_online_fits CHECK (online_full + online_partial <= procedures_total),
    CONSTRAINT procedure_stats_files_fit CHECK (files_early + files_on_time + files_late + files_pending <= files_received + files_carried_over),
    CONSTRAINT procedure_stats_online_files_fit CHECK (files_online <= files_received + files_carried_over)
);

CREATE TABLE staffing_stats (
    visit_id               INTEGER PRIMARY KEY REFERENCES visits (id),
    deputies_actual        INTEGER NOT NULL DEFAULT 0 CHECK (deputies_actual >= 0),
    deputies_max           INTEGER NOT NULL DEFAULT 0 CHECK (deputies_max >= 0),
    quota_assigned         INTEGER NOT NULL DEFAULT 0 CHECK (quota_assigned >= 0),
    staff_present          INTEGER NOT NULL DEFAULT 0 CHECK (staff_present >= 0),
    job_positions_approved BOOLEAN NOT NULL DEFAULT 0,
    version                INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at             DATETIME NOT NULL
);

CREATE TABLE shortcomings (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    visit_id     INTEGER NOT NULL REFERENCES visits (id),
    criterion_id INTEGER REFERENCES criteria (id),
    description  TEXT NOT NULL,
    cause        TEXT NOT NULL DEFAULT '',
    severity     TEXT NOT NULL CHECK (severity IN ('minor', 'major')),
    repeat_of_id INTEGER REFERENCES shortcomings (id),
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);
CREATE INDEX shortcomings_visit_id_idx ON shortcomings (visit_id, id);
CREATE INDEX shortcomings_criterion_id_idx ON shortcomings (criterion_id);
CREATE INDEX shortcomings_repeat_of_id_idx ON shortcomings (repeat_of_id);

CREATE TABLE actions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    shortcoming_id  INTEGER NOT NULL REFERENCES shortcomings (id),
    visit_id        INTEGER NOT NULL REFERENCES visits (id),
    agency_id       INTEGER NOT NULL REFERENCES agencies (id),
    description     TEXT NOT NULL,
    owner_agency_id INTEGER REFERENCES agencies (id),
    owner_name      TEXT NOT NULL DEFAULT '',
    due_on          DATE,
    status          TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'reported_done', 'verified')),
    verified_by     INTEGER REFERENCES users (id),
    verified_at     DATETIME,
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE INDEX actions_shortcoming_id_idx ON actions (shortcoming_id, id);
CREATE INDEX actions_visit_id_idx ON actions (visit_id);
CREATE INDEX actions_agency_status_idx ON actions (agency_id, status, id);
CREATE INDEX actions_status_due_on_idx ON actions (status, due_on);
CREATE INDEX actions_owner_agency_id_idx ON actions (owner_agency_id);

CREATE TABLE action_updates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id  INTEGER NOT NULL REFERENCES actions (id),
    note       TEXT NOT NULL DEFAULT '',
    status     TEXT CHECK (status IN ('open', 'in_progress', 'reported_done', 'verified')),
    author_id  INTEGER REFERENCES users (id),
    created_at DATETIME NOT NULL
);
CREATE INDEX action_updates_action_id_idx ON action_updates (action_id, id);

CREATE TABLE conclusions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    visit_id       INTEGER NOT NULL REFERENCES visits (id),
    overall_result TEXT CHECK (overall_result IN ('excellent', 'good', 'fair', 'poor')),
    strengths      TEXT NOT NULL DEFAULT '',
    limitations    TEXT NOT NULL DEFAULT '',
    causes         TEXT NOT NULL DEFAULT '',
    requests       TEXT NOT NULL DEFAULT '',
    document_no    TEXT NOT NULL DEFAULT '',
    issued_on      DATE,
    signer_name    TEXT NOT NULL DEFAULT '',
    signer_title   TEXT NOT NULL DEFAULT '',
    sign_prefix    TEXT NOT NULL DEFAULT '' CHECK (sign_prefix IN ('', 'TM.', 'KT.', 'Q.', 'TL.', 'TUQ.')),
    recipients     TEXT NOT NULL DEFAULT '[]',
    status         TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    submitted_by   INTEGER REFERENCES users (id),
    submitted_at   DATETIME,
    reviewed_by    INTEGER REFERENCES users (id),
    reviewed_at    DATETIME,
    review_note    TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL,
    CONSTRAINT conclusions_visit_id_key UNIQUE (visit_id)
);
CREATE INDEX conclusions_status_idx ON conclusions (status);

CREATE TABLE conclusion_snapshots (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    conclusion_id INTEGER NOT NULL REFERENCES conclusions (id),
    visit_id      INTEGER NOT NULL REFERENCES visits (id),
    content       TEXT NOT NULL,
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    approved_by   INTEGER NOT NULL REFERENCES users (id),
    approved_at   DATETIME NOT NULL
);
CREATE INDEX conclusion_snapshots_conclusion_id_idx ON conclusion_snapshots (conclusion_id, id);
CREATE INDEX conclusion_snapshots_visit_id_idx ON conclusion_snapshots (visit_id);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_type   TEXT NOT NULL CHECK (owner_type IN ('visit', 'finding', 'shortcoming', 'action', 'action_update', 'conclusion')),
    owner_id     INTEGER NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    created_by   INTEGER REFERENCES users (id),
    created_at   DATETIME NOT NULL
);
CREATE INDEX attachments_owner_idx ON attachments (owner_type, owner_id);

CREATE TABLE attachment_blobs (
    attachment_id INTEGER PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
    data          BLOB NOT NULL
);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          DATETIME NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    entity_type TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    action      TEXT NOT NULL,
    changes     TEXT NOT NULL DEFAULT '{}',
    request_id  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, id);
CREATE INDEX audit_events_actor_id_idx ON audit_events (actor_id, id);

-- +goose Down
DROP TABLE audit_events;
DROP TABLE attachment_blobs;
DROP TABLE attachments;
DROP TABLE conclusion_snapshots;
DROP TABLE conclusions;
DROP TABLE action_updates;
DROP TABLE actions;
DROP TABLE shortcomings;
DROP TABLE staffing_stats;
DROP TABLE procedure_stats;
DROP TABLE findings;
DROP TABLE team_members;
DROP TABLE visits;
DROP TABLE plans;
DROP TABLE criteria;
DROP TABLE criteria_sets;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE agencies;

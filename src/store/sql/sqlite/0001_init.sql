-- 0001_init: units, accounts, sessions, counters, audit trail.
-- Instants are INTEGER seconds since the Unix epoch, UTC.

CREATE TABLE units (
  id             INTEGER PRIMARY KEY,
  parent_id      INTEGER REFERENCES units(id),
  code           TEXT NOT NULL UNIQUE,
  agency_code    TEXT NOT NULL DEFAULT '',
  name           TEXT NOT NULL,
  name_en        TEXT NOT NULL DEFAULT '',
  kind           TEXT NOT NULL CHECK (kind IN ('province','district','commune','office','department','desk')),
  path           TEXT NOT NULL DEFAULT '',
  utc_offset_min INTEGER NOT NULL DEFAULT 420,
  tz             TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  address        TEXT NOT NULL DEFAULT '',
  phone          TEXT NOT NULL DEFAULT '',
  active         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX units_path ON units(path);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT UNIQUE COLLATE NOCASE,
  full_name     TEXT NOT NULL,
  phone         TEXT UNIQUE,
  email         TEXT UNIQUE COLLATE NOCASE,
  cccd          TEXT,
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  is_citizen    INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

CREATE TABLE user_roles (
  user_id  INTEGER NOT NULL REFERENCES users(id),
  role     TEXT NOT NULL CHECK (role IN ('admin','desk_officer','specialist','head','leader','reporter','citizen')),
  unit_id  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, role, unit_id)
);
CREATE INDEX user_roles_unit ON user_roles(unit_id);

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  csrf_token  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  client      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE counters (
  key          TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  count        INTEGER NOT NULL
);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor_id    INTEGER NOT NULL DEFAULT 0,
  unit_id     INTEGER NOT NULL DEFAULT 0,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id   TEXT NOT NULL DEFAULT '',
  detail      TEXT
);
CREATE INDEX audit_object ON audit_log(object_type, object_id);

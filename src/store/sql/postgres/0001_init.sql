-- 0001_init: units, accounts, sessions, counters, audit trail, and the
-- diacritic-folding function for search.  The PostgreSQL twin of
-- sql/sqlite/0001_init.sql: same tables, columns, defaults and CHECKs.
-- Instants are BIGINT seconds since the Unix epoch, UTC.
-- Applied by migrate() in one transaction under an advisory lock.

CREATE TABLE units (
  id             BIGSERIAL PRIMARY KEY,
  parent_id      BIGINT REFERENCES units(id),
  code           TEXT NOT NULL UNIQUE,
  agency_code    TEXT NOT NULL DEFAULT '',
  name           TEXT NOT NULL,
  name_en        TEXT NOT NULL DEFAULT '',
  kind           TEXT NOT NULL CHECK (kind IN ('province','district','commune','office','department','desk')),
  -- "C": byte order and byte prefixes, as on SQLite, whatever the locale
  path           TEXT COLLATE "C" NOT NULL DEFAULT '',
  utc_offset_min INTEGER NOT NULL DEFAULT 420,
  tz             TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  address        TEXT NOT NULL DEFAULT '',
  phone          TEXT NOT NULL DEFAULT '',
  active         BOOLEAN NOT NULL DEFAULT true
);
CREATE INDEX units_path ON units(path);

-- Empty username, phone and e-mail are NULL, so uniqueness binds real values
-- only.  Username and e-mail compare case-insensitively (SQLite: NOCASE).
CREATE TABLE users (
  id            BIGSERIAL PRIMARY KEY,
  username      TEXT,
  full_name     TEXT NOT NULL,
  phone         TEXT UNIQUE,
  email         TEXT,
  cccd          TEXT,
  password_hash TEXT NOT NULL,
  disabled      BOOLEAN NOT NULL DEFAULT false,
  is_citizen    BOOLEAN NOT NULL DEFAULT false,
  created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE user_roles (
  user_id  BIGINT NOT NULL REFERENCES users(id),
  role     TEXT COLLATE "C" NOT NULL
           CHECK (role IN ('admin','desk_officer','specialist','head','leader','reporter','citizen')),
  unit_id  BIGINT NOT NULL DEFAULT 0,   -- 0: a unit-less role, hence no foreign key
  PRIMARY KEY (user_id, role, unit_id)
);
CREATE INDEX user_roles_unit ON user_roles(unit_id);

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users(id),
  csrf_token  TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  client      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE counters (
  key          TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  count        BIGINT NOT NULL
);

CREATE TABLE audit_log (
  id          BIGSERIAL PRIMARY KEY,
  at          BIGINT NOT NULL,
  actor_id    BIGINT NOT NULL DEFAULT 0,
  unit_id     BIGINT NOT NULL DEFAULT 0,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id   TEXT NOT NULL DEFAULT '',
  detail      TEXT
);
CREATE INDEX audit_object ON audit_log(object_type, object_id);

-- motcua_fold(text): lower case without diacritics, đ/Đ as d, so that a search
-- for 'ho tich' or 'dang ky' finds 'Hộ tịch' and 'Đăng ký' (SQLite gets the
-- same from FTS5's remove_diacritics 2 plus its own đ folding).  unaccent()
-- is only STABLE (its dictionary could change), which forbids it in an index
-- expression; this IMMUTABLE wrapper promises the rules file does not change
-- under a built index (reindex after editing unaccent.rules).
-- CREATE EXTENSION needs the CREATE privilege on the database and, for
-- unaccent (a trusted extension since PostgreSQL 13), nothing more; an
-- operator may also create it beforehand: IF NOT EXISTS then skips it.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- The function names the extension's schema and dictionary explicitly, so it
-- does not depend on the search_path of whoever calls it (index builds,
-- autovacuum, pg_dump restores).  The schema is found in the catalog, not
-- assumed to be public.
DO $do$
DECLARE
  ns text;
BEGIN
  SELECT n.nspname INTO STRICT ns
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'unaccent';
  EXECUTE format(
    'CREATE OR REPLACE FUNCTION motcua_fold(t text) RETURNS text'
    || ' LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS %L',
    format('SELECT translate(lower(%I.unaccent(%L::regdictionary, t)), %L, %L)',
           ns, quote_ident(ns) || '.unaccent', 'đĐ', 'dd'));
END
$do$;

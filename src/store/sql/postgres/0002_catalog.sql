-- 0002_catalog: fields, procedures (current version), every version kept,
-- and the full-text index over folded text.  The PostgreSQL twin of
-- sql/sqlite/0002_catalog.sql.  Folding and tokenising are done in C (the
-- store builds the tsvector from the folded words itself, pg_catalog.c), so
-- both backends index exactly the same words; SQLite's FTS5 table becomes
-- the `search` column here, with the four parts weighted A (name), B (code),
-- C (field name) and D (everything else).

CREATE TABLE fields (
  code     TEXT COLLATE "C" PRIMARY KEY,
  name     TEXT NOT NULL,
  name_en  TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE procedures (
  id          BIGSERIAL PRIMARY KEY,
  code        TEXT COLLATE "C" NOT NULL UNIQUE,
  version     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  -- "C": the catalog lists by folded name in byte order, as SQLite does
  name_folded TEXT COLLATE "C" NOT NULL,
  field       TEXT COLLATE "C" NOT NULL REFERENCES fields(code),
  level       TEXT COLLATE "C" NOT NULL,
  agency      TEXT COLLATE "C" NOT NULL,
  online      TEXT COLLATE "C" NOT NULL,
  status      TEXT COLLATE "C" NOT NULL,
  inter_level BOOLEAN NOT NULL DEFAULT false,
  updated_at  BIGINT NOT NULL,
  doc         TEXT NOT NULL,
  search      TSVECTOR NOT NULL DEFAULT ''
);
CREATE INDEX procedures_filter ON procedures(status, level, field);
CREATE INDEX procedures_search ON procedures USING gin (search);

CREATE TABLE procedure_versions (
  code       TEXT COLLATE "C" NOT NULL,
  version    INTEGER NOT NULL,
  doc        TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (code, version)
);

-- 0002_catalog: fields, procedures (current version), every version kept,
-- and the full-text index over folded text (folding is done in C, so that
-- every backend indexes the same words).

CREATE TABLE fields (
  code     TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  name_en  TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE procedures (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  version     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  field       TEXT NOT NULL REFERENCES fields(code),
  level       TEXT NOT NULL,
  agency      TEXT NOT NULL,
  online      TEXT NOT NULL,
  status      TEXT NOT NULL,
  inter_level INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL,
  doc         TEXT NOT NULL
);
CREATE INDEX procedures_filter ON procedures(status, level, field);

CREATE TABLE procedure_versions (
  code       TEXT NOT NULL,
  version    INTEGER NOT NULL,
  doc        TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (code, version)
);

CREATE VIRTUAL TABLE procedures_fts USING fts5(name, code, field, body, tokenize = 'unicode61');

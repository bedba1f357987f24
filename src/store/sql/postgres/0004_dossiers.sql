-- 0004_dossiers: dossiers (hồ sơ) and their append-only histories.  The
-- PostgreSQL twin of sql/sqlite/0004_dossiers.sql.
-- The columns after `doc` cache the fold of the events (domain/dossier.c);
-- `version` is the number of events, used as the optimistic-concurrency
-- check: an update names the version it read, and loses if another won
-- (UPDATE ... WHERE version = $expected: under READ COMMITTED the loser
-- waits for the winner's row lock, re-reads the row and matches nothing).

CREATE TABLE dossiers (
  id                BIGSERIAL PRIMARY KEY,
  code              TEXT COLLATE "C" NOT NULL UNIQUE,
  procedure_code    TEXT NOT NULL,
  procedure_version INTEGER NOT NULL,
  receiving_unit_id BIGINT NOT NULL REFERENCES units(id),
  desk_unit_id      BIGINT NOT NULL REFERENCES units(id),
  resolving_unit_id BIGINT NOT NULL REFERENCES units(id),
  channel           TEXT NOT NULL CHECK (channel IN ('direct','online','postal','transfer')),
  applicant_kind    TEXT NOT NULL CHECK (applicant_kind IN ('individual','organisation')),
  applicant_name    TEXT NOT NULL,
  applicant_folded  TEXT NOT NULL DEFAULT '',
  applicant_id      TEXT NOT NULL DEFAULT '',
  applicant_phone   TEXT NOT NULL DEFAULT '',
  applicant_email   TEXT NOT NULL DEFAULT '',
  citizen_id        BIGINT NOT NULL DEFAULT 0,
  doc               TEXT NOT NULL,
  state             TEXT COLLATE "C" NOT NULL,
  step              INTEGER NOT NULL DEFAULT -1,
  step_unit_id      BIGINT NOT NULL DEFAULT 0,
  step_role         TEXT NOT NULL DEFAULT '',
  assignee_id       BIGINT NOT NULL DEFAULT 0,
  received_at       BIGINT NOT NULL DEFAULT 0,
  legal_due         BIGINT NOT NULL DEFAULT 0,
  appointment       BIGINT NOT NULL DEFAULT 0,
  finished_at       BIGINT NOT NULL DEFAULT 0,
  returned_at       BIGINT NOT NULL DEFAULT 0,
  closed_at         BIGINT NOT NULL DEFAULT 0,
  supplement_count  INTEGER NOT NULL DEFAULT 0,
  apology_count     INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL,
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL
);
CREATE INDEX dossiers_step_unit ON dossiers(step_unit_id, state, appointment);
CREATE INDEX dossiers_receiving ON dossiers(receiving_unit_id, received_at);
CREATE INDEX dossiers_citizen ON dossiers(citizen_id) WHERE citizen_id <> 0;
CREATE INDEX dossiers_state ON dossiers(state, legal_due);

CREATE TABLE dossier_events (
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  seq        INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  at         BIGINT NOT NULL,
  actor_id   BIGINT NOT NULL DEFAULT 0,
  unit_id    BIGINT NOT NULL DEFAULT 0,
  step       INTEGER NOT NULL DEFAULT 0,
  data       TEXT NOT NULL,
  PRIMARY KEY (dossier_id, seq)
);

-- the daily sequence of dossier codes, per receiving agency: one atomic
-- INSERT ... ON CONFLICT DO UPDATE ... RETURNING per number
CREATE TABLE dossier_numbers (
  agency_code TEXT NOT NULL,
  day         TEXT NOT NULL,
  last        INTEGER NOT NULL,
  PRIMARY KEY (agency_code, day)
);

-- 0003_calendar: yearly overrides of the working calendar (days off, worked
-- weekend days, removed holidays), national (unit_id 0) or for a unit's
-- subtree.  `day` is the local date as days since 1970-01-01.  The
-- PostgreSQL twin of sql/sqlite/0003_calendar.sql.

CREATE TABLE calendar_overrides (
  unit_id    BIGINT NOT NULL DEFAULT 0,   -- 0: national, hence no foreign key
  day        INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('off','work','remove')),
  reason_vi  TEXT NOT NULL DEFAULT '',
  reason_en  TEXT NOT NULL DEFAULT '',
  source     TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, day)
);
CREATE INDEX calendar_overrides_day ON calendar_overrides(day);

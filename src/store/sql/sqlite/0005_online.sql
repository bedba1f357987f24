-- 0005_online: online public services.  kv holds small JSON documents by
-- (scope, key): a unit's bank account, a citizen's profile, one-time codes,
-- online drafts.  outbox is the notification queue the worker drains.
-- attachments are the metadata of uploaded files (content on disk, named by
-- the SHA-256 of the content).

CREATE TABLE kv (
  scope      TEXT NOT NULL,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  channel    TEXT NOT NULL CHECK (channel IN ('email','sms')),
  recipient  TEXT NOT NULL,
  subject    TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL,
  kind       TEXT NOT NULL DEFAULT '',
  status     TEXT NOT NULL CHECK (status IN ('queued','sending','sent','failed')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  next_at    INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at    INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(status, next_at);

CREATE TABLE attachments (
  id             INTEGER PRIMARY KEY,
  owner          TEXT NOT NULL,
  document_index INTEGER NOT NULL DEFAULT -1,
  purpose        TEXT NOT NULL CHECK (purpose IN ('document','supplement','result')),
  sha256         TEXT NOT NULL,
  content_type   TEXT NOT NULL,
  size           INTEGER NOT NULL,
  filename       TEXT NOT NULL DEFAULT '',
  uploaded_by    INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL
);
CREATE INDEX attachments_owner ON attachments(owner, id);

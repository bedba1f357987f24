-- 0007_dossiers_opinion: the unit whose opinion a dossier waits for (the
-- target of its last "ask_opinion" while an opinion is still owed; 0 when
-- none), so that a department finds the dossiers it was asked about
-- (GET /api/v1/dossiers?view=opinions) without reading every history.
-- Dossiers already waiting when this runs get it from their events.
ALTER TABLE dossiers ADD COLUMN opinion_unit_id INTEGER NOT NULL DEFAULT 0;
UPDATE dossiers SET opinion_unit_id = COALESCE((
    SELECT u.id FROM dossier_events e JOIN units u ON u.code = json_extract(e.data, '$.target_unit')
    WHERE e.dossier_id = dossiers.id AND e.kind = 'ask_opinion' ORDER BY e.seq DESC LIMIT 1), 0)
  WHERE state IN ('processing', 'waiting_supplement')
    AND (SELECT count(*) FROM dossier_events e WHERE e.dossier_id = dossiers.id AND e.kind = 'ask_opinion')
      > (SELECT count(*) FROM dossier_events e WHERE e.dossier_id = dossiers.id AND e.kind = 'give_opinion');
CREATE INDEX dossiers_opinion ON dossiers(opinion_unit_id) WHERE opinion_unit_id <> 0;

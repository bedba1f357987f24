-- 0006_dossiers_finished: the period reports (Biểu 06 and the quality
-- evaluation) ask for the dossiers received before a period's end and not
-- finished before its start (dossier_filter.active_since).  Without an index
-- that is a scan of the whole history; with this one, the dossiers still open
-- (finished_at = 0) and those finished since the start are two range searches,
-- bounded by received_at, whatever the number of years kept.
CREATE INDEX dossiers_finished ON dossiers(finished_at, received_at);

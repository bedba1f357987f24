-- 0008_dossiers_units: a period report on a small subtree (a commune's
-- Biểu 06) selects the dossiers received, resolved, held or at a desk in
-- one of the subtree's few units (dossier_filter.any_unit_path with
-- active_since).  dossiers_receiving and dossiers_step_unit (0004) serve two
-- of the four; these serve the other two, so that the four together are one
-- BitmapOr instead of the period's candidates of the whole province.
CREATE INDEX dossiers_resolving ON dossiers(resolving_unit_id, received_at);
CREATE INDEX dossiers_desk ON dossiers(desk_unit_id, received_at);

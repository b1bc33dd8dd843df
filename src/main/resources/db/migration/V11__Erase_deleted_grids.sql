-- A deleted grid keeps its row and loses its data. It answers 410 Gone on every route ("removed by
-- its poster" after a delete with its token, "deleted" after the admin command), never 404, and
-- its id is never handed out again (imported legacy ids must not name a different grid later).
-- Kept: id, secret, a secret grid's token (its id in URLs), deleted_at and deleted_by.
-- Erased (NULL): everything posted, created_at, hidden_at and delete_token_hash. The check holds
-- the rule: a row is either whole or erased.
DO $$
DECLARE
    grids TEXT;
BEGIN
    FOREACH grids IN ARRAY ARRAY['public_grids', 'secret_grids'] LOOP
        EXECUTE format('ALTER TABLE %1$I ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE', grids);
        EXECUTE format('ALTER TABLE %1$I ADD COLUMN deleted_by TEXT CONSTRAINT %1$s_deleted_by CHECK (deleted_by IN (''poster'', ''admin''))', grids);
        EXECUTE format('ALTER TABLE %1$I ALTER COLUMN ipb_version DROP NOT NULL, ALTER COLUMN python_version DROP NOT NULL, '
            'ALTER COLUMN grid_data DROP NOT NULL, ALTER COLUMN ipb_class DROP NOT NULL, ALTER COLUMN created_at DROP NOT NULL', grids);
        EXECUTE format('ALTER TABLE %1$I ADD CONSTRAINT %1$s_whole_or_erased CHECK ('
            '(deleted_at IS NULL AND deleted_by IS NULL AND ipb_version IS NOT NULL AND python_version IS NOT NULL '
            ' AND grid_data IS NOT NULL AND ipb_class IS NOT NULL AND created_at IS NOT NULL) '
            'OR (deleted_at IS NOT NULL AND deleted_by IS NOT NULL AND ipb_version IS NULL AND python_version IS NULL '
            ' AND grid_data IS NULL AND code_cells IS NULL AND ipb_class IS NULL AND created_at IS NULL '
            ' AND hidden_at IS NULL AND delete_token_hash IS NULL))', grids);
    END LOOP;
END
$$;

-- The schema of the 2017 ipythonblocks.org database (SQLAlchemy, July 2017), column for column.
-- A database created by the 2017 app has these tables but no Flyway history: Flyway baselines it at
-- version 1 (quarkus.flyway.baseline-on-migrate) and V2 onwards upgrade it in place. An empty
-- database runs this file first, so both paths reach the same schema.
CREATE TABLE public_grids (
    id             SERIAL PRIMARY KEY,
    ipb_version    TEXT NOT NULL,
    python_version JSONB NOT NULL,
    grid_data      JSONB NOT NULL,
    code_cells     JSONB,
    ipb_class      TEXT NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    secret         BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE secret_grids (
    id             SERIAL PRIMARY KEY,
    ipb_version    TEXT NOT NULL,
    python_version JSONB NOT NULL,
    grid_data      JSONB NOT NULL,
    code_cells     JSONB,
    ipb_class      TEXT NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    secret         BOOLEAN NOT NULL DEFAULT TRUE
);

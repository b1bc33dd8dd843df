-- The rate limits' token buckets, shared by every web process (web.RateLimits): one row per bucket
-- name and client address ('post:203.0.113.7'). tokens: what the bucket held at updated_at, after the
-- statement that last took from it (allowed: whether it could). full_at: when it will be full again;
-- a full bucket is the same as no row, so rows past full_at are deleted.
-- UNLOGGED: no write-ahead log for a counter that matters for minutes; after a crash of the database
-- the table is empty, which only gives every address a full bucket.
CREATE UNLOGGED TABLE rate_limit_buckets (
    bucket_key TEXT PRIMARY KEY,
    tokens DOUBLE PRECISION NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    full_at TIMESTAMP WITH TIME ZONE NOT NULL,
    allowed BOOLEAN NOT NULL
);

-- A key reused with another body must be refused (422), not answered with the
-- first request's result. Each key now keeps a hash of what its request carried:
-- method, path and body, canonically ordered, without the CSRF token. Keys stored
-- before this migration have none and are still matched on their request line.
ALTER TABLE idempotency_keys ADD COLUMN request_hash TEXT;

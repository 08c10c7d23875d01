-- Search (issue 11): every search also looks the words up as a ticket number, case-insensitively
-- (upper(number) = :q). Without an index on that expression each search scanned the whole ticket table: 1.1 s of a
-- search at 1.1 million tickets (docs/benchmarks.md).
CREATE INDEX ix_ticket_number_upper ON ticket (upper(number));

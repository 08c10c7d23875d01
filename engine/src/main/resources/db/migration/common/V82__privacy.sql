-- Privacy (issue 15 part 6): the key of the keyed hash that makes pseudonyms (person-<hash>). Without it a pseudonym
-- cannot be recomputed from a guessed address, so nobody who merely knows an e-mail can recognise its erased owner.
-- One row, written by the application on first use (random, never shown).
CREATE TABLE privacy_key (
    id      integer       NOT NULL PRIMARY KEY,
    secret  varchar(128)  NOT NULL
);

-- When the retention job removed a closed ticket's personal data; NULL: not yet. Makes the job idempotent.
ALTER TABLE ticket ADD COLUMN personal_data_removed_at timestamp(6) with time zone;

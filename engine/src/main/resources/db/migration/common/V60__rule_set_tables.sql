-- Rule sets edited as decision tables (issue 12): a version is either DRL text written by a rule developer or a
-- table from which the server generated the DRL in the drl column; the table is kept as JSON so that it can be
-- edited, exported and diffed as a table. Every existing version is DRL.
ALTER TABLE rule_set_version ADD COLUMN format varchar(10) DEFAULT 'DRL' NOT NULL;
ALTER TABLE rule_set_version ADD COLUMN table_json varchar(1000000);

-- Mail into tickets at volume (issue 9): every mail that opens a ticket asks whether its sender may get one more
-- automatic answer this hour (Outbox.mayAnswerAutomatically: count of the outbox rows to lower(recipient) since an
-- hour ago). ix_mail_outbox_recipient is on recipient as written, so the count read the whole outbox instead: at a
-- 20,000-mail backlog the one statement that grew with the table. On the expression the count is an index range.
-- PostgreSQL only; H2 has no expression indexes, and its outboxes are tests' and demos'.
CREATE INDEX ix_mail_outbox_recipient_lower ON mail_outbox (lower(recipient), created_at);

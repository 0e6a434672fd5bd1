-- A "delete for me" takes a number in the conversation's change order (conversation.last_seq),
-- so the reader's other devices learn of it in their next catch-up (afterSeq). Hides made
-- before this column existed count as 0: older than any cursor.
alter table hidden_message add column version bigint not null default 0;

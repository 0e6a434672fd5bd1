-- Most messages carry no file: index only those that do, so that a text message's insert writes no GIN entry.
-- Queries repeat the predicate (cardinality(attachment_ids) > 0) so that the planner can use this index.
drop index message_attachment_ids;
create index message_attachment_ids on message using gin (attachment_ids)
    where deleted_version is null and cardinality(attachment_ids) > 0;

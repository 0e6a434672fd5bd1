-- GIN indexes write new entries straight into the index, not into a pending list first.
--
-- With fastupdate (PostgreSQL's default) a new message's keys wait in the index's pending list
-- until a vacuum, or until the list outgrows gin_pending_list_limit (4 MB), and every search reads
-- the whole list and checks each of its entries against each of its keys. A search over someone's
-- hundred conversations asks for a hundred keys: with 15,000 entries waiting, the search for a word
-- no message holds took 44 ms, and 2 ms once the list was merged. Sending a message costs a few
-- index insertions more instead, in the same write.
alter index message_search set (fastupdate = off);
alter index message_attachment_ids set (fastupdate = off);

-- What already waits is merged now, not at the next vacuum.
select gin_clean_pending_list('message_search'::regclass);
select gin_clean_pending_list('message_attachment_ids'::regclass);

-- The search index keyed by conversation and word together. V10's index over
-- (conversation_id, search_vector) (btree_gin) keeps the two as separate keys, so each probe for a
-- conversation walked the word's whole posting list, every conversation's matches of it: a common
-- word cost as much as its matches in the whole table, once per conversation of the caller.
--
-- Here each message's keys are its distinct words, each hashed together with its conversation into
-- a 32-bit number: a search over the caller's conversations asks for those conversations' keys of
-- its words and reads only their matches. A hash shared by chance with another conversation's word
-- only adds candidates, which the search drops (it checks the conversation and the words again).
-- Positions stay in search_vector, for ranking and phrases.
create function search_keys(conversation uuid, words tsvector) returns int[]
    language sql immutable strict parallel safe
    return array(select ('x' || left(md5(conversation::text || w), 8))::bit(32)::int
                 from unnest(tsvector_to_array(words)) w);

drop index message_search;
create index message_search on message using gin (search_keys(conversation_id, search_vector));

drop extension btree_gin;

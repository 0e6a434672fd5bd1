-- Message search (GET /api/search/messages): whole words, case- and accent-insensitive ("cafe" finds
-- "Café"), in any language: no stemming and no stop words, since people write in many languages and
-- names must match as typed.
create extension if not exists unaccent with schema messaging;
create extension if not exists btree_gin with schema messaging;
create text search configuration parley_search (copy = pg_catalog.simple);
alter text search configuration parley_search
    alter mapping for word, hword, hword_part with unaccent, simple;

-- Kept by PostgreSQL as the text changes (an edit; a delete for everyone empties it). A table that
-- already holds messages is rewritten once here.
alter table message add column search_vector tsvector
    generated always as (to_tsvector('parley_search', text)) stored;

-- By conversation and word together (btree_gin), so that a search over the caller's conversations
-- reads only their matches, however many other people's messages hold the same word.
create index message_search on message using gin (conversation_id, search_vector);

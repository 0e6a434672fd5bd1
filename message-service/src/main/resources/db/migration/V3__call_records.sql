-- A call leaves a message of kind 'call' in its conversation, from the caller, with its
-- client_message_id 'call:<callId>' (so it is recorded once).
alter table message add column kind text not null default 'text';
alter table message add column call_media text;
alter table message add column call_outcome text;
alter table message add column call_duration_seconds integer;

-- A group call's record names everyone who took part (null for a one-to-one call, whose
-- two people are the conversation's).
alter table message add column call_participant_ids uuid[];

-- A member's own mute of a conversation: no notifications until then (null: not muted).
alter table member add column muted_until timestamptz;

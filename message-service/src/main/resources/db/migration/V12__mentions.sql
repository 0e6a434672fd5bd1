-- Mentions: the members a message names as @username (found when it is sent or edited).
alter table message add column mention_ids uuid[] not null default '{}';

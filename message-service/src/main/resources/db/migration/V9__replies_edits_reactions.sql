-- Replies: the message a message answers, in the same conversation.
alter table message add column reply_to_seq bigint;
-- Edits: when the text last changed.
alter table message add column edited_at timestamptz;
-- An edit or a reaction takes a number in the conversation's change order, as a delete
-- for everyone does (deleted_version), so that a catch-up (afterSeq) brings it.
alter table message add column changed_version bigint;
create index message_changed on message (conversation_id, changed_version) where changed_version is not null;

-- One row per person and emoji on a message; gone with the message.
create table reaction (
    conversation_id uuid not null,
    seq bigint not null,
    emoji text not null,
    user_id uuid not null,
    created_at timestamptz not null default now(),
    primary key (conversation_id, seq, emoji, user_id),
    foreign key (conversation_id, seq) references message (conversation_id, seq) on delete cascade
);

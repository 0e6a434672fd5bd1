-- Conversations. last_seq counts every change that clients order by: a new message
-- takes the next value as its seq, a delete for everyone as the message's version.
create table conversation (
    id                uuid primary key,
    kind              text        not null check (kind in ('DIRECT', 'GROUP')),
    title             text,
    -- DIRECT only: '<lower user id>:<higher user id>', so a pair has one conversation.
    direct_key        text unique,
    created_at        timestamptz not null default now(),
    last_activity_at  timestamptz not null default now(),
    last_seq          bigint      not null default 0,
    check ((kind = 'DIRECT') = (direct_key is not null))
);

create table member (
    conversation_id  uuid        not null references conversation (id) on delete cascade,
    user_id          uuid        not null,
    role             text        not null check (role in ('ADMIN', 'MEMBER')),
    joined_at        timestamptz not null default now(),
    last_read_seq    bigint      not null default 0,
    -- Everything up to here is cleared for this member ("clear conversation").
    cleared_seq      bigint      not null default 0,
    primary key (conversation_id, user_id)
);
create index member_user on member (user_id);

-- The primary key is the history index: a page is a short range scan at any size.
create table message (
    conversation_id    uuid        not null references conversation (id) on delete cascade,
    seq                bigint      not null,
    id                 uuid        not null unique,
    sender_id          uuid        not null,
    client_message_id  text        not null,
    text               text        not null default '',
    attachment_ids     text[]      not null default '{}',
    created_at         timestamptz not null default now(),
    -- Set by a delete for everyone (the tombstone's place in the change order).
    deleted_version    bigint,
    deleted_at         timestamptz,
    primary key (conversation_id, seq)
);
create unique index message_client_id on message (sender_id, client_message_id);
create index message_deleted on message (conversation_id, deleted_version) where deleted_version is not null;

-- "Delete for me".
create table hidden_message (
    user_id          uuid   not null,
    conversation_id  uuid   not null,
    seq              bigint not null,
    primary key (user_id, conversation_id, seq),
    foreign key (conversation_id, seq) references message (conversation_id, seq) on delete cascade
);

-- Read models of user-service's social graph (from parley.social-events and
-- parley.account-events). Each row keeps the time of the event that set it, so an older
-- event arriving late never undoes a newer one.
create table person (
    id               uuid primary key,
    username         text        not null,
    display_name     text        not null,
    avatar_media_id  text,
    changed_at       timestamptz not null
);

create table friendship (
    user_low    uuid        not null,
    user_high   uuid        not null,
    active      boolean     not null,
    changed_at  timestamptz not null,
    primary key (user_low, user_high),
    check (user_low < user_high)
);

create table block (
    blocker_id  uuid        not null,
    blocked_id  uuid        not null,
    active      boolean     not null,
    changed_at  timestamptz not null,
    primary key (blocker_id, blocked_id)
);

create table outbox (
    seq         bigserial primary key,
    topic       text        not null,
    event_key   text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

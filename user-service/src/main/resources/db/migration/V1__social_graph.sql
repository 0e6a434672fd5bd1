-- Profiles, created from account.registered. The *_key columns hold the lower-case,
-- accent-free forms that search compares (prefix search uses text_pattern_ops indexes).
create table profile (
    id                uuid primary key,
    username          text        not null,
    username_key      text        not null,
    display_name      text        not null,
    display_name_key  text        not null,
    email             text        not null,
    email_key         text        not null,
    bio               text        not null default '',
    avatar_media_id   text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    last_seen_at      timestamptz
);
create unique index profile_username_key on profile (username_key text_pattern_ops);
create index profile_display_name_key on profile (display_name_key text_pattern_ops);
create index profile_email_key on profile (email_key);

create table friend_request (
    id            uuid primary key,
    sender_id     uuid        not null references profile (id),
    recipient_id  uuid        not null references profile (id),
    status        text        not null,
    created_at    timestamptz not null default now(),
    responded_at  timestamptz,
    check (sender_id <> recipient_id)
);
-- At most one pending request between two people, whoever sent it.
create unique index friend_request_one_pending on friend_request
    (least(sender_id, recipient_id), greatest(sender_id, recipient_id)) where status = 'PENDING';
create index friend_request_incoming on friend_request (recipient_id, created_at desc) where status = 'PENDING';
create index friend_request_outgoing on friend_request (sender_id, created_at desc) where status = 'PENDING';

-- One row per pair, lower id first.
create table friendship (
    user_low    uuid        not null references profile (id),
    user_high   uuid        not null references profile (id),
    created_at  timestamptz not null default now(),
    primary key (user_low, user_high),
    check (user_low < user_high)
);
create index friendship_high on friendship (user_high);

create table block (
    blocker_id  uuid        not null references profile (id),
    blocked_id  uuid        not null references profile (id),
    created_at  timestamptz not null default now(),
    primary key (blocker_id, blocked_id),
    check (blocker_id <> blocked_id)
);
create index block_blocked on block (blocked_id);

create table outbox (
    seq         bigserial primary key,
    topic       text        not null,
    event_key   text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

-- Active accounts. E-mail and username are unique whatever their case.
create table account (
    id                   uuid primary key,
    email                text        not null,
    username             text        not null,
    display_name         text        not null,
    password_hash        text        not null,
    created_at           timestamptz not null default now(),
    password_changed_at  timestamptz not null default now()
);
create unique index account_email_key on account (lower(email));
create unique index account_username_key on account (lower(username));

-- A sign-up waiting for its e-mailed code; a new sign-up for the same e-mail replaces it.
create table pending_signup (
    email_key      text primary key,
    email          text        not null,
    username       text        not null,
    display_name   text        not null,
    password_hash  text        not null,
    created_at     timestamptz not null default now()
);

-- One-time codes, stored salted and hashed. Only the newest unused code of an e-mail and
-- purpose counts.
create table one_time_code (
    id               uuid primary key,
    email_key        text        not null,
    purpose          text        not null,
    code_hash        text        not null,
    expires_at       timestamptz not null,
    failed_attempts  int         not null default 0,
    used_at          timestamptz,
    created_at       timestamptz not null default now()
);
create index one_time_code_lookup on one_time_code (email_key, purpose, created_at desc);

-- Refresh tokens, stored hashed. A family is one sign-in; rotation adds to it, and reuse of a
-- rotated token revokes all of it.
create table refresh_token (
    id          uuid primary key,
    family_id   uuid        not null,
    account_id  uuid        not null references account (id) on delete cascade,
    token_hash  text        not null unique,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    rotated_at  timestamptz,
    revoked_at  timestamptz
);
create index refresh_token_family on refresh_token (family_id);
create index refresh_token_account_live on refresh_token (account_id) where revoked_at is null;

-- Events waiting to be relayed to Kafka (see the platform's Outbox).
create table outbox (
    seq         bigserial primary key,
    topic       text        not null,
    event_key   text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

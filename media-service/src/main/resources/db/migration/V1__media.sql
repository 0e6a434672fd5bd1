-- Uploaded files: their metadata here, their bytes in the store (local disk or Cloudinary) under storage_key.
create table media (
    id               uuid primary key,
    owner_id         uuid        not null,
    purpose          text        not null check (purpose in ('AVATAR', 'ATTACHMENT')),
    content_type     text        not null,
    size             bigint      not null check (size >= 0),
    name             text        not null,
    width            integer,
    height           integer,
    duration_seconds double precision,
    storage_key      text        not null,
    -- Whether the store holds a thumbnail (images) and an avatar rendition.
    has_thumbnail    boolean     not null default false,
    created_at       timestamptz not null default now(),
    -- What it is used for, set by a claim: an AVATAR, or a MESSAGE in conversation_id, sent under
    -- client_message_id. Unclaimed uploads older than a day are purged.
    attached_as      text check (attached_as in ('AVATAR', 'MESSAGE')),
    conversation_id  uuid,
    client_message_id text,
    attached_at      timestamptz
);

create index media_owner on media (owner_id);
create index media_unclaimed on media (created_at) where attached_as is null;

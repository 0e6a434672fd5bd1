-- Keys that sign access tokens. The newest unretired key signs; retired keys stay published
-- until every token they signed has expired.
create table signing_key (
    kid         text primary key,
    jwk         text        not null,
    created_at  timestamptz not null default now(),
    retired_at  timestamptz
);

create index signing_key_active on signing_key (created_at desc) where retired_at is null;

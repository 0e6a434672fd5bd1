-- A sign-up is no longer replaced by a later one for the same e-mail: each has its own id
-- (returned only to whoever started it) and its own code, and verification needs both, so
-- a stranger who knows an e-mail address cannot swap in their own password. A live sign-up
-- reserves its username. Sign-ups pending at the upgrade are dropped (they start again).
drop table pending_signup;
create table pending_signup (
    id             uuid primary key,
    email_key      text        not null,
    email          text        not null,
    username       text        not null,
    display_name   text        not null,
    password_hash  text        not null,
    created_at     timestamptz not null default now(),
    expires_at     timestamptz not null
);
create index pending_signup_email on pending_signup (email_key);
create index pending_signup_username on pending_signup (lower(username));

-- The sign-up a code was sent for (null for password resets). Only the newest unused code of
-- an e-mail, purpose and subject counts.
alter table one_time_code add column subject uuid;
delete from one_time_code where purpose = 'SIGNUP' and used_at is null;
drop index one_time_code_lookup;
create index one_time_code_lookup on one_time_code (email_key, purpose, subject, created_at desc);

-- Whether people added to a group see what was said before they joined. Off by default:
-- an added member starts with everything before their joining cleared (member.cleared_seq).
alter table conversation add column new_members_see_history boolean not null default false;

-- What media-service said of each attachment when it was claimed (id, url, type, size, name, dimensions),
-- so that history and events carry it; attachment_ids stays for finding the message that holds an upload.
alter table message add column attachments jsonb not null default '[]';
create index message_attachment_ids on message using gin (attachment_ids) where deleted_version is null;

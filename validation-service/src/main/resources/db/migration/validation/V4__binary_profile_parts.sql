-- A profile part is stored for every poll's batch and partition: some hundreds of kilobytes of JSON numbers (the
-- sample and the value hashes of every column). As jsonb, parsing and compressing them cost PostgreSQL about
-- 7 us of CPU per record on the record path, more than everything else validation stores. Parts are now written
-- in a compact binary form, stored as they are (no compression: the numbers are hashes and samples, which do not
-- compress); parts stored before stay JSON and are read as such.
alter table batch_profile_part add column profile_bytes bytea;
alter table batch_profile_part alter column profile_bytes set storage external;
alter table batch_profile_part alter column profile drop not null;
alter table batch_profile_part add constraint batch_profile_part_has_profile
    check (profile is not null or profile_bytes is not null);

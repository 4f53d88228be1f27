-- The records each dataset accepted, a block per poll instead of a row per record: validation holds the ids in
-- memory (AcceptedRecords) and reads a block only to say where a record it meets again was accepted. A block is
-- 52 bytes a record: record id (16), batch id (16), row (8), partition (4), offset (8); partition and offset are
-- -1 for a record a quarantine replay released.
create table accepted_block (
    seq     bigserial primary key,
    dataset text  not null,
    records bytea not null
);
-- random ids do not compress: stored as they are, without trying
alter table accepted_block alter column records set storage external;
create index accepted_block_dataset on accepted_block (dataset, seq);

insert into accepted_block (dataset, records)
select dataset, string_agg(uuid_send(record_id) || uuid_send(batch_id) || int8send(row_number)
                           || int4send(source_partition) || int8send(source_offset), ''::bytea)
from accepted_record
group by dataset, batch_id;

drop table accepted_record;

-- A batch's accounting comes from events published in the same Kafka transactions as its records
-- (records.received) and their verdicts (records.checked), so received = valid + quarantined holds exactly.
alter table ingestion_batch drop column record_count;
alter table ingestion_batch add column expected    bigint;
alter table ingestion_batch add column valid       bigint not null default 0;
alter table ingestion_batch add column quarantined bigint not null default 0;
alter table ingestion_batch add column violations  jsonb  not null default '{}';

create table batch_chunk (
    batch_id  uuid    not null references ingestion_batch (id),
    first_row bigint  not null,
    count     bigint  not null,
    last      boolean not null,
    primary key (batch_id, first_row)
);

-- One row per request, upload or poll that brought records in; records themselves travel on
-- vops.records.ingested (written through the outbox in the same transaction).
create table ingestion_batch (
    id           uuid primary key,
    dataset      text        not null,
    source       text        not null,
    record_count integer     not null,
    received_at  timestamptz not null
);
create index ingestion_batch_dataset on ingestion_batch (dataset, received_at desc);

-- The schema version a record was validated under, so a snapshot can say which versions its rows carry.
-- Records stored before this column existed were validated before datasets had versions here: 0.
alter table offline_record add column schema_version integer not null default 0;

-- Every version of every dataset schema, as dataset.defined events carried them. Versions are immutable.
create table dataset_schema (
    name       text        not null,
    version    integer     not null,
    schema     jsonb       not null,
    defined_at timestamptz not null,
    primary key (name, version)
);

-- An immutable snapshot of a dataset: its content hash, row count, profile and lineage.
create table snapshot (
    id                uuid        primary key,
    dataset           text        not null,
    sha256            text        not null,
    row_count         bigint      not null,
    schema_version    integer     not null,
    event_time_cutoff timestamptz,
    batch_ids         uuid[]      not null,
    columns           jsonb       not null,
    profile           jsonb       not null,
    created_at        timestamptz not null
);
create index snapshot_dataset on snapshot (dataset, created_at);

-- Which records a snapshot holds. Offline records are never updated or deleted, so pointing at them is as
-- immutable as copying them, at 16 bytes of payload a row instead of the whole record. The primary key
-- orders each snapshot's rows by record id, the order they are hashed and streamed in.
create table snapshot_row (
    snapshot_id uuid not null,
    record_id   uuid not null,
    primary key (snapshot_id, record_id)
);

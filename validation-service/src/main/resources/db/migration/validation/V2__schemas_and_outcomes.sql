-- Dataset schemas as ingestion defined them (from dataset.defined events), immutable per version.
create table dataset_schema (
    name       text    not null,
    version    integer not null,
    schema     jsonb   not null,
    primary key (name, version)
);

-- One verdict per record occurrence: the same record id can arrive twice (a duplicate row), so the key is
-- the record's place in its batch.
drop table validation_outcome;
create table validation_outcome (
    batch_id   uuid        not null,
    row_number bigint      not null,
    record_id  uuid        not null,
    dataset    text        not null,
    valid      boolean     not null,
    violations jsonb       not null default '[]',
    values     jsonb       not null,
    checked_at timestamptz not null,
    -- where the record was read: the same occurrence read again at the same place is a redelivery after an
    -- aborted transaction (judge it again), at another place a duplicate message (drop it)
    source_partition integer not null,
    source_offset    bigint  not null,
    primary key (batch_id, row_number)
);
create index validation_outcome_quarantined on validation_outcome (batch_id, row_number) where not valid;

-- What is already accepted in each dataset: record ids (duplicates are refused) and entity keys (unique).
create table accepted_record (
    dataset          text    not null,
    record_id        uuid    not null,
    batch_id         uuid    not null,
    row_number       bigint  not null,
    source_partition integer not null,
    source_offset    bigint  not null,
    primary key (dataset, record_id)
);
create table entity_key (
    dataset   text not null,
    key       text not null,
    record_id uuid not null,
    primary key (dataset, key)
);


-- A batch's column profile in parts, one per partition and poll, keyed by where the poll started: a poll
-- redelivered after an aborted transaction starts at the same offset and replaces its part.
create table batch_profile_part (
    batch_id       uuid    not null,
    partition_id   integer not null,
    first_offset   bigint  not null,
    dataset        text    not null,
    schema_version integer not null,
    records        bigint  not null,
    profile        jsonb   not null,
    primary key (batch_id, partition_id, first_offset)
);

-- The verdict on every record validation has seen: the basis of validation reports and quarantine.
create table validation_outcome (
    record_id  uuid primary key,
    dataset    text        not null,
    batch_id   uuid        not null,
    valid      boolean     not null,
    violations jsonb       not null default '[]',
    checked_at timestamptz not null
);
create index validation_outcome_batch on validation_outcome (batch_id);

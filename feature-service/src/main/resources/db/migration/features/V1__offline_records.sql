-- The offline store: every validated record, once, keyed by dataset and record id.
create table offline_record (
    dataset      text        not null,
    record_id    uuid        not null,
    batch_id     uuid        not null,
    values       jsonb       not null,
    received_at  timestamptz not null,
    validated_at timestamptz not null,
    stored_at    timestamptz not null default now(),
    primary key (dataset, record_id)
);
create index offline_record_batch on offline_record (batch_id);

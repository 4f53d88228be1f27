-- Dataset definitions: one row per dataset, and every schema version it ever had (immutable).
create table dataset (
    name            text primary key,
    current_version integer     not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create table dataset_version (
    name                 text        not null references dataset (name),
    version              integer     not null,
    schema               jsonb       not null,
    incompatible_changes jsonb       not null default '[]',
    defined_by           text        not null,
    defined_at           timestamptz not null,
    primary key (name, version)
);

alter table ingestion_batch add column schema_version integer;

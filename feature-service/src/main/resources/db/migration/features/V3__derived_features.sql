-- Derived features: a formula over a dataset's columns, type-checked against the schema version it was defined under.
create table derived_feature (
    dataset        text        not null,
    name           text        not null,
    expression     text        not null,
    type           text        not null,
    columns        text[]      not null,
    description    text,
    schema_version integer     not null,
    defined_at     timestamptz not null,
    primary key (dataset, name)
);

-- Batch prediction jobs: what to score with which model, how far it got, where the results are.
create table batch_job (
    job_id            uuid primary key,
    model             text        not null,
    requested_version text,
    requested_alias   text,
    version           text,
    source            text        not null check (source in ('snapshot', 'upload')),
    snapshot_id       text,
    input_file        text,
    status            text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    rows_scored       bigint      not null default 0,
    rows_failed       bigint      not null default 0,
    result_file       text,
    error             text,
    created_by        text,
    created_at        timestamptz not null,
    started_at        timestamptz,
    finished_at       timestamptz
);

create index batch_job_created on batch_job (created_at desc);
create index batch_job_open on batch_job (status) where status in ('QUEUED', 'RUNNING');

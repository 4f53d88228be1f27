-- Every version of every pipeline spec; a spec is never changed, a change is a new version.
create table pipeline (
    name        text        not null,
    version     int         not null,
    spec        jsonb       not null,
    spec_sha256 text        not null,
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    primary key (name, version)
);

-- Jobs are the work queue: workers claim queued rows with FOR UPDATE SKIP LOCKED, keep heartbeat_at fresh while
-- they run one, and a running row whose heartbeat is older than the lease belongs to a dead worker.
create table training_job (
    id               uuid        primary key,
    pipeline         text        not null,
    pipeline_version int         not null,
    status           text        not null check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    trigger          text        not null,
    -- what asked for the job, unique per pipeline: 'schedule:<slot>', 'retraining:<requestId>', 'snapshot:<id>'
    trigger_key      text,
    requested_by     text        not null,
    snapshot_id      uuid,
    attempt          int         not null default 0,
    worker           text,
    heartbeat_at     timestamptz,
    cancel_requested boolean     not null default false,
    trials_done      int         not null default 0,
    trials_total     int         not null default 0,
    stage            text,
    parent_run_id    text,
    leaderboard      jsonb,
    result           jsonb,
    error            text,
    created_at       timestamptz not null default now(),
    -- when this attempt started, and when its trials started (the ETA is read from the trials' pace)
    started_at       timestamptz,
    trials_started_at timestamptz,
    finished_at      timestamptz,
    foreign key (pipeline, pipeline_version) references pipeline (name, version)
);

create unique index training_job_trigger on training_job (pipeline, trigger_key);
create index training_job_queue on training_job (created_at) where status = 'queued';
create index training_job_running on training_job (heartbeat_at) where status = 'running';
create index training_job_by_pipeline on training_job (pipeline, created_at desc);

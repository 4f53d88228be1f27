-- Experiment tracking (MLflow's model: experiments hold runs; runs hold params, metrics and tags).
create sequence experiment_id_seq start 1;
create table experiment (
    experiment_id     bigint primary key,
    name              text   not null unique,
    artifact_location text   not null,
    lifecycle_stage   text   not null default 'active',
    creation_time     bigint not null,
    last_update_time  bigint not null
);
-- MLflow clients create runs in experiment 0 when they name none.
insert into experiment (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
values (0, 'Default', '/api/v1/registry/experiments/0/artifacts', 'active',
        (extract(epoch from now()) * 1000)::bigint, (extract(epoch from now()) * 1000)::bigint);

create table experiment_tag (
    experiment_id bigint not null references experiment on delete cascade,
    key           text   not null,
    value         text   not null,
    primary key (experiment_id, key)
);

create table run (
    run_id          text   primary key,
    experiment_id   bigint not null references experiment,
    run_name        text   not null,
    user_id         text   not null,
    status          text   not null,
    start_time      bigint not null,
    end_time        bigint,
    lifecycle_stage text   not null default 'active',
    artifact_uri    text   not null
);
create index run_experiment_start on run (experiment_id, start_time desc, run_id);

create table run_param (
    run_id text not null references run on delete cascade,
    key    text not null,
    value  text not null,
    primary key (run_id, key)
);

create table run_tag (
    run_id text not null references run on delete cascade,
    key    text not null,
    value  text not null,
    primary key (run_id, key)
);
create index run_tag_key_value on run_tag (key, value);

-- Every logged value, for metric history.
create table metric (
    run_id    text             not null references run on delete cascade,
    key       text             not null,
    value     double precision not null,
    timestamp bigint           not null,
    step      bigint           not null,
    is_nan    boolean          not null default false
);
create index metric_run_key on metric (run_id, key, step, timestamp);

-- The value MLflow filters and sorts on: per run and key, the one with the largest (step, timestamp, value).
create table latest_metric (
    run_id    text             not null references run on delete cascade,
    key       text             not null,
    value     double precision not null,
    timestamp bigint           not null,
    step      bigint           not null,
    is_nan    boolean          not null default false,
    primary key (run_id, key)
);
create index latest_metric_key_value on latest_metric (key, value, run_id);

-- Model registry. Versions hang off the model's id so a rename touches one row; last_version is the
-- counter that hands out gapless numbers under the model row's lock.
create table registered_model (
    model_id               bigserial primary key,
    name                   text   not null unique,
    description            text   not null default '',
    creation_timestamp     bigint not null,
    last_updated_timestamp bigint not null,
    last_version           integer not null default 0
);

create table registered_model_tag (
    model_id bigint not null references registered_model on delete cascade,
    key      text   not null,
    value    text   not null,
    primary key (model_id, key)
);

create table model_version (
    model_id               bigint  not null references registered_model on delete cascade,
    version                integer not null,
    creation_timestamp     bigint  not null,
    last_updated_timestamp bigint  not null,
    user_id                text    not null,
    current_stage          text    not null default 'None',
    description            text    not null default '',
    source                 text    not null,
    run_id                 text,
    run_link               text    not null default '',
    status                 text    not null default 'READY',
    artifact_id            bigint,
    artifact_uri           text,
    artifact_sha256        text,
    snapshot_sha256        text,
    primary key (model_id, version)
);
create index model_version_run on model_version (run_id);

create table model_version_tag (
    model_id bigint  not null,
    version  integer not null,
    key      text    not null,
    value    text    not null,
    primary key (model_id, version, key),
    foreign key (model_id, version) references model_version on delete cascade
);

create table model_alias (
    model_id   bigint  not null references registered_model on delete cascade,
    alias      text    not null,
    version    integer not null,
    primary key (model_id, alias),
    foreign key (model_id, version) references model_version on delete cascade
);

-- Every move of an alias, kept after the alias or the version is gone: "who held champion at T".
create table alias_change (
    id               bigserial primary key,
    model_name       text        not null,
    alias            text        not null,
    previous_version integer,
    version          integer,
    changed_by       text        not null,
    reason           text        not null,
    changed_at       timestamptz not null
);
create index alias_change_lookup on alias_change (model_name, alias, changed_at desc, id desc);

-- Aliases whose moves need a second person's approval.
create table alias_policy (
    model_id          bigint  not null references registered_model on delete cascade,
    alias             text    not null,
    requires_approval boolean not null,
    primary key (model_id, alias)
);

create table approval_request (
    id               uuid primary key,
    model_name       text        not null,
    alias            text        not null,
    version          integer     not null,
    expected_version integer,
    requested_by     text        not null,
    reason           text        not null,
    status           text        not null,
    requested_at     timestamptz not null,
    decided_by       text,
    decided_at       timestamptz,
    decision_reason  text
);
create index approval_request_status on approval_request (status, requested_at);

-- Artifacts of runs and model versions: the bytes live under vops.registry.artifact-root, the hash here.
create table artifact (
    artifact_id  bigserial primary key,
    owner_kind   text        not null,
    owner_id     text        not null,
    path         text        not null,
    size_bytes   bigint      not null,
    sha256       text        not null,
    storage_key  text        not null,
    media_type   text        not null,
    stored_by    text        not null,
    stored_at    timestamptz not null,
    unique (owner_kind, owner_id, path)
);

-- Append-only audit trail; the trigger refuses updates and deletes, whoever asks.
create table audit_entry (
    id          bigserial primary key,
    at          timestamptz not null,
    actor       text        not null,
    action      text        not null,
    entity_type text        not null,
    entity_id   text        not null,
    before      jsonb,
    after       jsonb,
    reason      text
);
create index audit_entry_entity on audit_entry (entity_type, entity_id, id);
create index audit_entry_actor on audit_entry (actor, id);

create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;
create trigger audit_entry_no_change before update or delete on audit_entry
    for each row execute function audit_entry_append_only();

-- What the feedback join needs of each prediction, keyed by its id so a redelivered event is stored once. A shadow
-- prediction carries the id of the live one it mirrors: one label is the truth for both.
create table prediction (
    prediction_id   uuid not null,
    model           text not null,
    version         text not null,
    predicted_label text,
    predicted_value double precision,
    probabilities   jsonb,
    shadow          boolean not null,
    predicted_at    timestamptz not null,
    actual_label    text,
    actual_value    double precision,
    labelled_at     timestamptz,
    primary key (prediction_id, shadow)
);
create index prediction_labelled on prediction (model, version, predicted_at desc) where labelled_at is not null;
-- for dropping predictions older than the performance window: a BRIN index costs next to nothing on appends
create index prediction_time on prediction using brin (predicted_at);

-- Labels for predictions not (yet) seen: joined when the prediction arrives, dropped when too old.
create table parked_feedback (
    prediction_id uuid primary key,
    model         text,
    actual_label  text,
    actual_value  double precision,
    received_at   timestamptz not null,
    parked_at     timestamptz not null default now()
);

-- Predictions that could not be monitored: unknown model version, bundle that cannot be loaded, no id.
create table set_aside_prediction (
    event_id      uuid primary key,
    prediction_id uuid,
    model         text,
    version       text,
    reason        text not null,
    detail        text,
    event         jsonb not null,
    set_aside_at  timestamptz not null default now()
);

-- A model's policy as PUT; what it leaves out comes from the service's configuration.
create table model_policy (
    model      text primary key,
    policy     jsonb not null,
    updated_at timestamptz not null
);

-- An alert is raised once per episode: from the first evaluation that finds the condition to the first that does not.
create table alert_episode (
    model      text not null,
    version    text not null,
    kind       text not null,
    active     boolean not null,
    started_at timestamptz not null,
    ended_at   timestamptz,
    event_id   uuid,
    primary key (model, version, kind)
);

create table retraining_request (
    request_id   uuid primary key,
    model        text not null,
    version      text not null,
    pipeline     text not null,
    trigger      text not null,
    cause        uuid,
    requested_at timestamptz not null
);
create index retraining_request_model on retraining_request (model, requested_at desc);

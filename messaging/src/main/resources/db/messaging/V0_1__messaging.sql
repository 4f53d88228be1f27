-- Tables every service's schema gets for reliable messaging (module `messaging`).

-- Transactional outbox: an event is written in the same transaction as the change it reports and
-- sent to Kafka afterwards by the relay, so no event is lost when Kafka is down and none is sent
-- for a rolled-back change.
create table outbox_event (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text,
    event_type   text        not null,
    payload      text        not null,
    request_id   text,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
create index outbox_event_unpublished on outbox_event (id) where published_at is null;

-- Inbox: consumers are at-least-once; a row here makes handling an event a second time a no-op.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

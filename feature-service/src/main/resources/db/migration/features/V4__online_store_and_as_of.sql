-- Where a record sits in time and whose facts it holds, read from the dataset's schema when the record is stored:
-- the entity key's value as text (numbers in their shortest plain form) and the event time. Null when the schema
-- names no entity key or event-time column, or the record leaves them missing.
alter table offline_record add column entity_id text;
alter table offline_record add column event_time timestamptz;

-- Records stored before these columns existed take them from their dataset's newest schema.
update offline_record o
set entity_id = case when jsonb_typeof(o.values -> (s.schema ->> 'entityKey')) = 'number'
                     then trim_scale((o.values ->> (s.schema ->> 'entityKey'))::numeric)::text
                     else o.values ->> (s.schema ->> 'entityKey') end,
    event_time = (o.values ->> (s.schema ->> 'eventTime'))::timestamptz
from (select distinct on (name) name, schema from dataset_schema order by name, version desc) s
where s.name = o.dataset;

-- The as-of join: the newest record of an entity at or before a moment is one index probe.
create index offline_record_as_of on offline_record (dataset, entity_id, event_time desc, stored_at desc, record_id desc)
    where entity_id is not null;

-- The online store: the newest record of each entity, as one vector, for lookups by entity id.
create table online_vector (
    dataset    text        not null,
    entity_id  text        not null,
    record_id  uuid        not null,
    values     jsonb       not null,
    event_time timestamptz,
    updated_at timestamptz not null,
    primary key (dataset, entity_id)
);

-- How long a dataset's online vectors stay fresh; none (null) means forever.
create table online_config (
    dataset    text        primary key,
    ttl_ms     bigint,
    updated_at timestamptz not null
);

insert into online_vector (dataset, entity_id, record_id, values, event_time, updated_at)
select distinct on (dataset, entity_id) dataset, entity_id, record_id, values, event_time, stored_at
from offline_record where entity_id is not null
order by dataset, entity_id, event_time desc nulls last, stored_at desc, record_id desc;

-- The derived features a snapshot evaluated into its rows: [{"name","expression","type"}], in name order.
alter table snapshot add column derived_features jsonb not null default '[]';

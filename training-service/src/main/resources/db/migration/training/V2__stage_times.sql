-- When each stage of the current attempt started, so a job shows where its time went.
alter table training_job add column stage_times jsonb not null default '{}';

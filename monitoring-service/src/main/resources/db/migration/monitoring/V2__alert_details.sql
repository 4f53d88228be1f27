-- The values an alert was raised with (the DriftDetected or PerformanceDegraded event's data), kept with its episode
-- so the alert list shows what raised it rather than what the latest evaluation finds. Null for episodes raised
-- before this column existed.
alter table alert_episode add column details jsonb;

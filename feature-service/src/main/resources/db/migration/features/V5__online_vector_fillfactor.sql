-- An online vector is rewritten in place each time its entity has news: room left on each page lets PostgreSQL keep
-- the new version beside the old one (a HOT update), without touching the primary key index.
alter table online_vector set (fillfactor = 70);

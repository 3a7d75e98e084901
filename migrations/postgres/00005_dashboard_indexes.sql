-- +goose Up
-- The dashboard counts a year's actions by agency, state and deadline, and
-- reads the result of each approved conclusion: with those columns in the
-- index, PostgreSQL reads each visit's actions and conclusion from the index
-- alone instead of scanning every year's (a national year: actions 60 ms →
-- 18 ms, results 35 ms → 14 ms). The new actions index serves lookups by
-- visit too, so it replaces the one on visit_id alone.
CREATE INDEX actions_visit_status_idx ON actions (visit_id) INCLUDE (status, due_on);
DROP INDEX actions_visit_id_idx;
CREATE INDEX conclusions_visit_result_idx ON conclusions (visit_id) INCLUDE (status, overall_result);

-- +goose Down
DROP INDEX conclusions_visit_result_idx;
CREATE INDEX actions_visit_id_idx ON actions (visit_id);
DROP INDEX actions_visit_status_idx;

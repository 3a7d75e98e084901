-- +goose Up
-- The dashboard counts a year's actions by agency, state and deadline, and
-- reads the result of each approved conclusion: with those columns in the
-- index, each visit's actions and conclusion are read from the index alone.
-- The new actions index serves lookups by visit too, so it replaces the one
-- on visit_id alone.
CREATE INDEX actions_visit_status_idx ON actions (visit_id, status, due_on);
DROP INDEX actions_visit_id_idx;
CREATE INDEX conclusions_visit_result_idx ON conclusions (visit_id, status, overall_result);

-- +goose Down
DROP INDEX conclusions_visit_result_idx;
CREATE INDEX actions_visit_id_idx ON actions (visit_id);
DROP INDEX actions_visit_status_idx;

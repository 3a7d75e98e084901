-- +goose Up
-- The dashboard and the reports sum the scores of a year's findings by
-- agency: with the scores in the index, each visit's findings are read from
-- the index alone.
CREATE INDEX findings_visit_scores_idx ON findings (visit_id, criterion_id, score);

-- +goose Down
DROP INDEX findings_visit_scores_idx;

-- +goose Up
-- Failed sign-ins per account and per address, kept in the database so that
-- every app instance throttles alike.
CREATE TABLE sign_in_failures (
    key          text PRIMARY KEY,
    failures     integer NOT NULL CHECK (failures >= 0),
    window_start timestamptz NOT NULL,
    locked_until timestamptz
);

-- +goose Down
DROP TABLE sign_in_failures;

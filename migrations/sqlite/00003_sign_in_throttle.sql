-- +goose Up
-- Failed sign-ins per account and per address, kept in the database so that
-- every app instance throttles alike.
CREATE TABLE sign_in_failures (
    key          TEXT NOT NULL PRIMARY KEY,
    failures     INTEGER NOT NULL CHECK (failures >= 0),
    window_start DATETIME NOT NULL,
    locked_until DATETIME
);

-- +goose Down
DROP TABLE sign_in_failures;

-- One schema for SQLite and PostgreSQL: TEXT and BIGINT only, times in epoch milliseconds.

CREATE TABLE server_key (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE product (
    guid                  TEXT PRIMARY KEY,
    name                  TEXT NOT NULL UNIQUE,
    poll_interval_seconds BIGINT NOT NULL,
    created_at            BIGINT NOT NULL
);

CREATE TABLE product_key (
    access_key   TEXT PRIMARY KEY,
    product_guid TEXT NOT NULL REFERENCES product (guid),
    secret_hash  TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT
);

CREATE INDEX product_key_product ON product_key (product_guid);

CREATE TABLE device (
    guid         TEXT PRIMARY KEY,
    product_guid TEXT NOT NULL REFERENCES product (guid),
    device_id    TEXT NOT NULL,
    access_key   TEXT NOT NULL UNIQUE,
    secret_hash  TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT
);

CREATE INDEX device_product ON device (product_guid);

CREATE TABLE idempotent_registration (
    product_guid TEXT NOT NULL,
    idem_key     TEXT NOT NULL,
    body_hash    TEXT NOT NULL,
    device_guid  TEXT NOT NULL,
    sealed       TEXT NOT NULL,
    expires_at   BIGINT NOT NULL,
    PRIMARY KEY (product_guid, idem_key)
);

CREATE TABLE report (
    id           TEXT PRIMARY KEY,
    product_guid TEXT NOT NULL,
    device_guid  TEXT NOT NULL,
    received_at  BIGINT NOT NULL,
    query        TEXT,
    body         TEXT NOT NULL
);

CREATE INDEX report_device ON report (device_guid, received_at);

-- Updates, their files and the rollout status devices report.

CREATE TABLE update_package (
    id             TEXT PRIMARY KEY,
    product_guid   TEXT NOT NULL REFERENCES product (guid),
    update_type    TEXT NOT NULL,
    version        TEXT NOT NULL,
    version_scheme TEXT NOT NULL,
    where_filters  TEXT NOT NULL,
    metadata       TEXT NOT NULL,
    size           BIGINT NOT NULL,
    md5            TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    download_token TEXT NOT NULL UNIQUE,
    withdrawn_at   BIGINT,
    created_at     BIGINT NOT NULL
);

CREATE INDEX update_package_product ON update_package (product_guid, update_type);

-- Content-addressed. On SQLite the bytes are the file <data-dir>/files/<sha256> and content is
-- NULL; on PostgreSQL the bytes are in content, so every instance can serve them.
CREATE TABLE update_file (
    sha256     TEXT PRIMARY KEY,
    size       BIGINT NOT NULL,
    content    BYTEA,
    created_at BIGINT NOT NULL
);

-- The latest event.update.Status of each device for each update and phase, kept as reports arrive.
CREATE TABLE update_status (
    update_id   TEXT NOT NULL,
    device_guid TEXT NOT NULL,
    phase       TEXT NOT NULL,
    status      TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (update_id, device_guid, phase)
);

-- What update publish checks, refused by the store itself as well, so that two publishers at once
-- (two admin CLIs, or CLIs on two machines sharing one PostgreSQL) cannot both get past the check:
-- among the updates on offer (not withdrawn), one update type of a product has one version
-- scheme, and one version of a type is offered once with the same filters.

-- The version scheme of each update type of a product. The updates on offer reference it, so it
-- can change only while none of the type is on offer.
CREATE TABLE update_type_scheme (
    product_guid   TEXT NOT NULL REFERENCES product (guid),
    update_type    TEXT NOT NULL,
    version_scheme TEXT NOT NULL,
    PRIMARY KEY (product_guid, update_type),
    UNIQUE (product_guid, update_type, version_scheme)
);

-- A store written before this file may hold what it forbids (two publishers that raced). Of
-- conflicting offers the one published last stays on offer, being the one devices were given,
-- and the others count as withdrawn when it was published: first other version schemes of a type,
-- then the same version with the same filters.
UPDATE update_package SET withdrawn_at = (
        SELECT MAX(l.created_at) FROM update_package l WHERE l.withdrawn_at IS NULL
            AND l.product_guid = update_package.product_guid AND l.update_type = update_package.update_type)
    WHERE withdrawn_at IS NULL AND version_scheme <> (
        SELECT l.version_scheme FROM update_package l WHERE l.withdrawn_at IS NULL
            AND l.product_guid = update_package.product_guid AND l.update_type = update_package.update_type
        ORDER BY l.created_at DESC, l.id DESC LIMIT 1);

UPDATE update_package SET withdrawn_at = (
        SELECT MAX(l.created_at) FROM update_package l WHERE l.withdrawn_at IS NULL
            AND l.product_guid = update_package.product_guid AND l.update_type = update_package.update_type
            AND l.version = update_package.version AND l.where_filters = update_package.where_filters)
    WHERE withdrawn_at IS NULL AND EXISTS (
        SELECT 1 FROM update_package l WHERE l.withdrawn_at IS NULL
            AND l.product_guid = update_package.product_guid AND l.update_type = update_package.update_type
            AND l.version = update_package.version AND l.where_filters = update_package.where_filters
            AND (l.created_at > update_package.created_at
                OR (l.created_at = update_package.created_at AND l.id > update_package.id)));

-- Servers keep each product's catalog by its version: whatever was withdrawn above is seen at once.
UPDATE product SET catalog_version = catalog_version + 1;

INSERT INTO update_type_scheme (product_guid, update_type, version_scheme)
    SELECT DISTINCT product_guid, update_type, version_scheme FROM update_package WHERE withdrawn_at IS NULL;

-- update_package again, with offered_scheme: its version scheme while on offer, NULL once withdrawn
-- (a NULL in a foreign key is not checked, so withdrawn updates do not hold their type's scheme).
-- Rebuilt rather than altered, since SQLite cannot add a constraint to a table.
CREATE TABLE update_package_v4 (
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
    created_at     BIGINT NOT NULL,
    offered_scheme TEXT,
    CHECK ((withdrawn_at IS NULL AND offered_scheme IS NOT NULL AND offered_scheme = version_scheme)
        OR (withdrawn_at IS NOT NULL AND offered_scheme IS NULL)),
    FOREIGN KEY (product_guid, update_type, offered_scheme)
        REFERENCES update_type_scheme (product_guid, update_type, version_scheme)
);

INSERT INTO update_package_v4 (id, product_guid, update_type, version, version_scheme, where_filters, metadata,
        size, md5, sha256, download_token, withdrawn_at, created_at, offered_scheme)
    SELECT id, product_guid, update_type, version, version_scheme, where_filters, metadata,
        size, md5, sha256, download_token, withdrawn_at, created_at,
        CASE WHEN withdrawn_at IS NULL THEN version_scheme END
    FROM update_package;

DROP TABLE update_package;

ALTER TABLE update_package_v4 RENAME TO update_package;

CREATE INDEX update_package_product ON update_package (product_guid, update_type);

-- Publish writes where_filters with its keys sorted, so equal filters are equal text here (rows
-- written before, in the order given, are still compared as filters by publish's own check).
CREATE UNIQUE INDEX update_package_offered ON update_package (product_guid, update_type, version, where_filters)
    WHERE withdrawn_at IS NULL;

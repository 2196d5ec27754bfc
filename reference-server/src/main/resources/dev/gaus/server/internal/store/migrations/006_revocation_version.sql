-- What a server keeps in memory for the poll path (which devices are revoked, each product's
-- catalog version and poll interval) is refreshed every second. The revocation counter is raised
-- in the transaction of each device revocation, so a refresh reads the revoked set again only
-- when it changed, and whoever's clock stamped revoked_at does not matter. The partial index
-- keeps that read proportional to the revoked devices, not to all of them.
CREATE TABLE store_counter (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO store_counter (name, value) VALUES ('device_revocations', 0);
CREATE INDEX device_revoked ON device (guid) WHERE revoked_at IS NOT NULL;

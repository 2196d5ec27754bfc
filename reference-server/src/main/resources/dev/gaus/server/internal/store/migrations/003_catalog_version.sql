-- A counter per product, raised by every publish and withdrawal in the same transaction: servers
-- keep each product's catalog in memory and still see every change at once, on every instance.
ALTER TABLE product ADD COLUMN catalog_version BIGINT NOT NULL DEFAULT 0;

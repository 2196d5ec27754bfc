-- The public keys of which a product requires every published update to be signed (the signed
-- updates extension of protocol.md). A product without rows here takes unsigned updates as well;
-- with rows, update publish refuses an update unless it is signed by one of them. Only public
-- keys: the private keys stay with the operator, on an offline machine if they like.
CREATE TABLE product_signing_key (
    product_guid TEXT NOT NULL REFERENCES product (guid),
    key_id       TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (product_guid, key_id)
);

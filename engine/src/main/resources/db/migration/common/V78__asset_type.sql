-- Asset types (issue 13): designers define a type and the Form.io form that holds its custom fields, so no Java is
-- needed for a new kind of asset. The form lives in the form catalogue (built-in version 0 or a designer's saved
-- versions); this table only names it. Portable SQL for PostgreSQL and H2 2.x.
CREATE TABLE asset_type (
    type_key    varchar(40)   NOT NULL PRIMARY KEY,
    name        varchar(100)  NOT NULL,
    -- the form key in the catalogue; null only for types found in existing assets before types existed, whose
    -- custom fields are then kept as they are until a designer gives the type a form
    form_key    varchar(64),
    version     bigint        NOT NULL,
    updated_by  varchar(254)  NOT NULL,
    updated_at  timestamp(6) with time zone NOT NULL
);

INSERT INTO asset_type (type_key, name, form_key, version, updated_by, updated_at) VALUES
    ('laptop', 'Laptop', 'asset-laptop', 0, 'flowdesk', CURRENT_TIMESTAMP),
    ('monitor', 'Monitor', 'asset-monitor', 0, 'flowdesk', CURRENT_TIMESTAMP),
    ('printer', 'Printer', 'asset-printer', 0, 'flowdesk', CURRENT_TIMESTAMP),
    ('server', 'Server', 'asset-server', 0, 'flowdesk', CURRENT_TIMESTAMP),
    ('application', 'Application', 'asset-application', 0, 'flowdesk', CURRENT_TIMESTAMP),
    ('service', 'Service', 'asset-service', 0, 'flowdesk', CURRENT_TIMESTAMP),
    ('licence', 'Licence', 'asset-licence', 0, 'flowdesk', CURRENT_TIMESTAMP),
    ('contract', 'Contract', 'asset-contract', 0, 'flowdesk', CURRENT_TIMESTAMP);

-- every type already in use stays valid (without a form until a designer gives it one)
INSERT INTO asset_type (type_key, name, form_key, version, updated_by, updated_at)
    SELECT DISTINCT a.type, a.type, CAST(NULL AS varchar(64)), 0, 'flowdesk', CURRENT_TIMESTAMP FROM asset a
     WHERE NOT EXISTS (SELECT 1 FROM asset_type t WHERE t.type_key = a.type);

ALTER TABLE asset ADD CONSTRAINT fk_asset_type FOREIGN KEY (type) REFERENCES asset_type (type_key);

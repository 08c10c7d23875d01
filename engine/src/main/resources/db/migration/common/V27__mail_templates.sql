-- Mail templates edited in the browser (issue 9): an override of the shipped template of that name and language.
-- Deleting the row brings the shipped one back.
CREATE TABLE mail_template (
    name        varchar(40)    NOT NULL,
    language    varchar(8)     NOT NULL,
    source      varchar(20000) NOT NULL,
    version     integer        NOT NULL,
    updated_by  varchar(254)   NOT NULL,
    updated_at  timestamp(6) with time zone NOT NULL,
    PRIMARY KEY (name, language)
);

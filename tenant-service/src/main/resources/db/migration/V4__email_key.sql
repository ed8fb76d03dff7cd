-- One account per mailbox: "ana+tienda@x.cl" is Ana's mailbox too, so e-mails are unique by their
-- address without the +tag (besides their exact, case-insensitive form). The service stores e-mails
-- NFKC-normalised, lower case and without invisible characters (usuario.Emails), so look-alikes
-- ("ana\u200b@x.cl") meet the same index.
ALTER TABLE usuarios ADD COLUMN email_key varchar(254)
    GENERATED ALWAYS AS (regexp_replace(lower(email), '\+[^@]*@', '@')) STORED;
CREATE UNIQUE INDEX usuarios_email_key_key ON usuarios (email_key);

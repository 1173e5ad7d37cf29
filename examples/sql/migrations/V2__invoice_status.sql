-- schemasage: dialect=postgres
CREATE TYPE invoice_status AS ENUM ('draft', 'sent', 'paid');

ALTER TABLE invoices ADD COLUMN status invoice_status NOT NULL DEFAULT 'draft';
CREATE INDEX invoices_customer ON invoices (customer_id, issued_on);

-- schemasage: dialect=postgres
-- A migrations folder: SchemaSage replays V1, V2, ... in order into one schema.
CREATE TABLE customers (
  id          bigserial PRIMARY KEY,
  email       varchar(255) NOT NULL UNIQUE,
  full_name   text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE invoices (
  id           bigserial PRIMARY KEY,
  customer_id  bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  total        numeric(12, 2) NOT NULL,
  issued_on    date NOT NULL
);

/**
 * The small shop schema the query tests run against, written as DDL per
 * dialect and read by the engine's own DDL front end (so names are stored
 * the way each dialect stores them), plus a generated large schema for the
 * timing measurement.
 */
import type { Schema } from '../../src/engine/model/schema.js';
import { interpretSql, parseSql, type SqlDialect } from '../../src/engine/syntax/sql/index.js';

const DDL: Record<SqlDialect, string> = {
  postgres: `
CREATE SCHEMA billing;
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE plans (id integer PRIMARY KEY, name text NOT NULL, price_cents integer NOT NULL);
CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE, name text, plan_id integer REFERENCES plans (id), created_at timestamptz NOT NULL DEFAULT now(), "displayName" text);
CREATE TABLE products (id serial PRIMARY KEY, sku varchar(32) NOT NULL UNIQUE, name text NOT NULL, price numeric(10, 2) NOT NULL, stock integer NOT NULL DEFAULT 0);
CREATE TABLE orders (id serial PRIMARY KEY, user_id uuid NOT NULL REFERENCES users (id), status order_status NOT NULL, total numeric(10, 2), created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE order_items (id serial PRIMARY KEY, order_id integer NOT NULL REFERENCES orders (id), product_id integer NOT NULL REFERENCES products (id), quantity integer NOT NULL, unit_price numeric(10, 2) NOT NULL);
CREATE TABLE billing.invoices (id serial PRIMARY KEY, order_id integer NOT NULL, amount numeric(10, 2) NOT NULL, issued_at date NOT NULL);
`,
  mysql: `
CREATE TABLE plans (id int PRIMARY KEY, name varchar(80) NOT NULL, price_cents int NOT NULL);
CREATE TABLE users (id char(36) PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, name varchar(120), plan_id int, created_at datetime NOT NULL, displayName varchar(80));
CREATE TABLE products (id int AUTO_INCREMENT PRIMARY KEY, sku varchar(32) NOT NULL UNIQUE, name varchar(120) NOT NULL, price decimal(10, 2) NOT NULL, stock int NOT NULL DEFAULT 0);
CREATE TABLE orders (id int AUTO_INCREMENT PRIMARY KEY, user_id char(36) NOT NULL, status enum('new', 'paid', 'shipped') NOT NULL, total decimal(10, 2), created_at datetime NOT NULL);
CREATE TABLE order_items (id int AUTO_INCREMENT PRIMARY KEY, order_id int NOT NULL, product_id int NOT NULL, quantity int NOT NULL, unit_price decimal(10, 2) NOT NULL);
CREATE TABLE billing.invoices (id int AUTO_INCREMENT PRIMARY KEY, order_id int NOT NULL, amount decimal(10, 2) NOT NULL, issued_at date NOT NULL);
`,
  sqlite: `
CREATE TABLE plans (id integer PRIMARY KEY, name text NOT NULL, price_cents integer NOT NULL);
CREATE TABLE users (id text PRIMARY KEY, email text NOT NULL UNIQUE, name text, plan_id integer REFERENCES plans (id), created_at text NOT NULL, displayName text);
CREATE TABLE products (id integer PRIMARY KEY AUTOINCREMENT, sku text NOT NULL UNIQUE, name text NOT NULL, price real NOT NULL, stock integer NOT NULL DEFAULT 0);
CREATE TABLE orders (id integer PRIMARY KEY AUTOINCREMENT, user_id text NOT NULL REFERENCES users (id), status text NOT NULL, total real, created_at text NOT NULL);
CREATE TABLE order_items (id integer PRIMARY KEY AUTOINCREMENT, order_id integer NOT NULL REFERENCES orders (id), product_id integer NOT NULL, quantity integer NOT NULL, unit_price real NOT NULL);
`,
  mssql: `
CREATE TABLE plans (id int PRIMARY KEY, name nvarchar(80) NOT NULL, price_cents int NOT NULL);
CREATE TABLE users (id uniqueidentifier PRIMARY KEY, email nvarchar(255) NOT NULL UNIQUE, name nvarchar(120), plan_id int, created_at datetime2 NOT NULL, displayName nvarchar(80));
CREATE TABLE products (id int IDENTITY(1, 1) PRIMARY KEY, sku nvarchar(32) NOT NULL UNIQUE, name nvarchar(120) NOT NULL, price decimal(10, 2) NOT NULL, stock int NOT NULL DEFAULT 0);
CREATE TABLE orders (id int IDENTITY(1, 1) PRIMARY KEY, user_id uniqueidentifier NOT NULL, status nvarchar(16) NOT NULL, total decimal(10, 2), created_at datetime2 NOT NULL);
CREATE TABLE order_items (id int IDENTITY(1, 1) PRIMARY KEY, order_id int NOT NULL, product_id int NOT NULL, quantity int NOT NULL, unit_price decimal(10, 2) NOT NULL);
CREATE TABLE billing.invoices (id int IDENTITY(1, 1) PRIMARY KEY, order_id int NOT NULL, amount decimal(10, 2) NOT NULL, issued_at date NOT NULL);
`,
};

const schemas = new Map<SqlDialect, Schema>();

/** The shop schema as `dialect`'s DDL front end reads it. */
export function shopSchema(dialect: SqlDialect): Schema {
  let s = schemas.get(dialect);
  if (!s) {
    const r = interpretSql([{ uri: `file:///shop.${dialect}.sql`, file: parseSql(DDL[dialect], dialect) }], dialect);
    s = r.schema;
    schemas.set(dialect, s);
  }
  return s;
}

/** A PostgreSQL schema of `n` tables `t0..t(n-1)`, each with an id, a foreign key to the previous table and a few columns. */
export function bigSchema(n: number): { schema: Schema; ddl: string } {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const fk = i > 0 ? `, parent_id integer REFERENCES t${i - 1} (id)` : ', parent_id integer';
    parts.push(`CREATE TABLE t${i} (id integer PRIMARY KEY, name text NOT NULL, amount numeric(12, 2), created_at timestamptz NOT NULL, flag boolean${fk});`);
  }
  const ddl = parts.join('\n');
  return { ddl, schema: interpretSql([{ uri: 'file:///big.sql', file: parseSql(ddl, 'postgres') }], 'postgres').schema };
}

/**
 * Prisma interpretation into the Schema model: tables and database names,
 * columns and normalised types, keys and indexes, defaults, relationships
 * (from = the model holding `fields`), implicit m-n, enums, composite types,
 * views, the provider as database type, multi-schema; and the name index
 * (every declaration and use, with its key).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretPrisma, parsePrisma } from '../../src/engine/syntax/prisma/index.js';
import type { Schema, Table } from '../../src/engine/model/schema.js';

const SCHEMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
  schemas  = ["public", "auth"]
}

/// People
model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique @db.VarChar(255)
  name      String?
  role      Role     @default(USER)
  tags      String[]
  createdAt DateTime @default(now()) @map("created_at")
  updatedAt DateTime @updatedAt
  price     Decimal  @default(1.5) @db.Decimal(10, 2)
  uid       String   @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  address   Address?
  posts     Post[]
  profile   Profile?
  groups    Group[]

  @@map("users")
  @@schema("auth")
}

model Post {
  id       Int  @id
  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade, onUpdate: SetNull)
  authorId Int  @map("author_id")

  @@index([authorId], type: Hash, map: "post_author_idx")
  @@schema("public")
}

model Profile {
  id     Int  @id
  user   User @relation(fields: [userId], references: [id])
  userId Int  @unique

  @@schema("public")
}

model Group {
  id    Int    @id
  users User[]

  @@schema("public")
}

model Membership {
  a Int
  b Int

  @@id([a, b])
  @@schema("public")
}

enum Role {
  USER
  ADMIN @map("admin")

  @@map("roles")
  @@schema("auth")
}

type Address {
  street String
}

view ActiveUser {
  id    Int    @unique
  email String

  @@schema("public")
}
`;

function load(text: string): ReturnType<typeof interpretPrisma> {
  return interpretPrisma([{ uri: 'file:///s.prisma', file: parsePrisma(text) }]);
}

function table(s: Schema, key: string): Table {
  const t = s.tables.find((x) => x.key === key);
  assert.ok(t, `table ${key} in ${s.tables.map((x) => x.key).join(', ')}`);
  return t;
}

test('models become tables under their database name, with the Prisma name kept', () => {
  const { schema } = load(SCHEMA);
  assert.deepEqual(schema.tables.map((t) => t.key).sort(), ['auth.users', 'public.ActiveUser', 'public.Address', 'public.Group', 'public.Membership', 'public.Post', 'public.Profile'].sort());
  const users = table(schema, 'auth.users');
  assert.equal(users.alias, 'User');
  assert.equal(users.settings.prismaName, 'User');
  assert.equal(users.note, 'People');
  assert.equal(table(schema, 'public.ActiveUser').isView, true);
  assert.equal(table(schema, 'public.Address').settings.compositeType, 'true');
  assert.equal(schema.project?.databaseType, 'postgres');
  assert.deepEqual([...schema.schemas].sort(), ['auth', 'public']);
});

test('fields become columns: database names, nullability, normalised and native types, defaults', () => {
  const { schema } = load(SCHEMA);
  const users = table(schema, 'auth.users');
  const col = (n: string) => users.columns.find((c) => c.name === n)!;
  // relation fields are not columns; a composite-typed field is
  assert.deepEqual(
    users.columns.map((c) => c.name),
    ['id', 'email', 'name', 'role', 'tags', 'created_at', 'updatedAt', 'price', 'uid', 'address'],
  );
  assert.equal(col('created_at').settings.prismaName, 'createdAt');
  assert.deepEqual([col('id').primaryKey, col('id').autoIncrement, col('id').type.family, col('id').type.bits], [true, true, 'integer', 32]);
  assert.deepEqual([col('email').unique, col('email').type.raw, col('email').type.family, col('email').type.length], [true, 'VarChar(255)', 'string', 255]);
  assert.deepEqual([col('name').nullable, col('email').nullable], [true, false]);
  assert.deepEqual([col('role').type.family, col('role').type.enumKey, col('role').default], ['enum', 'auth.roles', { kind: 'enum', value: 'USER' }]);
  assert.deepEqual([col('tags').type.isArray, col('tags').type.family], [true, 'array']);
  assert.deepEqual(col('created_at').default, { kind: 'expression', value: 'now()' });
  assert.equal(col('created_at').type.family, 'timestamp');
  assert.equal(col('updatedAt').settings.updatedAt, 'true');
  assert.deepEqual([col('price').type.precision, col('price').type.scale, col('price').default], [10, 2, { kind: 'number', value: '1.5' }]);
  assert.deepEqual([col('uid').type.family, col('uid').default], ['uuid', { kind: 'expression', value: 'gen_random_uuid()' }]);
  assert.equal(col('address').settings.compositeType, 'Address');
});

test('relation fields with fields/references become relationships from the model holding them', () => {
  const { schema } = load(SCHEMA);
  const rel = (from: string) => schema.relationships.filter((r) => r.from.table === from);
  assert.deepEqual(
    rel('Post').map((r) => [r.from.tableKey, r.from.columns, r.to.tableKey, r.to.columns, r.cardinality, r.onDelete, r.onUpdate]),
    [['public.Post', ['author_id'], 'auth.users', ['id'], 'n-1', 'cascade', 'set null']],
  );
  assert.deepEqual(
    rel('Profile').map((r) => [r.from.columns, r.to.table, r.cardinality]),
    [[['userId'], 'users', '1-1']],
  );
  // implicit m-n: recorded once, from the model whose name sorts first
  assert.deepEqual(
    schema.relationships.filter((r) => r.cardinality === 'n-n').map((r) => [r.name, r.from.table, r.from.columns, r.to.table, r.to.columns]),
    [['GroupToUser', 'Group', ['id'], 'users', ['id']]],
  );
});

test('ids, uniques and indexes', () => {
  const { schema } = load(SCHEMA);
  const post = table(schema, 'public.Post');
  const idx = post.indexes.find((i) => !i.primaryKey)!;
  assert.deepEqual([idx.name, idx.type, idx.unique, idx.parts.map((p) => p.column)], ['post_author_idx', 'hash', false, ['author_id']]);
  const m = table(schema, 'public.Membership');
  assert.deepEqual(
    m.indexes.map((i) => [i.primaryKey, i.parts.map((p) => p.column)]),
    [[true, ['a', 'b']]],
  );
});

test('enums with @map values, in their schema', () => {
  const { schema } = load(SCHEMA);
  assert.deepEqual(
    schema.enums.map((e) => [e.key, e.values.map((v) => v.name)]),
    [['auth.roles', ['USER', 'admin']]],
  );
});

test('names: every declaration and use with its key', () => {
  const text = 'model A {\n  id  Int @id\n  b   B   @relation(fields: [bId], references: [id])\n  bId Int\n  e   E   @default(X)\n  es  E[]  @default([X])\n\n  @@index([bId])\n}\n\nmodel B {\n  id Int @id\n  as A[]\n}\n\nenum E {\n  X\n}\n';
  const { names } = load(text);
  const show = names.map((n) => `${n.isDefinition ? 'def' : 'use'} ${n.kind} ${n.key} ${text.slice(n.span.start, n.span.end)}`).sort();
  assert.deepEqual(
    show,
    [
      'def enum E E',
      'def enumValue E.X X',
      'def field A.b b',
      'def field A.bId bId',
      'def field A.e e',
      'def field A.es es',
      'use enum E E',
      'use enumValue E.X X',
      'def field A.id id',
      'def field B.as as',
      'def field B.id id',
      'def model A A',
      'def model B B',
      'use enum E E',
      'use enumValue E.X X',
      'use field A.bId bId',
      'use field A.bId bId',
      'use field B.id id',
      'use model A A',
      'use model B B',
    ].sort(),
  );
});

test('the provider sets the database type and the default schema', () => {
  const cases: [string, string | undefined, string][] = [
    ['mysql', 'mysql', 'public'],
    ['sqlite', 'sqlite', 'public'],
    ['sqlserver', 'mssql', 'dbo'],
    ['mongodb', 'generic', 'public'],
    ['cockroachdb', 'postgres', 'public'],
  ];
  for (const [provider, dbType, def] of cases) {
    const { schema } = load(`datasource db {\n  provider = "${provider}"\n  url = "x"\n}\nmodel A {\n  id Int @id\n}\n`);
    assert.equal(schema.project?.databaseType, dbType, provider);
    assert.equal(schema.defaultSchema, def, provider);
    assert.equal(schema.tables[0].key, `${def}.A`);
  }
});

test('a schema that does not validate still interprets what it can', () => {
  const { schema, diagnostics } = load('model A {\n  id Int @id\n  b Nope\n  c Int @default(\n}\n\nmodel B {\n  id Int @id\n}\n');
  assert.ok(diagnostics.length > 0);
  assert.deepEqual(schema.tables.map((t) => t.name), ['A', 'B']);
  assert.deepEqual(schema.tables[0].columns.map((c) => c.name), ['id', 'b']);
});

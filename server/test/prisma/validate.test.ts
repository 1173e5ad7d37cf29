/**
 * Prisma validation: inline fixtures, one or several files (a
 * `prismaSchemaFolder` is one schema), each with the exact set of
 * `file:line code` errors and warnings expected. A `|` is not used: lines
 * are 1-based lines of each file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretPrisma, parsePrisma, PrismaCodes } from '../../src/engine/syntax/prisma/index.js';
import { LineIndex } from '../../src/engine/text/line-index.js';

const C = PrismaCodes;
const PG = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n';
const MYSQL = 'datasource db {\n  provider = "mysql"\n  url      = env("DATABASE_URL")\n}\n';

/** Runs parse + validation over the files; returns `file:line severity code` sorted. */
function check(files: Record<string, string>): string[] {
  const inputs = Object.entries(files).map(([uri, text]) => ({ uri, file: parsePrisma(text) }));
  const out: string[] = [];
  const lines = new Map(Object.entries(files).map(([uri, text]) => [uri, new LineIndex(text)]));
  const diags = [...inputs.flatMap((i) => i.file.diagnostics.map((d) => ({ ...d, uri: i.uri }))), ...interpretPrisma(inputs).diagnostics];
  for (const d of diags) out.push(`${d.uri}:${lines.get(d.uri)!.position(d.span.start).line + 1} ${d.severity} ${d.code}`);
  return [...new Set(out)].sort();
}

const CASES: { name: string; files: Record<string, string>; expected: string[] }[] = [
  {
    name: 'a valid schema has no diagnostics',
    files: {
      a: PG + 'model User {\n  id    Int    @id @default(autoincrement())\n  posts Post[]\n}\n\nmodel Post {\n  id       Int  @id\n  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)\n  authorId Int\n\n  @@index([authorId])\n}\n',
    },
    expected: [],
  },
  {
    name: 'unknown type',
    files: { a: PG + 'model A {\n  id Int @id\n  b  Foo\n}\n' },
    expected: [`a:7 error ${C.unknownType}`],
  },
  {
    name: 'duplicate model, duplicate field, duplicate enum value',
    files: { a: PG + 'model A {\n  id Int @id\n  id String\n}\n\nmodel A {\n  id Int @id\n}\n\nenum E {\n  X\n  X\n}\n' },
    expected: [`a:10 error ${C.duplicateName}`, `a:16 error ${C.duplicateField}`, `a:7 error ${C.duplicateField}`],
  },
  {
    name: 'a model without a unique criterion',
    files: { a: PG + 'model A {\n  a Int\n}\n\nmodel B {\n  b Int?\n\n  @@unique([b])\n}\n\nmodel C {\n  c Int\n\n  @@ignore\n}\n' },
    expected: [`a:5 error ${C.missingId}`, `a:9 error ${C.missingId}`],
  },
  {
    name: 'missing opposite relation field',
    files: { a: PG + 'model A {\n  id  Int @id\n  b   B   @relation(fields: [bId], references: [id])\n  bId Int\n}\n\nmodel B {\n  id Int @id\n}\n' },
    expected: [`a:7 error ${C.relation}`],
  },
  {
    name: 'ambiguous relations need names',
    files: { a: PG + 'model A {\n  id   Int @id\n  b1   B   @relation(fields: [b1Id], references: [id])\n  b1Id Int\n  b2   B   @relation(fields: [b2Id], references: [id])\n  b2Id Int\n}\n\nmodel B {\n  id Int @id\n  as1 A[]\n  as2 A[]\n}\n' },
    expected: [`a:15 error ${C.relation}`, `a:16 error ${C.relation}`, `a:7 error ${C.relation}`, `a:9 error ${C.relation}`],
  },
  {
    name: 'fields/references arity, types and unknown fields',
    files: {
      a:
        PG +
        'model A {\n  id  Int    @id\n  b   B      @relation(fields: [bId, x], references: [id])\n  bId Int\n  x   Int\n  c   C      @relation(fields: [cId], references: [id])\n  cId String\n  d   B      @relation("d", fields: [nope], references: [id])\n}\n\nmodel B {\n  id Int @id\n  as A[]\n  ds A[] @relation("d")\n}\n\nmodel C {\n  id Int @id\n  as A[]\n}\n',
    },
    expected: [`a:7 error ${C.relation}`, `a:10 error ${C.relation}`, `a:12 error ${C.relation}`],
  },
  {
    name: 'one-to-many: the singular side must hold fields and references',
    files: { a: PG + 'model A {\n  id Int @id\n  b  B\n}\n\nmodel B {\n  id Int @id\n  as A[]\n}\n' },
    expected: [`a:7 error ${C.relation}`],
  },
  {
    name: 'one-to-one: unique fields on the defining side, optional other side',
    files: { a: PG + 'model A {\n  id  Int @id\n  b   B   @relation(fields: [bId], references: [id])\n  bId Int\n}\n\nmodel B {\n  id Int @id\n  a  A\n}\n' },
    expected: [`a:13 error ${C.relation}`, `a:7 error ${C.relation}`],
  },
  {
    name: 'attribute arguments: @default functions and literals',
    files: { a: PG + 'model A {\n  id Int    @id @default(cuid())\n  b  String @default(uuid(5))\n  c  Int    @default("x")\n  d  String @default(nanoid(1))\n  e  Json   @default("{")\n}\n' },
    expected: [`a:6 error ${C.defaultValue}`, `a:7 error ${C.defaultValue}`, `a:8 error ${C.defaultValue}`, `a:9 error ${C.defaultValue}`, `a:10 error ${C.defaultValue}`],
  },
  {
    name: 'unknown attributes and index fields',
    files: { a: PG + 'model A {\n  id Int @id @foo\n  b  Int\n\n  @@index([b, nope])\n  @@bar\n}\n' },
    expected: [`a:10 error ${C.unknownAttribute}`, `a:6 error ${C.unknownAttribute}`, `a:9 error ${C.indexDefinition}`],
  },
  {
    name: 'native types per provider',
    files: { a: PG + 'model A {\n  id Int    @id @db.SmallInt\n  b  String @db.VarChar(20)\n  c  Int    @db.VarChar(20)\n  d  String @db.TinyText\n  e  String @other.Text\n}\n' },
    expected: [`a:10 error ${C.unknownAttribute}`, `a:8 error ${C.nativeType}`, `a:9 error ${C.nativeType}`],
  },
  {
    name: 'datasource: provider, url and unknown properties; preview features',
    files: { a: 'datasource db {\n  provider = "oracle"\n  foo      = "bar"\n}\n\ngenerator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ["nope", "multiSchema"]\n}\n' },
    expected: [`a:1 error ${C.datasource}`, `a:2 error ${C.datasource}`, `a:3 error ${C.datasource}`, `a:8 error ${C.generator}`, `a:8 warning ${C.generator}`],
  },
  {
    name: 'scalar lists are not supported on MySQL',
    files: { a: MYSQL + 'model A {\n  id   Int      @id\n  tags String[]\n}\n' },
    expected: [`a:7 error ${C.typeModifier}`],
  },
  {
    name: 'referential actions: unknown, SetNull on required fields (PostgreSQL warns)',
    files: { a: PG + 'model A {\n  id  Int @id\n  b   B   @relation(fields: [bId], references: [id], onDelete: SetNull, onUpdate: Explode)\n  bId Int\n}\n\nmodel B {\n  id Int @id\n  as A[]\n}\n' },
    expected: [`a:7 error ${C.referentialAction}`, `a:7 warning ${C.referentialAction}`],
  },
  {
    name: 'multi-file: a model in one file references a model and an enum in another',
    files: {
      'schema/user.prisma': 'model User {\n  id    Int    @id\n  role  Role\n  posts Post[]\n}\n',
      'schema/post.prisma': 'model Post {\n  id       Int  @id\n  author   User @relation(fields: [authorId], references: [id])\n  authorId Int\n}\n\nenum Role {\n  USER\n  ADMIN\n}\n',
      'schema/main.prisma': PG,
    },
    expected: [],
  },
  {
    name: 'multi-file: a duplicate model is reported in the second file',
    files: { 'schema/a.prisma': PG + 'model A {\n  id Int @id\n}\n', 'schema/b.prisma': 'model A {\n  id Int @id\n}\n' },
    expected: [`schema/b.prisma:1 error ${C.duplicateName}`],
  },
  {
    name: 'syntax errors and validation together (the broken @id line is dropped, so the model has no id)',
    files: { a: PG + 'model A {\n  id Int @id @default(\n  b  Foo\n}\n' },
    expected: [`a:5 error ${C.missingId}`, `a:6 error ${C.syntax}`, `a:7 error ${C.unknownType}`],
  },
];

for (const c of CASES) {
  test(`validates: ${c.name}`, () => {
    assert.deepEqual(check(c.files), [...c.expected].sort());
  });
}

test('validation diagnostics carry the uri of the file they are in', () => {
  const inputs = [
    { uri: 'file:///s/a.prisma', file: parsePrisma(PG + 'model A {\n  id Int @id\n  b Nope\n}\n') },
    { uri: 'file:///s/b.prisma', file: parsePrisma('model B {\n  id Int @id\n  c AlsoNope\n}\n') },
  ];
  const d = interpretPrisma(inputs).diagnostics;
  assert.deepEqual(
    d.map((x) => [x.uri, x.code, x.message.slice(0, 10)]),
    [
      ['file:///s/a.prisma', C.unknownType, 'Type "Nope'],
      ['file:///s/b.prisma', C.unknownType, 'Type "Also'],
    ],
  );
});

test('Prisma 7 datasource rules on request: url is an error, its absence is fine', () => {
  const seven = (text: string): string[] => interpretPrisma([{ uri: 'a', file: parsePrisma(text) }], { version: 7 }).diagnostics.map((d) => d.code);
  const six = (text: string): string[] => interpretPrisma([{ uri: 'a', file: parsePrisma(text) }]).diagnostics.map((d) => d.code);
  const withUrl = PG + 'model A {\n  id Int @id\n}\n';
  const withoutUrl = 'datasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id Int @id\n}\n';
  assert.deepEqual([six(withUrl), six(withoutUrl)], [[], [C.datasource]]);
  assert.deepEqual([seven(withUrl), seven(withoutUrl)], [[C.datasource], []]);
});

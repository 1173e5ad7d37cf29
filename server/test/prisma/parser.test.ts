/**
 * Prisma parser: the tree built for each construct (inline fixtures), error
 * recovery (a broken line costs that line; a missing `}` costs its block's
 * end), the per-block cache (reused blocks are the same objects, shifted to
 * where they are now), and spans (every identifier's span slices to its text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePrisma, PrismaParseCache, type PExpr, type PrismaBlock, type PrismaFile } from '../../src/engine/syntax/prisma/index.js';
import { LineIndex } from '../../src/engine/text/line-index.js';
import { exprText as engineExprText } from '../../src/engine/syntax/prisma/context.js';

const CORPUS = join(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'corpus', 'prisma');

function block(f: PrismaFile, name: string): PrismaBlock {
  const b = f.blocks.find((x) => x.name?.text === name);
  assert.ok(b, `block ${name}`);
  return b;
}

/** An expression as text (the engine's printer; `<missing>` where the parser kept a hole). */
function exprText(e: PExpr | undefined): string {
  return e ? engineExprText(e) : '<missing>';
}

/** A field as one line: `name Type? @attr(args) ...`, from the tree. */
function fieldText(b: PrismaBlock): string[] {
  return b.fields.map((f) => {
    const t = f.type ? ` ${f.type.unsupported !== undefined ? `Unsupported(${JSON.stringify(f.type.unsupported)})` : f.type.name.text}${f.type.list ? '[]' : ''}${f.type.optional ? '?' : ''}` : '';
    const attrs = f.attributes.map((a) => ` @${a.name.text}${a.args ? '(' + a.args.items.map((x) => (x.name ? x.name.text + ': ' : '') + exprText(x.value)).join(', ') + ')' : ''}`).join('');
    return `${f.name.text}${t}${attrs}`;
  });
}

function errorLines(text: string, f: PrismaFile): number[] {
  const li = new LineIndex(text);
  return f.diagnostics.filter((d) => d.severity === 'error').map((d) => li.position(d.span.start).line + 1);
}

const MODEL = `/// A user
model User {
  id      Int      @id @default(autoincrement())
  /// the address
  email   String   @unique @db.VarChar(255)
  name    String?
  tags    String[]
  geo     Unsupported("geometry(Point, 4326)")?
  role    Role     @default(USER) @map("user_role")
  posts   Post[]
  created DateTime @default(now()) @updatedAt
  org     Org      @relation("members", fields: [orgId, orgKey], references: [id, key], onDelete: Cascade, onUpdate: NoAction, map: "fk_org")
  orgId   Int
  orgKey  String

  @@unique([email, name(sort: Desc, length: 10)], name: "email_name")
  @@index([orgId], type: Hash)
  @@map("users")
  @@schema("auth")
}
`;

test('a model: fields, types, field attributes with arguments, block attributes, docs', () => {
  const f = parsePrisma(MODEL);
  assert.deepEqual(f.diagnostics, []);
  const b = block(f, 'User');
  assert.equal(b.kind, 'model');
  assert.equal(b.doc, 'A user');
  assert.deepEqual(fieldText(b), [
    'id Int @id @default(autoincrement())',
    'email String @unique @db.VarChar(255)',
    'name String?',
    'tags String[]',
    'geo Unsupported("geometry(Point, 4326)")?',
    'role Role @default(USER) @map("user_role")',
    'posts Post[]',
    'created DateTime @default(now()) @updatedAt',
    'org Org @relation("members", fields: [orgId, orgKey], references: [id, key], onDelete: Cascade, onUpdate: NoAction, map: "fk_org")',
    'orgId Int',
    'orgKey String',
  ]);
  assert.equal(b.fields[1].doc, 'the address');
  assert.deepEqual(
    b.attributes.map((a) => `@@${a.name.text}(${a.args!.items.map((x) => (x.name ? x.name.text + ': ' : '') + exprText(x.value)).join(', ')})`),
    ['@@unique([email, name(sort: Desc, length: 10)], name: "email_name")', '@@index([orgId], type: Hash)', '@@map("users")', '@@schema("auth")'],
  );
  // a native type attribute keeps its parts: the datasource name and the type
  assert.deepEqual(
    b.fields[1].attributes[1].name.parts.map((p) => p.text),
    ['db', 'VarChar'],
  );
  assert.ok(b.closed);
});

const TABLE: { name: string; text: string; check: (f: PrismaFile) => void }[] = [
  {
    name: 'datasource and generator: key = value, env(), arrays',
    text: 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n  schemas  = ["a", "b"]\n}\n\ngenerator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ["views", "relationJoins"]\n}\n',
    check: (f) => {
      assert.deepEqual(
        block(f, 'db').properties.map((p) => `${p.key.text}=${exprText(p.value)}`),
        ['provider="postgresql"', 'url=env("DATABASE_URL")', 'schemas=["a", "b"]'],
      );
      assert.deepEqual(
        block(f, 'client').properties.map((p) => `${p.key.text}=${exprText(p.value)}`),
        ['provider="prisma-client-js"', 'previewFeatures=["views", "relationJoins"]'],
      );
    },
  },
  {
    name: 'enum: values with @map, block attributes, doc comments',
    text: '/// Roles\nenum Role {\n  /// plain\n  USER\n  ADMIN @map("admin")\n\n  @@map("roles")\n}\n',
    check: (f) => {
      const b = block(f, 'Role');
      assert.equal(b.kind, 'enum');
      assert.equal(b.doc, 'Roles');
      assert.deepEqual(fieldText(b), ['USER', 'ADMIN @map("admin")']);
      assert.equal(b.fields[0].doc, 'plain');
      assert.deepEqual(b.attributes.map((a) => a.name.text), ['map']);
    },
  },
  {
    name: 'composite type and view',
    text: 'type Address {\n  street String\n  zip    String? @map("z")\n}\n\nview Active {\n  id   Int @unique\n  name String\n}\n',
    check: (f) => {
      assert.equal(block(f, 'Address').kind, 'type');
      assert.deepEqual(fieldText(block(f, 'Address')), ['street String', 'zip String? @map("z")']);
      assert.equal(block(f, 'Active').kind, 'view');
      assert.deepEqual(fieldText(block(f, 'Active')), ['id Int @unique', 'name String']);
    },
  },
  {
    name: 'comments: // and /* */ are skipped, /// inside a block is a field doc',
    text: '// top\n/* a\n   block { comment } */\nmodel A {\n  id Int @id // trailing\n  /* inline */ b Int\n}\n',
    check: (f) => {
      assert.deepEqual(f.diagnostics, []);
      assert.deepEqual(fieldText(block(f, 'A')), ['id Int @id', 'b Int']);
    },
  },
  {
    name: 'a trailing comma in arguments',
    text: 'model A {\n  id Int @id\n  a  Int\n  b  Int\n\n  @@index([a, b], map: "ab",)\n}\n',
    check: (f) => {
      assert.deepEqual(f.diagnostics, []);
      assert.equal(exprText(block(f, 'A').attributes[0].args!.items[0].value), '[a, b]');
    },
  },
  {
    name: 'string escapes are decoded',
    text: 'model A {\n  id Int @id @default(dbgenerated("nextval(\\"s\\")\\n"))\n}\n',
    check: (f) => {
      const call = block(f, 'A').fields[0].attributes[1].args!.items[0].value;
      assert.equal(call?.kind, 'call');
      if (call?.kind === 'call') assert.deepEqual(call.args.items[0].value, { kind: 'string', value: 'nextval("s")\n', span: call.args.items[0].value!.span });
    },
  },
];

for (const c of TABLE) test(`parses ${c.name}`, () => c.check(parsePrisma(c.text)));

const RECOVERY: { name: string; text: string; errorLines: number[]; fields: Record<string, string[]> }[] = [
  {
    name: 'a broken line costs that line only',
    text: 'model A {\n  id Int @id\n  b Int @default(\n  c String\n}\n\nmodel B {\n  id Int @id\n}\n',
    errorLines: [3],
    fields: { A: ['id Int @id', 'c String'], B: ['id Int @id'] },
  },
  {
    name: 'a member never spans lines (as in Prisma): each line of a split one is an error',
    text: 'model A {\n  id Int @id\n  a  Int\n  @@index([\n    a,\n  ])\n  z Int\n}\n',
    errorLines: [4, 5, 6],
    fields: { A: ['id Int @id', 'a Int', 'z Int'] },
  },
  {
    name: 'a stray token after a field',
    text: 'model A {\n  id Int @id )\n  c  String\n}\n',
    errorLines: [2],
    fields: { A: ['c String'] },
  },
  {
    name: 'a missing } ends the block at the next top-level keyword',
    text: 'model A {\n  id Int @id\n\nmodel B {\n  id Int @id\n}\n',
    errorLines: [1],
    fields: { A: ['id Int @id'], B: ['id Int @id'] },
  },
  {
    name: 'a block head without its { does not swallow the next block',
    text: 'model A\nmodel B {\n  id Int @id\n}\n',
    errorLines: [1],
    fields: { B: ['id Int @id'] },
  },
  {
    name: 'a line outside any block and an unknown block keyword',
    text: 'hello there\n\nmodel A {\n  id Int @id\n}\n\ntable T {\n  x Int\n}\n',
    errorLines: [1, 7],
    fields: { A: ['id Int @id'] },
  },
  {
    name: 'an unterminated string',
    text: 'model A {\n  id Int @id @map("oops)\n  b Int\n}\n',
    errorLines: [2],
    fields: { A: ['b Int'] },
  },
  {
    name: 'a trailing comma in a list is an error (as in Prisma)',
    text: 'model A {\n  id Int @id\n  a Int\n  @@index([a, ])\n}\n',
    errorLines: [4],
    fields: { A: ['id Int @id', 'a Int'] },
  },
  {
    name: 'key = value inside a model, and a field inside a datasource',
    text: 'model A {\n  id Int @id\n  x = 1\n}\n\ndatasource db {\n  provider String\n}\n',
    errorLines: [3, 7],
    fields: { A: ['id Int @id'] },
  },
  {
    name: 'a member on the line of the opening brace',
    text: 'model A { id Int @id\n  b Int\n}\n',
    errorLines: [1],
    fields: { A: ['id Int @id', 'b Int'] },
  },
];

for (const c of RECOVERY) {
  test(`recovers: ${c.name}`, () => {
    const f = parsePrisma(c.text);
    assert.deepEqual([...new Set(errorLines(c.text, f))], c.errorLines);
    for (const [name, fields] of Object.entries(c.fields)) {
      assert.deepEqual(fieldText(block(f, name)), fields);
    }
  });
}

/** Every span of the tree, with the text it must cover when known. */
function* spans(f: PrismaFile): Generator<{ span: { start: number; end: number }; text?: string }> {
  function* expr(e: PExpr | undefined): Generator<{ span: { start: number; end: number }; text?: string }> {
    if (!e) return;
    yield { span: e.span };
    if (e.kind === 'path') for (const p of e.path.parts) yield { span: p.span, text: p.text };
    if (e.kind === 'call') {
      for (const p of e.callee.parts) yield { span: p.span, text: p.text };
      for (const a of e.args.items) {
        if (a.name) yield { span: a.name.span, text: a.name.text };
        yield* expr(a.value);
      }
    }
    if (e.kind === 'array') for (const i of e.items) yield* expr(i);
  }
  for (const b of f.blocks) {
    yield { span: b.keyword.span, text: b.keyword.text };
    if (b.name) yield { span: b.name.span, text: b.name.text };
    for (const x of b.fields) {
      yield { span: x.name.span, text: x.name.text };
      if (x.type) for (const p of x.type.name.parts) yield { span: p.span, text: p.text };
      for (const a of [...x.attributes]) {
        for (const p of a.name.parts) yield { span: p.span, text: p.text };
        for (const arg of a.args?.items ?? []) yield* expr(arg.value);
      }
    }
    for (const a of b.attributes) {
      for (const p of a.name.parts) yield { span: p.span, text: p.text };
      for (const arg of a.args?.items ?? []) yield* expr(arg.value);
    }
    for (const p of b.properties) {
      yield { span: p.key.span, text: p.key.text };
      yield* expr(p.value);
    }
  }
}

const corpusFiles = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.prisma')) : [];

test('every identifier span slices to its text (inline model and corpus files)', () => {
  const texts = [MODEL, ...corpusFiles.map((f) => readFileSync(join(CORPUS, f), 'utf8'))];
  let checked = 0;
  for (const text of texts) {
    for (const s of spans(parsePrisma(text))) {
      assert.ok(s.span.start >= 0 && s.span.end <= text.length && s.span.start <= s.span.end);
      if (s.text !== undefined) {
        assert.equal(text.slice(s.span.start, s.span.end), s.text);
        checked++;
      }
    }
  }
  assert.ok(checked > 100);
});

test('the block cache: an edit re-parses one block; reused blocks are shifted and equal a fresh parse', () => {
  const text = 'model A {\n  id Int @id\n}\n\nmodel B {\n  id Int @id\n  a  A   @relation(fields: [aId], references: [id])\n  aId Int\n}\n\nmodel C {\n  id Int @id\n}\n';
  const cache = new PrismaParseCache();
  const first = parsePrisma(text, cache);
  const a = block(first, 'A');
  const c = block(first, 'C');
  const edited = text.replace('model A {\n  id Int @id', 'model A {\n  id   Int @id\n  more String');
  const second = parsePrisma(edited, cache);
  assert.notEqual(block(second, 'A'), a, 'the edited block is parsed again');
  assert.equal(block(second, 'C'), c, 'an unchanged block is reused');
  assert.deepEqual(second, parsePrisma(edited), 'spans of reused blocks are shifted to their new place');
  // and back: the old text again reuses blocks in the other direction
  assert.deepEqual(parsePrisma(text, cache), parsePrisma(text));
});

test('identical blocks each get their own parse from the cache', () => {
  const one = 'model A {\n  id Int @id\n}\n';
  const text = one + '\n' + one;
  const cache = new PrismaParseCache();
  parsePrisma(text, cache);
  const again = parsePrisma('\n' + text, cache);
  assert.notEqual(again.blocks[0], again.blocks[1]);
  assert.deepEqual(again, parsePrisma('\n' + text));
});

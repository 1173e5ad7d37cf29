/**
 * Unit tests of the code-generation engine: case conversion, plural and
 * singular, identifier escaping per language, SQL quoting per dialect,
 * manifest parsing, template errors as diagnostics (file and line), partials,
 * table selection, and the view model's relationship navigation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildViewModel, camelCase, escapeIdentifier, generate, kebabCase, listTargets, parseManifest, pascalCase, plural, quoteIdent, singular, snakeCase, upperSnakeCase,
  type TargetTemplates,
} from '../../src/engine/codegen/index.ts';
import { schemaOf } from './corpus.ts';

test('case conversion', () => {
  const cases: [string, string, string, string, string, string][] = [
    // input, snake, camel, pascal, kebab, UPPER_SNAKE
    ['order_items', 'order_items', 'orderItems', 'OrderItems', 'order-items', 'ORDER_ITEMS'],
    ['OrderItems', 'order_items', 'orderItems', 'OrderItems', 'order-items', 'ORDER_ITEMS'],
    ['userID', 'user_id', 'userId', 'UserId', 'user-id', 'USER_ID'],
    ['HTTPServer log', 'http_server_log', 'httpServerLog', 'HttpServerLog', 'http-server-log', 'HTTP_SERVER_LOG'],
    ['my col', 'my_col', 'myCol', 'MyCol', 'my-col', 'MY_COL'],
    ['', '_', '_', '_', '_', '_'],
  ];
  for (const [input, snake, camel, pascal, kebab, upper] of cases) {
    assert.deepEqual([snakeCase(input), camelCase(input), pascalCase(input), kebabCase(input), upperSnakeCase(input)], [snake, camel, pascal, kebab, upper], input);
  }
});

test('plural and singular keep the identifier style and know irregular nouns', () => {
  const cases: [string, string][] = [
    ['order_item', 'order_items'], ['category', 'categories'], ['Person', 'People'], ['child', 'children'], ['status', 'statuses'],
    ['address', 'addresses'], ['box', 'boxes'], ['day', 'days'], ['OrderItem', 'OrderItems'], ['user_data', 'user_data'], ['Country', 'Countries'],
  ];
  for (const [one, many] of cases) {
    assert.equal(plural(one), many, `plural ${one}`);
    if (one !== 'user_data') assert.equal(singular(many), one, `singular ${many}`);
  }
  assert.equal(plural('users'), 'users', 'a plural stays plural');
});

test('identifier escaping per language: keywords get the suffix, non-identifiers are rewritten', () => {
  const cases: [string, string, string][] = [
    ['class', 'python', 'class_'], ['from', 'python', 'from_'], ['my col', 'python', 'my_col'], ['2fa', 'python', 'n2fa'], ['_private', 'python', 'n_private'],
    ['class', 'django', 'class_field'], ['class', 'typescript', 'class_'], ['user-id', 'typescript', 'user_id'], ['$ref', 'typescript', '$ref'],
    ['model', 'prisma', 'model_'], ['String', 'prisma', 'String_'], ['true', 'graphql', 'true_'], ['Query', 'graphql', 'Query_'],
    ['select', 'sql', 'select_'], ['SELECT', 'sql', 'SELECT_'], ['ok_name', 'python', 'ok_name'], ['', 'python', 'n_'],
  ];
  for (const [name, language, expected] of cases) assert.equal(escapeIdentifier(name, language), expected, `${language}: ${name}`);
  assert.equal(escapeIdentifier('metadata', 'python', new Set(['metadata'])), 'metadata_', 'reserved names escape like keywords');
});

test('SQL quoting per dialect: only where needed, with the dialect\'s quotes and escapes', () => {
  const cases: [string, string, string][] = [
    ['users', 'postgres', 'users'], ['Users', 'postgres', '"Users"'], ['Users', 'mysql', 'Users'], ['order', 'postgres', '"order"'],
    ['order', 'mysql', '`order`'], ['order', 'mssql', '[order]'], ['order', 'sqlite', '"order"'], ['my col', 'mssql', '[my col]'],
    ['a"b', 'postgres', '"a""b"'], ['a`b', 'mysql', '`a``b`'], ['a]b', 'mssql', '[a]]b]'], ['fulltext', 'mysql', '`fulltext`'], ['2x', 'sqlite', '"2x"'],
  ];
  for (const [name, dialect, expected] of cases) assert.equal(quoteIdent(name, dialect), expected, `${dialect}: ${name}`);
});

test('parseManifest: a valid manifest, and the first problem of invalid ones', () => {
  const ok = parseManifest(JSON.stringify({ id: 'x', name: 'X', output: 'x.txt', language: 'generic', options: { a: { type: 'boolean', default: true, description: 'd' } } }));
  assert.ok(!('error' in ok));
  assert.equal(ok.id, 'x');
  assert.deepEqual(ok.options, { a: { type: 'boolean', default: true, description: 'd' } });
  const bad: [string, RegExp][] = [
    ['{', /not JSON/],
    ['[]', /JSON object/],
    [JSON.stringify({ name: 'X', output: 'o', language: 'l' }), /"id"/],
    [JSON.stringify({ id: 'Bad Id', name: 'X', output: 'o', language: 'l' }), /lower-case/],
    [JSON.stringify({ id: 'x', name: 'X', output: 'o', language: 'l', perTable: 'yes' }), /perTable/],
    [JSON.stringify({ id: 'x', name: 'X', output: 'o', language: 'l', options: { a: { type: 'number' } } }), /option "a"/],
    [JSON.stringify({ id: 'x', name: 'X', output: 'o', language: 'l', options: { a: { type: 'string', default: 1 } } }), /default/],
  ];
  for (const [text, error] of bad) {
    const r = parseManifest(text);
    assert.ok('error' in r, text);
    assert.match(r.error, error, text);
  }
  assert.deepEqual(listTargets([{ manifest: ok }]).map((t) => t.id), ['x']);
});

const SHOP = schemaOf('file:///shop.dbml', `
Table customers { id int [pk]  name varchar(40) [not null, note: 'Full name'] }
Table orders { id int [pk]  customer_id int [not null, ref: > customers.id]  placed_by int [ref: > customers.id] }
Table products { id int [pk]  sku varchar(20) [unique] }
Table order_products { order_id int [ref: > orders.id]  product_id int [ref: > products.id]
  indexes { (order_id, product_id) [pk] } }
`, 'dbml');

function targetOf(files: Record<string, string>, manifest: Partial<TargetTemplates['manifest']> = {}): TargetTemplates {
  return {
    manifest: { id: 't', name: 'T', description: '', output: 'out.txt', language: 'typescript', ...manifest },
    files: Object.entries(files).map(([path, text]) => ({ path, text })),
  };
}

test('generate: a template error becomes a diagnostic with the template and line, not an exception', () => {
  const syntax = generate(SHOP, targetOf({ 'main.hbs': 'line one\nline two\n{{#each tables}}\n{{name}\n{{/each}}\n' }));
  assert.equal(syntax.files.length, 0);
  assert.equal(syntax.diagnostics.length, 1);
  assert.equal(syntax.diagnostics[0].template, 'main.hbs');
  assert.equal(syntax.diagnostics[0].line, 4);
  const partial = generate(SHOP, targetOf({ 'main.hbs': '{{> row}}', '_row.hbs': 'a\n{{#if}}\n' }));
  assert.ok(partial.diagnostics.some((d) => d.template === '_row.hbs'), JSON.stringify(partial.diagnostics));
  const missing = generate(SHOP, targetOf({ 'main.hbs': 'x' }, { entry: 'nope.hbs' }));
  assert.match(missing.diagnostics[0].message, /no template "nope.hbs"/);
  const helper = generate(SHOP, targetOf({ 'main.hbs': '{{#each tables}}{{noSuchHelper name}}{{/each}}' }));
  assert.equal(helper.files.length, 0);
  assert.match(helper.diagnostics[0].message, /noSuchHelper/);
});

test('generate: partials, per-table output names, table selection and options', () => {
  const target = targetOf({ 'main.hbs': '{{> head}}{{table.className}}:{{#each table.columns}}{{prop}}{{#unless @last}},{{/unless}}{{/each}}{{#if options.flag}}!{{/if}}', '_head.hbs': '# ' }, {
    output: 'models/{{table}}.ts',
    perTable: true,
    options: { flag: { type: 'boolean', default: false, description: '' }, fieldCase: { type: 'string', default: 'camel', description: '' } },
  });
  const all = generate(SHOP, target);
  assert.deepEqual(all.diagnostics, []);
  assert.deepEqual(all.files.map((f) => f.path), ['models/customers.ts', 'models/orders.ts', 'models/products.ts', 'models/order_products.ts']);
  assert.equal(all.files[1].content, '# Order:id,customerId,placedBy');
  const some = generate(SHOP, target, { tables: ['public.orders', 'products', 'nope'], options: { flag: true } });
  assert.deepEqual(some.files.map((f) => f.content), ['# Order:id,customerId,placedBy!', '# Product:id,sku!']);
  assert.deepEqual(some.diagnostics.map((d) => d.severity + ' ' + d.message), ['warning no table "nope" in the schema']);
});

test('view model: belongs-to, has-many (named apart when a pair has two), many-to-many through a junction', () => {
  const vm = buildViewModel(SHOP, { id: 't', name: 'T', description: '', output: 'x', language: 'typescript' });
  const t = (name: string) => vm.tables.find((x) => x.name === name)!;
  assert.deepEqual(t('orders').belongsTo.map((n) => `${n.name}->${n.target.name}`), ['customer->customers', 'placedByCustomer->customers']);
  assert.deepEqual(t('customers').hasMany.map((n) => `${n.name}<-${n.target.name}`), ['ordersByCustomerId<-orders', 'ordersByPlacedBy<-orders']);
  assert.equal(t('orders').belongsTo[0].inverse, t('customers').hasMany[0]);
  assert.equal(t('order_products').isJunction, true);
  assert.deepEqual(t('orders').manyToMany.map((n) => `${n.name}->${n.target.name} via ${n.through?.name}`), ['products->products via order_products']);
  assert.deepEqual(t('products').manyToMany.map((n) => `${n.name}->${n.target.name}`), ['orders->orders']);
  assert.deepEqual(t('order_products').primaryKey.map((c) => c.name), ['order_id', 'product_id']);
  assert.equal(t('products').columns[1].unique, true);
  assert.deepEqual(t('customers').columns[1].docLines, ['Full name']);
  assert.equal(vm.relationships.every((r) => r.toUnique), true);
});

test('every target runs on an empty schema and on a table without columns, without errors', async () => {
  const { allTargets } = await import('./corpus.ts');
  const { emptySchema } = await import('../../src/engine/model/schema.ts');
  const bare = schemaOf('file:///bare.dbml', 'Table nothing {\n}\nTable "2 odd names!" { "" int }\n', 'dbml');
  const targets = allTargets();
  assert.ok(targets.length >= 22, `${targets.length} targets`);
  for (const t of targets) {
    for (const schema of [emptySchema(), bare]) {
      const r = generate(schema, t);
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], t.manifest.id);
      assert.ok(r.files.length >= (t.manifest.perTable ? 0 : 1), t.manifest.id);
    }
  }
});

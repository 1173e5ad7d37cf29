/**
 * Names that are keywords or no identifiers in a target are escaped or
 * renamed the same way everywhere they appear (a case per target), on the
 * keyword fixture: table `class`, columns `from`, `select`, `my col`, `2fa`,
 * `type`, `import`, `metadata`, `model_config`, `user-id`, enum values
 * `in progress` and `2nd`. The real-tool checks (tsc, py_compile, Prisma,
 * GraphQL, SQL re-parse and load) run on this fixture too, in the other files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from '../../src/engine/codegen/index.ts';
import { keywordSchema, target } from './corpus.ts';

const fixture = keywordSchema();

function output(id: string, path?: string): string {
  const r = generate(fixture.schema, target(id), { dialect: 'postgres' });
  assert.deepEqual(r.diagnostics, [], id);
  const f = path ? r.files.find((x) => x.path === path) : r.files[0];
  assert.ok(f, `${id}: ${path}`);
  return f.content;
}

/** Each expected line must appear in the output (trimmed lines compared). */
function check(id: string, expected: string[], path?: string): void {
  const lines = new Set(output(id, path).split('\n').map((l) => l.trim()));
  const missing = expected.filter((e) => !lines.has(e));
  assert.deepEqual(missing, [], `${id}: lines not found`);
}

const CASES: Record<string, string[]> = {
  typescript: ['export interface Class {', 'from: string;', '"my col": string | null;', '"2fa": boolean | null;', '"user-id": number | null;', 'export type Status = "in progress" | "done" | "2nd" | "class";'],
  zod: ['export const ClassSchema = z.object({', '"my col": z.string().nullable(),', '"2fa": z.boolean().nullable().optional(),', 'export const StatusSchema = z.enum(["in progress", "done", "2nd", "class"]);'],
  typeorm: ['@Column({ name: "from", type: "varchar", length: 20 })', 'from_!: string;', 'myCol!: string | null;', 'n2fa!: boolean | null;', '"in progress" = "in progress",', '"_2nd" = "2nd",'],
  drizzle: ['export const class_ = t.pgTable("class", {', 'from_: t.varchar("from", { length: 20 }).notNull(),', 'myCol: t.text("my col"),', 'n2fa: t.boolean("2fa"),', 'import_: t.integer("import"),'],
  express: ['"my col": z.string().nullable(),', 'router.use("/class", class_Router(stores.class_));'],
  'json-schema': ['"my col": {"type":["string","null"]},', '"Class": {'],
  graphql: ['type Class {', 'from: String!', 'myCol: String', 'n2fa: Boolean', 'in_progress', 'n2nd'],
  prisma: ['model Class {', 'myCol String? @map("my col")', 'n2fa Boolean? @default(false) @map("2fa")', 'type_ String? @map("type")', 'in_progress @map("in progress")', 'n2nd @map("2nd")', 'userId Int? @map("user-id")'],
  sqlalchemy: ['class Class(Base):', 'from_: Mapped[str] = mapped_column("from", sa.String(20), nullable=False, comment="a keyword column")', 'my_col: Mapped[Optional[str]] = mapped_column("my col", sa.Text(), nullable=True)', 'metadata_: Mapped[Optional[str]] = mapped_column("metadata", sa.Text(), nullable=True)', 'IN_PROGRESS = "in progress"', 'n2ND = "2nd"'],
  pydantic: ['class Class(BaseModel):', 'from_: str = Field(alias="from", max_length=20, description="a keyword column")', 'my_col: str | None = Field(default=None, alias="my col")', 'model_config_: str | None = Field(default=None, alias="model_config")', 'json_: str | None = Field(default=None, alias="json")'],
  dataclasses: ['class Class:', 'from_: str', 'my_col: str | None = None', 'n2fa: bool | None = None', 'import_: int | None = None'],
  django: ['class Class(models.Model):', 'from_field = models.CharField(max_length=20, db_column="from", help_text="a keyword column")', 'import_field = models.IntegerField(null=True, blank=True, db_column="import")', 'my_col = models.TextField(null=True, blank=True, db_column="my col")', 'db_table = "class"'],
  fastapi: ['class Class(BaseModel):', 'def class__router(store: Store[Class, int]) -> APIRouter:', 'router.include_router(class__router(stores["class"]))'],
  'sql-postgres': ['CREATE TABLE class (', '"from" varchar(20) NOT NULL,', '"select" int,', '"my col" text,', '"2fa" boolean DEFAULT FALSE,', '"Order" int,', 'CREATE TABLE "user" ('],
  'sql-mysql': ['`from` VARCHAR(20) NOT NULL,', '`select` INT,', '`my col` TEXT,', '`2fa` BOOLEAN DEFAULT FALSE,', 'CREATE TABLE `user` ('],
  'sql-sqlite': ['"from" TEXT NOT NULL,', '"my col" TEXT,', '"2fa" INTEGER DEFAULT 0,', 'CREATE TABLE "user" ('],
  'sql-mssql': ['[from] NVARCHAR(20) NOT NULL,', '[select] INTEGER,', '[my col] NVARCHAR(MAX),', 'CREATE TABLE [user] ('],
  dbml: ['Table class [note: \'A table named by a keyword\'] {'.replace(" [note: 'A table named by a keyword']", ''), '"my col" text', '"2fa" boolean [default: false]', '"user-id" int', '"in progress"', '"2nd"'],
  mermaid: ['int user-id FK', 'text my_col', 'boolean n2fa'.replace('n2fa', '_2fa')],
  markdown: ['## class', '| `my col` | `text` | yes |  |  |  |'],
  dbt: [],
};

for (const [id, expected] of Object.entries(CASES)) {
  if (!expected.length) continue;
  test(`keywords and non-identifiers in ${id}`, () => check(id, expected));
}

test('keywords and non-identifiers in dbt: staging aliases, quoted sources', () => {
  const stg = generate(fixture.schema, target('dbt'), { dialect: 'postgres' }).files.find((f) => f.path === 'models/staging/stg_class.sql')!;
  assert.ok(stg, 'stg_class.sql');
  for (const line of ['"from" as from_,', '"select" as select_,', '"my col" as my_col,', '"2fa" as n2fa,', '"user-id" as user_id,']) assert.ok(stg.content.includes(line), line);
  check('dbt', ['- name: "stg_class"', '- name: "from_"', 'to: "ref(\'stg_user\')"'], 'models/staging/_schema.yml');
});

test('terraform: an engine per dialect, none for SQLite', () => {
  const tf = (dialect: string) => generate(fixture.schema, target('terraform'), { dialect }).files[0].content;
  assert.match(tf('postgres'), /engine {14}= "postgres"/);
  assert.match(tf('mysql'), /engine {14}= "mysql"/);
  assert.match(tf('mssql'), /engine {14}= "sqlserver-ex"/);
  assert.doesNotMatch(tf('sqlite'), /resource/);
});

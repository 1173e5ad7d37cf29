/**
 * Renders docs/lint-rules.md from the registry: one section per code with its
 * title, family, default severity, dialects, quick fix, why, and a bad and a
 * good example. Pure (returns the text); a test keeps the checked-in page
 * equal to it, so the page cannot drift from the rules.
 */
import { rules } from './index.js';
import type { LintFamily } from './types.js';

const FAMILY_TITLE: Record<LintFamily, string> = {
  keys: 'Keys (KEY)',
  naming: 'Naming (NAME)',
  types: 'Types (TYPE)',
  indexes: 'Indexes (IDX)',
  design: 'Design (DES)',
  pii: 'Personal data (PII)',
};

/** The mechanical fix each fixable rule describes (the `fix` of its findings). */
export const FIX_DESCRIPTIONS: Readonly<Record<string, string>> = {
  KEY001: 'add a primary key (`addPrimaryKey`)',
  KEY003: 'add an index on the foreign key columns (`addIndex`)',
  KEY004: "change the column to the referenced column's type (`changeType`)",
  TYPE001: 'change to `decimal(19, 4)` (`changeType`)',
  TYPE002: 'change to `timestamptz`, precision kept (`changeType`)',
  TYPE003: 'change to `varchar(255)` (`changeType`)',
  TYPE004: 'change to `varchar(n)` (`changeType`)',
  TYPE007: 'change to `bigint`, `bigserial` for serials (`changeType`)',
  TYPE008: 'change to `jsonb` (`changeType`)',
  TYPE010: 'change to `numeric(19, 4)` (`changeType`)',
  TYPE012: 'change to `decimal(19, 4)` (`changeType`)',
  DES004: 'add a unique index over the two foreign keys (`addIndex` with `unique: true`)',
  PII009: 'add a note `PII: <class>` (`addNote`)',
};

const DIALECTS: Readonly<Record<string, string>> = {
  NAME002: 'per dialect (generic: the words reserved in all of them)',
  NAME003: 'PostgreSQL and generic 63 bytes, MySQL 64, SQL Server and Oracle 128 characters; SQLite none',
  NAME005: 'PostgreSQL only',
  TYPE002: 'PostgreSQL only',
  TYPE003: 'MySQL only',
  TYPE006: 'PostgreSQL and generic',
  TYPE008: 'PostgreSQL only',
  TYPE010: 'PostgreSQL and generic',
  TYPE012: 'MySQL only',
  IDX004: 'unique per schema (PostgreSQL, SQLite, Oracle, generic) or per table (MySQL, SQL Server)',
};

function anchor(code: string, title: string): string {
  return `${code}: ${title}`
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

function fence(example: string): string {
  return `\`\`\`${/^\s*(create|alter)\b/i.test(example) ? 'sql' : 'dbml'}\n${example}\n\`\`\`\n`;
}

const INTRO = `# Lint rules

The schema linter (\`server/src/engine/lint\`) checks the bound schema of every unit (all DBML files together; each SQL
file or migrations folder; each Prisma folder). Each rule has a stable code with a prefix per family; codes are never
renumbered. Severity is per rule and can be changed per code (\`off\` disables a rule); a rule's findings can be silenced
on one line with \`-- schemasage-disable-next-line CODE\` (SQL) or \`// schemasage-disable-next-line CODE\` (DBML, Prisma).

Dialect-specific rules use the database type: the \`databaseType\` option, else the DBML \`Project\`'s \`database_type\`,
else \`generic\`. Binding diagnostics (\`BIND…\`) and parse errors are documented in [rules.md](rules.md).

This page is generated from the rules (\`renderLintRulesMarkdown()\` in \`server/src/engine/lint/docs.ts\`); a test
keeps it equal to that output.
`;

/** The Markdown of docs/lint-rules.md. */
export function renderLintRulesMarkdown(): string {
  const parts: string[] = [INTRO, '\n| Code | Title | Family | Default severity | Quick fix |\n|---|---|---|---|---|\n'];
  for (const r of rules) parts.push(`| [${r.code}](#${anchor(r.code, r.title)}) | ${r.title} | ${r.family} | ${r.severity} | ${FIX_DESCRIPTIONS[r.code] ? 'yes' : ''} |\n`);
  let family = '';
  for (const r of rules) {
    if (r.family !== family) {
      family = r.family;
      parts.push(`\n# ${FAMILY_TITLE[r.family]}\n`);
    }
    parts.push(`\n## ${r.code}: ${r.title}\n\n- Family: ${r.family}\n- Default severity: ${r.severity}\n`);
    if (DIALECTS[r.code]) parts.push(`- Dialects: ${DIALECTS[r.code]}\n`);
    if (FIX_DESCRIPTIONS[r.code]) parts.push(`- Quick fix: ${FIX_DESCRIPTIONS[r.code]}\n`);
    parts.push(`\n${r.docs.why}\n\nBad:\n\n${fence(r.docs.bad)}\nGood:\n\n${fence(r.docs.good)}`);
  }
  return parts.join('');
}

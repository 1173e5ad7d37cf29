/**
 * A schema changelog in Markdown between two schemas (two revisions, for
 * release notes): what changed per table, then the hazards the migration
 * would carry. Built from the diff's changes and the plan's hazards; every
 * name is shown as inline code with backticks escaped. Pure.
 */
import type { Change, SchemaDiff } from './diff/index.js';
import type { MigrationPlan } from './migrate/index.js';

function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${ticks.length > 1 ? ' ' : ''}${s.replace(/[\r\n]+/g, ' ')}${ticks.length > 1 ? ' ' : ''}${ticks}`;
}

function text(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/([\\*_[\]<>|])/g, '\\$1');
}

/** One line per change, keyed by the table it belongs to (`''` for enums). */
function describe(c: Change): [string, string] {
  switch (c.kind) {
    case 'create-table':
      return [c.table.name, `new table with ${c.table.columns.length} column${c.table.columns.length === 1 ? '' : 's'}: ${c.table.columns.map((x) => code(x.name)).join(', ')}`];
    case 'drop-table':
      return [c.table.name, '**dropped**'];
    case 'rename-table':
      return [c.table.name, `renamed from ${code(c.fromTable.name)}`];
    case 'create-view':
      return [c.table.name, 'new view'];
    case 'drop-view':
      return [c.table.name, 'view **dropped**'];
    case 'add-column':
      return [c.table.name, `added column ${code(c.column.name)} ${code(c.column.type.raw)}${c.column.nullable ? '' : ', not null'}${c.column.default ? `, default ${code(c.column.default.value)}` : ''}`];
    case 'drop-column':
      return [c.table.name, `**dropped** column ${code(c.column.name)}`];
    case 'rename-column':
      return [c.table.name, `renamed column ${code(c.from.name)} to ${code(c.to.name)}`];
    case 'alter-column': {
      const parts: string[] = [];
      if (c.changes.type) parts.push(`type ${code(c.from.type.raw)} → ${code(c.to.type.raw)} (${c.changes.type})`);
      if (c.changes.nullable) parts.push(c.to.nullable ? 'now nullable' : 'now not null');
      if (c.changes.default) parts.push(c.to.default ? `default ${code(c.to.default.value)}` : 'default removed');
      if (c.changes.identity) parts.push(c.to.autoIncrement ? 'now auto-increment' : 'no longer auto-increment');
      if (c.changes.generated) parts.push('generated expression changed');
      if (c.changes.collation) parts.push('collation changed');
      return [c.table.name, `column ${code(c.to.name)}: ${parts.join(', ')}`];
    }
    case 'alter-primary-key':
      return [c.table.name, `primary key (${c.from.map(code).join(', ') || 'none'}) → (${c.to.map(code).join(', ') || 'none'})`];
    case 'add-unique':
      return [c.table.name, `unique (${c.columns.map(code).join(', ')})`];
    case 'drop-unique':
      return [c.table.name, `unique (${c.columns.map(code).join(', ')}) removed`];
    case 'add-index':
      return [c.table.name, `index ${c.index.name ? `${code(c.index.name)} ` : ''}(${c.index.parts.map((p) => code(p.column ?? p.expression ?? '')).join(', ')})${c.index.unique ? ', unique' : ''}`];
    case 'drop-index':
      return [c.table.name, `index ${c.index.name ? `${code(c.index.name)} ` : ''}(${c.index.parts.map((p) => code(p.column ?? p.expression ?? '')).join(', ')}) removed`];
    case 'add-check':
      return [c.table.name, `check ${code(c.check.expression)}`];
    case 'drop-check':
      return [c.table.name, `check ${code(c.check.expression)} removed`];
    case 'add-foreign-key':
      return [c.table.name, `${c.recreated ? 'recreated' : 'new'} foreign key (${c.relationship.from.columns.map(code).join(', ')}) → ${code(c.relationship.to.table)} (${c.relationship.to.columns.map(code).join(', ')})`];
    case 'drop-foreign-key':
      return [c.table.name, `foreign key (${c.relationship.from.columns.map(code).join(', ')}) → ${code(c.relationship.to.table)} ${c.recreated ? 'dropped to be recreated' : 'removed'}`];
    case 'table-comment':
      return [c.table.name, c.to ? `note: ${text(c.to)}` : 'note removed'];
    case 'column-comment':
      return [c.table.name, c.to ? `note on ${code(c.column.name)}: ${text(c.to)}` : `note on ${code(c.column.name)} removed`];
    case 'create-enum':
      return ['', `new enum ${code(c.enum.name)}: ${c.enum.values.map((v) => code(v.name)).join(', ')}`];
    case 'drop-enum':
      return ['', `enum ${code(c.enum.name)} **dropped**`];
    case 'alter-enum': {
      const parts = [...c.added.map((v) => `added ${code(v.value)}`), ...c.removed.map((v) => `**removed** ${code(v)}`), ...c.renamed.map((r) => `renamed ${code(r.from)} to ${code(r.to)}`)];
      if (c.reordered) parts.push('values reordered');
      return ['', `enum ${code(c.to.name)}: ${parts.join(', ')}`];
    }
  }
}

/** The changelog of `diff` (with the hazards of `plan`, planned from it), titled `from → to`. */
export function renderChangelog(diff: SchemaDiff, plan: MigrationPlan, labels: { from: string; to: string }): string {
  const out = [`# Schema changes: ${code(labels.from)} → ${code(labels.to)}`, ''];
  const changes = diff.changes.filter((c) => !((c.kind === 'add-foreign-key' || c.kind === 'drop-foreign-key') && c.recreated));
  if (!changes.length) return `${out.join('\n')}No changes.\n`;
  const byTable = new Map<string, string[]>();
  for (const c of changes) {
    const [table, line] = describe(c);
    const list = byTable.get(table) ?? [];
    list.push(line);
    byTable.set(table, list);
  }
  const tables = [...byTable.keys()].filter((t) => t).sort();
  out.push(`${changes.length} change${changes.length === 1 ? '' : 's'} in ${tables.length} table${tables.length === 1 ? '' : 's'}${byTable.has('') ? ' and the enums' : ''}; ${plan.statements.length} statement${plan.statements.length === 1 ? '' : 's'} in ${plan.dialect}.`, '');
  if (byTable.has('')) {
    out.push('## Enums', '');
    for (const l of byTable.get('')!) out.push(`- ${l}`);
    out.push('');
  }
  out.push('## Tables', '');
  for (const t of tables) {
    out.push(`### ${code(t)}`, '');
    for (const l of byTable.get(t)!) out.push(`- ${l}`);
    out.push('');
  }
  if (plan.hazards.length) {
    out.push('## Hazards', '', '| code | severity | data loss | what |', '| --- | --- | --- | --- |');
    for (const h of plan.hazards) out.push(`| ${h.code} | ${h.severity} | ${h.dataLoss ? 'yes' : 'no'} | ${text(h.message)} |`);
    out.push('', 'Codes: docs/hazards.md.', '');
  }
  return out.join('\n');
}

/**
 * The conversion report of a schema to another dialect: per column, the type
 * it gets and every lossy or approximate conversion; for the warehouses also
 * what their DDL cannot carry (defaults, generated columns, keys that are only
 * informational or dropped, indexes, checks), computed by the same functions
 * that write the DDL so the report and the DDL agree. Pure.
 */
import type { Schema } from '../model/schema.js';
import { conversionIssues, convertType, type ColumnConversion, type ConvertDialect, type ConvertReport, type TableConversion } from './convert.js';
import { buildViewModel, type TableView } from './view-model.js';
import { isWarehouse, warehouseColumnIssues, warehouseColumnType, warehouseTableIssues, type WarehouseOptions } from './warehouse.js';

/** Every column of the schema's tables (views left out) converted to `to`, with the issues. */
export function convertReport(schema: Schema, to: ConvertDialect, options: WarehouseOptions = {}): ConvertReport {
  const columns: ColumnConversion[] = [];
  const tables: TableConversion[] = [];
  let lossy = 0;
  let approximate = 0;
  let views: TableView[] = [];
  if (isWarehouse(to)) {
    const manifest = { id: `sql-${to}`, name: to, description: '', output: '', language: 'sql', dialect: to };
    views = buildViewModel(schema, manifest).tables;
  }
  let i = 0;
  for (const table of schema.tables) {
    if (table.isView) continue;
    const view = isWarehouse(to) ? views[i++] : undefined;
    const pk = table.columns.filter((c) => c.primaryKey).length + table.indexes.filter((x) => x.primaryKey).reduce((n, x) => n + x.parts.length, 0);
    table.columns.forEach((c, j) => {
      const issues = conversionIssues(c, to, pk === 1);
      const values = c.type.enumKey ? schema.enums.find((e) => e.key === c.type.enumKey)?.values : undefined;
      for (const x of issues) if (x.code === 'ENUM' && values?.length) x.message += ` (values: ${values.map((v) => `'${v.name}'`).join(', ')})`;
      const cv = view?.columns[j];
      if (view && cv && isWarehouse(to)) issues.push(...warehouseColumnIssues(view, cv, to, options));
      if (issues.some((x) => x.kind === 'lossy')) lossy++;
      else if (issues.length) approximate++;
      columns.push({ table: table.key, column: c.name, from: c.type.raw, to: view && cv && isWarehouse(to) ? warehouseColumnType(view, cv, to) : convertType(c, to), issues });
    });
    if (view && isWarehouse(to)) {
      const issues = warehouseTableIssues(view, to);
      if (issues.length) tables.push({ table: table.key, issues });
    }
  }
  return { toDialect: to, columns, tables, lossy, approximate };
}

/** The report as Markdown for the editor: counts, then one table row per issue (names escaped for Markdown tables). */
export function reportMarkdown(report: ConvertReport, title: string): string {
  const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\r?\n/g, ' ');
  const lines = [`# ${cell(title)}`, '', `${report.columns.length} columns: ${report.lossy} with a lossy conversion, ${report.approximate} approximate.`, ''];
  const rows = report.columns.filter((c) => c.issues.length);
  if (rows.length) {
    lines.push('| column | from | to | kind | code | what changes |', '|---|---|---|---|---|---|');
    for (const c of rows) for (const i of c.issues) lines.push(`| ${cell(`${c.table}.${c.column}`)} | ${cell(c.from)} | ${cell(c.to)} | ${i.kind} | ${i.code} | ${cell(i.message)} |`);
    lines.push('');
  }
  if (report.tables.length) {
    lines.push('| table | kind | code | what changes |', '|---|---|---|---|');
    for (const t of report.tables) for (const i of t.issues) lines.push(`| ${cell(t.table)} | ${i.kind} | ${i.code} | ${cell(i.message)} |`);
    lines.push('');
  }
  if (!rows.length && !report.tables.length) lines.push('Every column converts exactly.', '');
  return lines.join('\n');
}

/**
 * A plan as SQL text: `--` comments naming each step and its hazards,
 * BEGIN/COMMIT around the transactional runs (PostgreSQL, SQLite), plain
 * statements for MySQL (its DDL commits implicitly), and `GO` batches inside
 * one transaction for SQL Server.
 */
import type { MigrationPlan, PlannedStatement } from './types.js';

function commentLines(s: PlannedStatement): string[] {
  const out = [`-- [${s.phase}] ${oneLine(s.description)}${s.irreversible ? ' (irreversible)' : ''}`];
  for (const h of s.hazards) out.push(`-- hazard ${h.code} (${h.severity}${h.dataLoss ? ', data loss' : ''}): ${oneLine(h.message)}${h.aliases.length ? ` [${h.aliases.join(', ')}]` : ''}`);
  return out;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}

/** The plan's forward (`up`, default) or rollback (`down`) statements as one SQL script. */
export function renderPlan(plan: MigrationPlan, which: 'up' | 'down' = 'up'): string {
  const list = which === 'up' ? plan.statements : plan.rollback;
  const hazards = which === 'up' ? plan.hazards : plan.rollbackHazards;
  const out: string[] = [`-- SchemaSage migration (${plan.dialect}, ${which}): ${list.length} statement${list.length === 1 ? '' : 's'}`];
  for (const h of hazards) out.push(`-- ${h.code} ${h.severity}: ${oneLine(h.message)}`);
  if (!list.length) return `${out.join('\n')}\n`;
  out.push('');
  if (plan.dialect === 'mssql') {
    out.push('SET XACT_ABORT ON;', 'BEGIN TRANSACTION;', 'GO');
    for (const s of list) {
      out.push(...commentLines(s));
      if (!s.manual) out.push(`${s.sql};`, 'GO');
    }
    out.push('COMMIT TRANSACTION;', 'GO');
    return `${out.join('\n')}\n`;
  }
  const useTx = plan.dialect !== 'mysql';
  let inTx = false;
  for (const s of list) {
    if (useTx && !s.manual && s.transactional !== inTx) {
      out.push(s.transactional ? 'BEGIN;' : 'COMMIT;');
      inTx = s.transactional;
    }
    out.push(...commentLines(s));
    if (!s.manual) out.push(`${s.sql};`);
  }
  if (inTx) out.push('COMMIT;');
  return `${out.join('\n')}\n`;
}

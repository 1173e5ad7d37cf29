/**
 * The text of the confirmation asked before a plan is applied: the number
 * of statements, and every hazard by code (data-loss hazards first, marked)
 * with its message. Pure; the editor shows it in a modal dialog, the CLI can
 * print it.
 */
import type { MigrationPlan } from '../migrate/types.js';

/** "Apply N statements (dialect)?" plus one line per hazard of the plan. */
export function confirmationText(plan: MigrationPlan): string {
  const n = plan.statements.filter((s) => !s.manual).length;
  const head = `Apply ${n} statement${n === 1 ? '' : 's'} (${plan.dialect})?`;
  if (!plan.hazards.length) return head;
  const hazards = [...plan.hazards].sort((a, b) => Number(b.dataLoss) - Number(a.dataLoss));
  return `${head}\n\nHazards:\n${hazards.map((h) => `• ${h.code}${h.dataLoss ? ' (DATA LOSS)' : ''} [${h.severity}]: ${h.message.replace(/[\r\n]+/g, ' ')}`).join('\n')}`;
}

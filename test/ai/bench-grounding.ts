/**
 * Grounding speed on a 5,000-table schema (chains of references, a note per
 * table): `node --import tsx test/ai/bench-grounding.ts`. Prints the best of
 * ten runs (the machine is shared; the minimum is the figure that repeats).
 */
import { groundSchema, rankTables } from '../../server/src/engine/ai/grounding.ts';
import { schemaOf } from './util.ts';

let dbml = '';
for (let i = 0; i < 5000; i++) dbml += `Table t${i} {\n  id int [pk]\n  name varchar(100) [note: 'name of the thing']\n  amount decimal(12,2)\n  created_at timestamp\n${i > 0 ? `  parent_id int [ref: > t${i - 1}.id]\n` : ''}}\n`;
const schema = schemaOf(dbml);
const question = 'what is in t2500 and its parent?';
let rank = Infinity;
let ground = Infinity;
let shown = 0;
let tokens = 0;
for (let k = 0; k < 10; k++) {
  let t0 = performance.now();
  rankTables(schema, question);
  rank = Math.min(rank, performance.now() - t0);
  t0 = performance.now();
  const g = groundSchema(schema, { question, budgetTokens: 6000 });
  ground = Math.min(ground, performance.now() - t0);
  shown = g.tables.length;
  tokens = g.tokens;
}
console.log(`${schema.tables.length} tables: rankTables ${rank.toFixed(1)} ms, groundSchema ${ground.toFixed(1)} ms (${shown} tables shown, ~${tokens} tokens of a 6000 budget)`);

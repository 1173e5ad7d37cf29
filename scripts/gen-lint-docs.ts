/**
 * Writes docs/lint-rules.md from the lint rules themselves (their titles,
 * severities, docs and fixes), so the page never drifts from the code:
 * `npm run docs:lint`. A test fails when the committed page is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderLintRulesMarkdown } from '../server/src/engine/lint/docs.ts';

const out = join(fileURLToPath(new URL('..', import.meta.url)), 'docs', 'lint-rules.md');
writeFileSync(out, renderLintRulesMarkdown());
console.log(`wrote ${out}`);

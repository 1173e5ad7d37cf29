/**
 * Localisation of the manifest: every title and description in package.json
 * is a %key% found in package.nls.json, and every translation
 * (package.nls.<lang>.json) has every key, so no language shows a raw key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs script without types
import { check } from '../../scripts/nls.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

test('package.json strings are localised and every translation is complete', () => {
  assert.deepEqual((check as () => string[])(), []);
  const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  assert.equal(nls['command.category'], 'SchemaSage');
  assert.ok(Object.keys(nls).length >= 40);
});

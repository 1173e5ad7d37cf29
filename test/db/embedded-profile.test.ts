/**
 * The Embedded PostgreSQL connection profile as plain data (client/src/connections/model.ts):
 * which profiles are embedded, how they are described, and the data
 * directory names they get in the extension's global storage.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeProfile, embeddedDirName, isEmbedded, type ConnectionProfile } from '../../client/src/connections/model.ts';

test('isEmbedded and describeProfile', () => {
  const cases: [ConnectionProfile, boolean, string][] = [
    [{ name: 'a', dialect: 'postgres', embedded: { storage: 'memory', schemaFile: 'db/schema.sql' } }, true, 'Embedded PostgreSQL (PGlite) · db/schema.sql · in memory'],
    [{ name: 'b', dialect: 'postgres', embedded: { storage: 'disk' } }, true, 'Embedded PostgreSQL (PGlite) · empty · saved'],
    // hand-edited settings: an embedded block on another dialect, or an unknown storage, is not embedded
    [{ name: 'c', dialect: 'sqlite', file: 'x.db', embedded: { storage: 'memory' } }, false, 'SQLite · x.db'],
    [{ name: 'd', dialect: 'postgres', host: 'h', embedded: { storage: 'cloud' as 'disk' } }, false, 'PostgreSQL · h/'],
    [{ name: 'e', dialect: 'postgres', host: 'h', port: 5433, database: 'shop', user: 'u' }, false, 'PostgreSQL · u@h:5433/shop'],
  ];
  for (const [profile, embedded, description] of cases) {
    assert.equal(isEmbedded(profile), embedded, profile.name);
    assert.equal(describeProfile(profile), description, profile.name);
  }
});

test('embeddedDirName: safe on every file system, distinct per workspace and per name', () => {
  const w1 = 'file:///home/me/shop';
  const w2 = 'file:///home/me/blog';
  const a = embeddedDirName(w1, 'shop (PGlite)');
  assert.match(a, /^[0-9a-f]{8}-shop%20%28PGlite%29$/);
  assert.equal(embeddedDirName(w1, 'shop (PGlite)'), a, 'stable');
  assert.notEqual(embeddedDirName(w2, 'shop (PGlite)'), a, 'per workspace');
  assert.notEqual(embeddedDirName(w1, 'shop/PGlite'), embeddedDirName(w1, 'shop\\PGlite'), 'separators never collide');
  for (const name of ['../../etc', 'a:b*c?', 'CON', '']) assert.match(embeddedDirName(w1, name), /^[0-9a-f]{8}-[A-Za-z0-9._%-]+$/, name);
  assert.ok(!embeddedDirName(w1, '../../etc').includes('/'));
  assert.ok(embeddedDirName(w1, 'x'.repeat(300)).length <= 8 + 1 + 80);
});

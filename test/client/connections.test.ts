/**
 * The Connections view's pure parts: `.env` reading (which URL is offered),
 * profiles from URLs (TLS modes, password split off), and descriptions and
 * redaction that never show a password.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databaseUrls, parseDotEnv, redactUrl } from '../../client/src/connections/env.ts';
import { describeProfile, profileFromUrl } from '../../client/src/connections/model.ts';

describe('.env', () => {
  it('reads quoted, exported and commented variables', () => {
    const vars = parseDotEnv([
      '# comment',
      'export DATABASE_URL="postgres://app:p%40ss@db.internal:6543/shop?sslmode=require"',
      "SHADOW_DATABASE_URL='mysql://root@localhost/shadow'",
      'PORT=3000 # the web port',
      'EMPTY=',
      'not a line',
      'NAME="two\\nlines"',
    ].join('\n'));
    assert.equal(vars.get('DATABASE_URL'), 'postgres://app:p%40ss@db.internal:6543/shop?sslmode=require');
    assert.equal(vars.get('SHADOW_DATABASE_URL'), 'mysql://root@localhost/shadow');
    assert.equal(vars.get('PORT'), '3000');
    assert.equal(vars.get('EMPTY'), '');
    assert.equal(vars.get('NAME'), 'two\nlines');
    assert.equal(vars.has('not a line'), false);
  });

  it('offers database URLs, DATABASE_URL first', () => {
    const urls = databaseUrls(parseDotEnv('A_URL=mysql://x@h/d\nREDIS_URL=redis://h\nDATABASE_URL=postgresql://u@h/d\n'));
    assert.deepEqual(urls.map((u) => u.name), ['DATABASE_URL', 'A_URL']);
  });

  it('redacts the password of a URL', () => {
    assert.equal(redactUrl('postgres://app:secret@h:5432/d'), 'postgres://app:***@h:5432/d');
    assert.equal(redactUrl('mysql://root@h/d'), 'mysql://root@h/d');
  });
});

describe('profiles', () => {
  it('from a URL: fields, TLS mode and the password kept apart', () => {
    const got = profileFromUrl('prod', 'postgres://app:p%40ss@db.internal:6543/shop?sslmode=require');
    assert.deepEqual(got, { profile: { name: 'prod', dialect: 'postgres', host: 'db.internal', port: 6543, user: 'app', database: 'shop', tls: 'require' }, password: 'p@ss' });
    assert.equal(profileFromUrl('x', 'mariadb://root@localhost/app?ssl=true')?.profile.tls, 'verify');
    assert.equal(profileFromUrl('x', 'https://example.com'), undefined);
  });

  it('describes a profile without a password', () => {
    const { profile } = profileFromUrl('prod', 'mysql://app:hunter2@db:3307/shop')!;
    const text = describeProfile(profile);
    assert.equal(text, 'MySQL/MariaDB · app@db:3307/shop');
    assert.ok(!text.includes('hunter2'));
    assert.equal(describeProfile({ name: 'f', dialect: 'sqlite', file: 'data/app.db' }), 'SQLite · data/app.db');
  });
});

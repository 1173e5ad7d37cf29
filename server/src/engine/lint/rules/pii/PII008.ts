/** PII008: a password column that does not look hashed (by name, type and length). */
import type { LintRule } from '../../types.js';
import { at, words } from '../../facts.js';
import { piiColumns } from './classify.js';

const HASHED = new Set(['hash', 'hashed', 'digest', 'crypt', 'crypted', 'encrypted', 'bcrypt', 'scrypt', 'argon2', 'pbkdf2', 'sha', 'sha256', 'sha512', 'salt', 'salted']);

/** Shortest column that can hold a modern password hash (bcrypt's 60 characters; 32 bytes raw). */
const MIN_TEXT = 60;
const MIN_BYTES = 32;

export const PII008: LintRule = {
  code: 'PII008',
  family: 'pii',
  severity: 'warning',
  title: 'Password not stored as a hash',
  docs: {
    why: 'Passwords must be stored as a slow salted hash (argon2id, bcrypt, scrypt), never as text. A column named plainly `password`, or too short to hold such a hash (bcrypt needs 60 characters), suggests the clear text or a fast unsalted digest is stored.',
    bad: 'Table users {\n  id int [pk]\n  password varchar(32)\n}',
    good: 'Table users {\n  id int [pk]\n  password_hash varchar(255)\n}',
  },
  check(ctx) {
    const pii = piiColumns(ctx.schema);
    if (pii.size === 0) return;
    for (const t of ctx.schema.tables) {
      if (t.isView) continue;
      for (const c of t.columns) {
        if (pii.get(c) !== 'password') continue;
        const ws = words(c.name);
        const named = ws.some((w) => HASHED.has(w) || w.endsWith('hash'));
        const len = c.type.length;
        const short = len !== undefined && (c.type.family === 'binary' ? len < MIN_BYTES : len < MIN_TEXT);
        if (named && !short) continue;
        const why = short ? `${c.type.raw} is too short for a password hash (bcrypt needs ${MIN_TEXT} characters)` : 'the name does not say it holds a hash';
        ctx.report(at(t, c, `Password column '${t.name}.${c.name}' may hold clear text: ${why}.`));
      }
    }
  },
};

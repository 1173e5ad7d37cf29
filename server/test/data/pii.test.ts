/**
 * PII detection (engine/detect/data/pii.ts) on labelled samples: generated
 * positives per kind (valid checksums where the format has one) against
 * negatives that look close (bad checksums, dates, ids, UUIDs, times, product
 * codes). Precision and recall per detector are printed and floored; then
 * column-level detection from names and values, and the checksum helpers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPii, ibanValid, luhnValid, piiKindOfValue, type PiiKind } from '../../src/engine/detect/data/pii.js';
import { prng } from '../../src/engine/detect/data/sketches.js';
import { normaliseType } from '../../src/engine/model/types.js';

const rnd = prng(7);
const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
const digits = (n: number): string => Array.from({ length: n }, () => String(int(0, 9))).join('');

function luhnComplete(prefix: string, length: number): string {
  const body = prefix + digits(length - prefix.length - 1);
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  return body + '0';
}
function ibanFor(country: string, bban: string): string {
  const r = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const ch of r) rem = (rem * 10 + Number(ch)) % 97;
  return `${country}${String(98 - rem).padStart(2, '0')}${bban}`;
}
const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const b64 = (n: number): string => Array.from({ length: n }, () => B64[int(0, 61)]).join('');

const GEN: Record<Exclude<PiiKind, 'date_of_birth'>, () => string> = {
  email: () => `${pick(['mary', 'j.doe', 'anna_lee', 'bob+news', 'x'])}${int(1, 999)}@${pick(['example.com', 'mail.co.uk', 'uni.edu', 'corp.example.org'])}`,
  phone: () => pick([`+1 ${int(200, 999)}-555-${digits(4)}`, `(${int(200, 999)}) 555-${digits(4)}`, `+44 20 ${digits(4)} ${digits(4)}`, `+33 1 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`, `0${int(100, 999)} ${digits(3)} ${digits(4)}`]),
  us_ssn: () => `${int(100, 665)}-${String(int(1, 99)).padStart(2, '0')}-${String(int(1, 9999)).padStart(4, '0')}`,
  uk_nino: () => `${pick(['AB', 'CE', 'JH', 'PR', 'WX'])} ${digits(2)} ${digits(2)} ${digits(2)} ${pick(['A', 'B', 'C', 'D'])}`,
  iban: () => (rnd() < 0.5 ? ibanFor('GB', `NWBK${digits(14)}`) : ibanFor('DE', digits(18))),
  payment_card: () => {
    const v = luhnComplete(pick(['4', '51', '55', '37', '6011']), pick([16, 16, 15]));
    return rnd() < 0.3 ? v.replace(/(\d{4})(?=\d)/g, '$1 ') : v;
  },
  ip_address: () => (rnd() < 0.7 ? `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}` : `2001:db8:${hex(4)}::${hex(3)}`),
  postal_address: () => `${int(1, 999)} ${pick(['High', 'Main', 'Oak', 'Church', 'Station'])} ${pick(['Street', 'St', 'Road', 'Avenue', 'Lane', 'Drive'])}`,
  credential: () => pick([`eyJhbGciOiJIUzI1NiJ9.${b64(40)}.${b64(43)}`, `$2b$12$${b64(53)}`, `AKIA${b64(16).toUpperCase()}`, `sk_live_${b64(24)}`, `ghp_${b64(36)}`, hex(40)]),
  person_name: () => `${pick(['Mary', 'John', 'Anna', 'James', 'Sophia', 'Wei', 'Pierre', 'Lucas'])} ${pick(['Smith', 'Doe', "O'Brien", 'Lee', 'García', 'Nguyen', 'Müller'])}`,
};

const NEGATIVE: (() => string)[] = [
  () => `2024-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
  () => `${int(0, 23)}:${String(int(0, 59)).padStart(2, '0')}:00`,
  () => String(int(1, 99999999)),
  () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
  () => `SKU-${digits(5)}`,
  () => `${int(1, 9999)}.${digits(2)}`,
  () => pick(['active', 'pending', 'closed', 'Blue Widget', 'Garden Hose', 'N/A', 'lorem ipsum dolor']),
  () => `https://example.com/p/${int(1, 999)}`,
  () => ibanFor('GB', `NWBK${digits(14)}`).replace(/^GB(\d)/, (_m, d: string) => `GB${(Number(d) + 1) % 10}`),
  () => {
    const v = luhnComplete('4', 16);
    return v.slice(0, 15) + String((Number(v[15]) + 1) % 10);
  },
  () => `000-${digits(2)}-${digits(4)}`,
  () => `${int(256, 999)}.${int(0, 255)}.${int(0, 255)}.${int(0, 255)}`,
  () => `v${int(1, 9)}.${int(0, 20)}.${int(0, 99)}`,
  () => `ORD-${digits(6)}`,
  // hard negatives: shaped like phone numbers or cards, but references and ISBNs
  () => `${digits(4)}-${digits(6)}`,
  () => `978-${int(0, 9)}-${digits(2)}-${digits(6)}-${int(0, 9)}`,
  () => digits(16),
];

const FLOORS: Record<string, { precision: number; recall: number }> = {
  email: { precision: 0.99, recall: 0.99 },
  phone: { precision: 0.95, recall: 0.95 },
  us_ssn: { precision: 0.99, recall: 0.99 },
  uk_nino: { precision: 0.99, recall: 0.99 },
  iban: { precision: 0.99, recall: 0.99 },
  payment_card: { precision: 0.95, recall: 0.99 },
  ip_address: { precision: 0.99, recall: 0.99 },
  postal_address: { precision: 0.99, recall: 0.99 },
  credential: { precision: 0.95, recall: 0.95 },
  person_name: { precision: 0.95, recall: 0.9 },
};

test('value detectors on labelled samples: precision and recall per detector', (t) => {
  const samples: { value: string; label: PiiKind | undefined }[] = [];
  for (const [kind, gen] of Object.entries(GEN)) for (let i = 0; i < 200; i++) samples.push({ value: gen(), label: kind as PiiKind });
  for (let i = 0; i < 2000; i++) samples.push({ value: pick(NEGATIVE)(), label: undefined });
  const rows: string[] = [];
  for (const kind of Object.keys(GEN) as PiiKind[]) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const confused: string[] = [];
    for (const s of samples) {
      const got = piiKindOfValue(s.value) === kind;
      if (got && s.label === kind) tp++;
      else if (got) {
        fp++;
        if (confused.length < 3) confused.push(s.value);
      } else if (s.label === kind) {
        fn++;
        if (confused.length < 3) confused.push(`missed ${s.value}`);
      }
    }
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp / (tp + fn);
    rows.push(`${kind.padEnd(15)} precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} ${confused.length ? JSON.stringify(confused) : ''}`);
    const floor = FLOORS[kind];
    assert.ok(precision >= floor.precision && recall >= floor.recall, rows[rows.length - 1]);
  }
  for (const r of rows) t.diagnostic(r);
});

const text = normaliseType('varchar(255)', 'varchar', ['255']);
const date = normaliseType('date', 'date', []);
const int32 = normaliseType('integer', 'integer', []);

test('column-level detection from names and sampled values', () => {
  const many = (g: () => string, n = 40): string[] => Array.from({ length: n }, g);
  const cases: { table: string; column: string; type: typeof text; values: string[]; kind: PiiKind | undefined; byName?: boolean; min?: number; max?: number }[] = [
    { table: 'users', column: 'email', type: text, values: many(GEN.email), kind: 'email', byName: true, min: 0.9 },
    { table: 'users', column: 'contact', type: text, values: many(GEN.email), kind: 'email', byName: false },
    { table: 'users', column: 'email', type: text, values: many(() => pick(['yes', 'no'])), kind: 'email', byName: true, max: 0.4 },
    { table: 'staff', column: 'ssn', type: text, values: many(GEN.us_ssn), kind: 'us_ssn', min: 0.9 },
    { table: 'staff', column: 'national_insurance_number', type: text, values: many(GEN.uk_nino), kind: 'uk_nino', min: 0.9 },
    { table: 'staff', column: 'ni_number', type: text, values: many(GEN.uk_nino), kind: 'uk_nino' },
    { table: 'accounts', column: 'iban', type: text, values: many(GEN.iban), kind: 'iban', min: 0.9 },
    { table: 'payments', column: 'pan', type: text, values: many(GEN.payment_card), kind: 'payment_card' },
    { table: 'payments', column: 'card_token', type: text, values: many(() => `tok_${b64(20)}`), kind: 'credential' },
    { table: 'logins', column: 'remote_ip', type: text, values: many(GEN.ip_address), kind: 'ip_address' },
    { table: 'users', column: 'date_of_birth', type: date, values: [], kind: 'date_of_birth', min: 0.85 },
    { table: 'users', column: 'password_hash', type: text, values: many(() => `$2b$12$${b64(53)}`), kind: 'credential' },
    { table: 'customers', column: 'name', type: text, values: many(GEN.person_name), kind: 'person_name', byName: true },
    { table: 'products', column: 'name', type: text, values: many(() => pick(['Blue Widget', 'Garden Hose', 'Red Lamp'])), kind: undefined },
    { table: 'orders', column: 'status', type: text, values: many(() => pick(['new', 'paid'])), kind: undefined },
    { table: 'orders', column: 'id', type: int32, values: many(() => String(int(1, 1e6))), kind: undefined },
    { table: 'events', column: 'payload_ref', type: text, values: many(GEN.phone), kind: 'phone', byName: false },
  ];
  for (const c of cases) {
    const f = detectPii(c.table, c.column, c.type, c.values);
    const label = `${c.table}.${c.column}`;
    assert.equal(f?.kind, c.kind, `${label}: ${JSON.stringify(f)}`);
    if (!f) continue;
    if (c.byName !== undefined) assert.equal(f.byName, c.byName, label);
    if (c.min !== undefined) assert.ok(f.confidence >= c.min, `${label} confidence ${f.confidence}`);
    if (c.max !== undefined) assert.ok(f.confidence <= c.max, `${label} confidence ${f.confidence}`);
    assert.ok(f.evidence.length > 0);
  }
});

test('IBAN mod-97 and Luhn checksums', () => {
  assert.equal(ibanValid('GB82 WEST 1234 5698 7654 32'), true);
  assert.equal(ibanValid('GB82 WEST 1234 5698 7654 33'), false);
  assert.equal(ibanValid('DE89370400440532013000'), true);
  assert.equal(luhnValid('4111 1111 1111 1111'), true);
  assert.equal(luhnValid('4111 1111 1111 1112'), false);
  assert.equal(luhnValid('79927398713'), true);
});

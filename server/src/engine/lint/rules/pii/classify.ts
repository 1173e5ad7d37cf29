/**
 * Personal-data classification of a column by its name and type, shared by
 * the PII rules: email, phone, national id, date of birth, card number, IP
 * address, postal address, password. The whole schema is classified once
 * (cached per Schema object) so the nine PII rules share one pass.
 */
import type { Column, Schema } from '../../../model/schema.js';
import { words } from '../../facts.js';

export type PiiClass = 'email' | 'phone' | 'national id' | 'date of birth' | 'card number' | 'IP address' | 'postal address' | 'password';

const cache = new WeakMap<Schema, Map<Column, PiiClass>>();

const TEXTUAL = new Set(['string', 'text', 'other', 'json']);
const PHONE = new Set(['phone', 'telephone', 'tel', 'mobile', 'cellphone', 'fax', 'msisdn', 'phonenumber', 'mobilephone']);
const NATIONAL = new Set(['ssn', 'nino', 'sin', 'aadhaar', 'cpf', 'passport', 'nationalid', 'socialsecurity', 'socialsecuritynumber', 'taxid', 'tin', 'driverslicense', 'driverlicense', 'personnummer']);
const DOB = new Set(['dob', 'birthdate', 'birthday', 'dateofbirth', 'birthdt', 'bornon', 'birth']);
const CARD = new Set(['pan', 'cvv', 'cvc', 'ccnumber', 'ccnum', 'creditcard', 'creditcardnumber', 'cardnumber', 'cardno', 'cardnum']);
const CARD_NOT = new Set(['last4', 'last', 'brand', 'type', 'expiry', 'exp', 'expires', 'holder', 'token', 'id', 'fingerprint', 'country']);
const ADDRESS = new Set(['address', 'street', 'addr', 'zipcode', 'zip', 'postcode', 'postalcode', 'addressline', 'address1', 'address2', 'streetaddress']);
const ADDRESS_NOT = new Set(['email', 'mail', 'ip', 'mac', 'url', 'web', 'wallet', 'contract', 'remote', 'server', 'host', 'memory', 'id', 'type', 'bitcoin', 'eth', 'blockchain', 'hardware']);
const PASSWORD = new Set(['password', 'passwd', 'pwd', 'passcode', 'passphrase', 'pass']);

function has(ws: string[], set: Set<string>): boolean {
  for (const w of ws) if (set.has(w)) return true;
  return false;
}

/** Adjacent word pairs and the whole name joined, so `date_of_birth`, `credit_card` and `ZipCode` match. */
function joins(ws: string[]): string[] {
  const out: string[] = [ws.join('')];
  for (let i = 0; i + 1 < ws.length; i++) out.push(ws[i] + ws[i + 1]);
  for (let i = 0; i + 2 < ws.length; i++) out.push(ws[i] + ws[i + 1] + ws[i + 2]);
  return out;
}

/**
 * Every class needs one of these stems in the name: one native regex test
 * rejects most columns before any splitting or allocation.
 */
const STEMS = /mail|phone|tel|mobile|fax|msisdn|ssn|nino|sin|aadhaar|cpf|passport|social|national|tax|tin|driver|personnummer|dob|birth|born|pan|cvv|cvc|cc|card|ip|remote|addr|street|zip|post|pass|pwd/i;

function classifyUncached(c: Column): PiiClass | undefined {
  const fam = c.type.family;
  if (fam === 'boolean' || fam === 'float' || fam === 'uuid' || fam === 'enum' || fam === 'array' || fam === 'time' || fam === 'interval' || fam === 'geometry') return undefined;
  if (c.type.name === 'inet') return 'IP address';
  if (!STEMS.test(c.name)) return undefined;
  const ws = words(c.name);
  if (ws.length === 0) return undefined;
  const all = ws.concat(joins(ws));
  const textual = TEXTUAL.has(fam);
  if (has(all, PASSWORD) && (textual || fam === 'binary')) return 'password';
  if ((ws.includes('email') || ws.includes('mail') || all.includes('emailaddress')) && textual) return 'email';
  if (has(all, PHONE) && (textual || fam === 'integer' || fam === 'decimal')) return 'phone';
  if (has(all, NATIONAL) && (textual || fam === 'integer' || fam === 'decimal')) return 'national id';
  if (has(all, DOB) && (fam === 'date' || fam === 'timestamp' || textual)) return 'date of birth';
  if (has(all, CARD) && !has(ws, CARD_NOT) && (textual || fam === 'integer' || fam === 'decimal')) return 'card number';
  if (ws.includes('card') && (ws.includes('number') || ws.includes('no') || ws.includes('num')) && (textual || fam === 'integer' || fam === 'decimal')) return 'card number';
  if (c.type.name === 'inet' || ((ws.includes('ip') || all.includes('ipaddress') || all.includes('remoteaddr') || all.includes('ipaddr')) && (textual || fam === 'network' || ((fam === 'integer' || fam === 'binary') && (ws[ws.length - 1] === 'ip' || all.includes('ipaddress') || all.includes('ipaddr')))))) return 'IP address';
  if (has(all, ADDRESS) && !has(ws, ADDRESS_NOT) && textual) return 'postal address';
  return undefined;
}

/** The personal-data class of a column, if its name and type say it holds one. */
export function piiClass(c: Column): PiiClass | undefined {
  return classifyUncached(c);
}

/** Drops the schema's classification (see facts.ts `releaseFacts`: the end of a lint run). */
export function releasePiiColumns(schema: Schema): void {
  cache.delete(schema);
}

/** Every personal-data column of a schema's tables (views excluded), with its class. */
export function piiColumns(schema: Schema): Map<Column, PiiClass> {
  let map = cache.get(schema);
  if (map) return map;
  map = new Map();
  for (const t of schema.tables) {
    if (t.isView) continue;
    for (const c of t.columns) {
      const cls = classifyUncached(c);
      if (cls) map.set(c, cls);
    }
  }
  cache.set(schema, map);
  return map;
}

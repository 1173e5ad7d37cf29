/**
 * Personal-data detection for inferred columns, by column name and by sampled
 * values, each finding with a kind, a category and a confidence.
 *
 * Names are classified by the lint rules' classifier (`lint/rules/pii/classify.ts`,
 * reused, not duplicated) plus person-name words it does not cover; values by
 * the checks below (checksums where the format has one: IBAN mod-97, Luhn for
 * cards). Regexes run only on the reservoir sample, never per row.
 */
import type { ColumnType } from '../../model/schema.js';
import { piiClass, type PiiClass } from '../../lint/rules/pii/classify.js';
import { words } from '../../lint/facts.js';

export type PiiKind = 'person_name' | 'email' | 'phone' | 'postal_address' | 'date_of_birth' | 'us_ssn' | 'uk_nino' | 'iban' | 'payment_card' | 'ip_address' | 'credential';
export type PiiCategory = 'contact' | 'identity' | 'financial' | 'credential' | 'network';

export const PII_CATEGORY: Record<PiiKind, PiiCategory> = {
  person_name: 'identity',
  email: 'contact',
  phone: 'contact',
  postal_address: 'contact',
  date_of_birth: 'identity',
  us_ssn: 'identity',
  uk_nino: 'identity',
  iban: 'financial',
  payment_card: 'financial',
  ip_address: 'network',
  credential: 'credential',
};

export interface PiiFinding {
  /** table name */
  table: string;
  column: string;
  kind: PiiKind;
  category: PiiCategory;
  /** in [0, 1] */
  confidence: number;
  /** the column name says so */
  byName: boolean;
  /** share of sampled non-null values the value check accepted (undefined: no value check for this kind) */
  valueMatchRate?: number;
  /** sentences a user can judge */
  evidence: string[];
}

const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const SSN = /^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/;
const NINO = /^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]$/i;
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const PHONE_CHARS = /^\+?[0-9 ().-]{7,22}$/;
/** dotted quads (IP-like) and the SSN shape are never phone numbers, valid or not */
const NOT_PHONE = /^\d{1,3}(?:\.\d{1,3}){3}$|^\d{3}-\d{2}-\d{4}$|^\d+\.\d+$/;
/** issuer prefixes: Visa, Mastercard (51-55, 2221-2720), Amex, Discover, JCB, Diners */
const CARD_IIN = /^(?:4|5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|3[47]|6011|65|64[4-9]|35(?:2[89]|[3-8]\d)|3(?:0[0-5]|[68]))/;
const DATE_SHAPED = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

function isIpv6(s: string): boolean {
  if (s.length < 2 || s.length > 39) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const count = groups[0].length + (groups[1]?.length ?? 0);
  for (const g of groups) for (const x of g) if (!HEX_GROUP.test(x)) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}
const ADDRESS = /^\d+[A-Za-z]?,?\s+(?:[A-Za-z0-9.'-]+\s+)*(?:st|street|ave|avenue|rd|road|blvd|boulevard|lane|ln|dr|drive|way|court|ct|place|pl|terrace|close|square|sq|highway|hwy|parkway|pkwy|crescent|row|gardens|hill)\b\.?/i;
const TOKEN_PREFIX = /^(?:eyJ[\w-]+\.[\w-]+\.[\w-]*|\$2[aby]?\$\d\d\$.{20,}|\$argon2(?:id|i|d)\$.+|AKIA[0-9A-Z]{16}|(?:sk|pk|rk)_(?:live|test)_[0-9A-Za-z]{10,}|gh[pousr]_[0-9A-Za-z]{20,}|xox[baprs]-[0-9A-Za-z-]{10,}|AIza[0-9A-Za-z_-]{35})$/;
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_SECRET = /^[0-9a-f]{32,}$/i;
const B64_SECRET = /^[A-Za-z0-9+/_=-]{32,}$/;

/** Luhn checksum over the digits of a string (separators ignored). */
export function luhnValid(s: string): boolean {
  let sum = 0;
  let dbl = false;
  let digits = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 45) continue;
    if (c < 48 || c > 57) return false;
    let d = c - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
    digits++;
  }
  return digits > 0 && sum % 10 === 0;
}

/** IBAN mod-97 check (ISO 13616): spaces ignored, case-insensitive. */
export function ibanValid(s: string): boolean {
  const v = s.replace(/\s+/g, '').toUpperCase();
  if (!IBAN_SHAPE.test(v)) return false;
  const r = v.slice(4) + v.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else rem = (rem * 100 + (c - 55)) % 97;
  }
  return rem === 1;
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function isCard(s: string): boolean {
  const n = digitCount(s);
  if (n < 13 || n > 19 || !/^[0-9][0-9 -]+$/.test(s)) return false;
  return CARD_IIN.test(s.replace(/[ -]/g, '')) && luhnValid(s);
}

function isPhone(s: string): boolean {
  if (!PHONE_CHARS.test(s) || DATE_SHAPED.test(s) || NOT_PHONE.test(s)) return false;
  const n = digitCount(s);
  if (n < 7 || n > 15) return false;
  // a bare run of digits is an id as often as a phone number: require a `+`, an area code
  // in parentheses, or three or more groups of 2-5 digits (not ISBN- or reference-shaped)
  if (s.charCodeAt(0) === 43 || /^\(\d{2,5}\)/.test(s)) return true;
  const groups = s.split(/[ .-]+/);
  return groups.length >= 3 && groups.every((g) => g.length >= 2 && g.length <= 5);
}

/** Letters (any script), apostrophes and hyphens: one capitalised word of a name. */
const NAME_WORD = /^\p{Lu}[\p{L}'’-]*\.?$/u;
const FIRST_NAMES = new Set(
  'james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel frank gregory raymond alexander patrick jack dennis jerry tyler aaron jose adam henry nathan douglas peter zachary kyle walter harold carl arthur gerald roger keith jeremy terry lawrence sean christian albert joe ethan austin jesse willie billy bryan bruce jordan ralph roy noah dylan eugene wayne alan juan louis russell gabriel randy philip harry vincent bobby johnny logan mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla ava mia chloe lucy oliver harry leo oscar archie alfie freddie jacob muhammad mohammed ahmed ali fatima aisha wei li yan hiroshi yuki sakura kenji pierre jean marie luc sophie camille lucas hans klaus anna lena giulia marco luca sofia pablo carlos lucia javier ana miguel'.split(' '),
);

function isPersonName(s: string): boolean {
  const parts = s.trim().split(/\s+/);
  if (parts.length < 1 || parts.length > 4) return false;
  for (const p of parts) if (!NAME_WORD.test(p)) return false;
  return true;
}

/** Value checks, one per kind that has a recognisable value format (exported for the labelled-sample tests). */
export const VALUE_DETECTORS: Partial<Record<PiiKind, (s: string) => boolean>> = {
  email: (s) => EMAIL.test(s),
  us_ssn: (s) => SSN.test(s),
  uk_nino: (s) => NINO.test(s),
  iban: (s) => ibanValid(s),
  payment_card: isCard,
  phone: isPhone,
  ip_address: (s) => IPV4.test(s) || (s.includes(':') && isIpv6(s)),
  postal_address: (s) => ADDRESS.test(s),
  credential: (s) => TOKEN_PREFIX.test(s) || HEX_SECRET.test(s) || (B64_SECRET.test(s) && !UUID_LIKE.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s)),
  person_name: isPersonName,
};

/** Order of preference when several value checks accept a column (most specific first). */
const SPECIFICITY: PiiKind[] = ['iban', 'payment_card', 'us_ssn', 'uk_nino', 'email', 'ip_address', 'credential', 'postal_address', 'phone', 'person_name'];

const FROM_CLASS: Record<PiiClass, PiiKind> = {
  email: 'email',
  phone: 'phone',
  'national id': 'us_ssn',
  'date of birth': 'date_of_birth',
  'card number': 'payment_card',
  'IP address': 'ip_address',
  'postal address': 'postal_address',
  password: 'credential',
};

const PERSON_TABLE = /(?:^|_)(?:customer|user|employee|person|people|contact|author|member|patient|student|client|staff|owner|account|subscriber|applicant|guest|driver|teacher|candidate)s?$/i;
const CREDENTIAL_WORDS = new Set(['token', 'secret', 'apikey', 'accesstoken', 'refreshtoken', 'privatekey', 'clientsecret', 'sessionid', 'hash', 'passwordhash', 'salt', 'otp', 'pin']);
const NATIONAL_UK = new Set(['nino', 'nationalinsurance', 'nationalinsurancenumber', 'ni']);

/** The kind a column's name implies, if any. */
export function kindFromName(table: string, column: string, type: ColumnType): PiiKind | undefined {
  const ws = words(column);
  const joined = ws.join('');
  if (ws.includes('iban')) return 'iban';
  if (NATIONAL_UK.has(joined) || ws.includes('nino')) return 'uk_nino';
  const cls = piiClass({ name: column, type, nullable: true, nullabilityExplicit: false, primaryKey: false, unique: false, autoIncrement: false, checks: [], settings: {} });
  if (cls) return FROM_CLASS[cls];
  if (ws.some((w) => CREDENTIAL_WORDS.has(w)) || CREDENTIAL_WORDS.has(joined)) return 'credential';
  if (joined === 'firstname' || joined === 'lastname' || joined === 'fullname' || joined === 'givenname' || joined === 'familyname' || joined === 'surname' || joined === 'middlename' || joined === 'maidenname' || joined === 'displayname' || joined === 'contactname' || joined === 'customername' || joined === 'employeename') return 'person_name';
  if ((joined === 'name' || joined === 'fname' || joined === 'lname') && PERSON_TABLE.test(table)) return 'person_name';
  if (ws.includes('ip') || joined === 'ipaddress') return 'ip_address';
  return undefined;
}

function rate(values: readonly string[], test: (s: string) => boolean): number {
  if (values.length === 0) return 0;
  let n = 0;
  for (const v of values) if (test(v)) n++;
  return n / values.length;
}

function firstNameRate(values: readonly string[]): number {
  if (values.length === 0) return 0;
  let n = 0;
  for (const v of values) {
    const first = v.trim().split(/\s+/)[0]?.toLowerCase();
    if (first && FIRST_NAMES.has(first)) n++;
  }
  return n / values.length;
}

/**
 * The kind of one value on its own, the most specific check first (a
 * person name needs a known first name here; columns use the share of them).
 */
export function piiKindOfValue(s: string): PiiKind | undefined {
  for (const kind of SPECIFICITY) {
    if (kind === 'person_name') {
      if (isPersonName(s) && FIRST_NAMES.has(s.trim().split(/\s+/)[0].toLowerCase())) return kind;
      continue;
    }
    if (VALUE_DETECTORS[kind]!(s)) return kind;
  }
  return undefined;
}

const round = (x: number): number => Math.round(x * 100) / 100;

/**
 * Detects the personal data in one column from its name, type and a sample of
 * its non-null values (as text). At most one finding: the best-supported kind.
 */
export function detectPii(table: string, column: string, type: ColumnType, values: readonly string[]): PiiFinding | undefined {
  const byName = kindFromName(table, column, type);
  const sample = values.length > 500 ? values.slice(0, 500) : values;
  const numericOrTemporal = type.family === 'integer' || type.family === 'decimal' || type.family === 'float' || type.family === 'boolean' || type.family === 'uuid';
  let best: { kind: PiiKind; rate: number } | undefined;
  if (!numericOrTemporal && type.family !== 'date' && type.family !== 'timestamp') {
    for (const kind of SPECIFICITY) {
      const test = VALUE_DETECTORS[kind];
      if (!test) continue;
      let r = rate(sample, test);
      if (kind === 'person_name') r = r >= 0.8 ? Math.min(r, firstNameRate(sample) * 2) : 0;
      const floor = kind === 'postal_address' ? 0.5 : 0.7;
      if (r >= floor && (!best || r > best.rate + 0.1)) best = { kind, rate: r };
    }
  }
  const evidence: string[] = [];
  if (byName) {
    const test = VALUE_DETECTORS[byName];
    const r = test && sample.length > 0 && !numericOrTemporal ? rate(sample, test) : undefined;
    evidence.push(`the column name '${column}' suggests ${byName.replace('_', ' ')}`);
    let confidence = 0.7;
    if (byName === 'date_of_birth') {
      if (type.family === 'date' || type.family === 'timestamp') {
        confidence = 0.9;
        evidence.push('its values are dates');
      }
    } else if (r !== undefined && sample.length >= 5) {
      if (r >= 0.7) {
        confidence = 0.95;
        evidence.push(`${Math.round(r * 100)}% of ${sample.length} sampled values match`);
      } else if (best && best.kind !== byName) {
        return finding(table, column, best.kind, 0.5 + 0.4 * best.rate, false, best.rate, [`${Math.round(best.rate * 100)}% of ${sample.length} sampled values look like ${best.kind.replace('_', ' ')} (the name suggested ${byName.replace('_', ' ')})`]);
      } else if (r < 0.2 && byName !== 'person_name' && byName !== 'credential' && byName !== 'postal_address') {
        confidence = 0.3;
        evidence.push(`only ${Math.round(r * 100)}% of ${sample.length} sampled values match`);
      }
    }
    if (byName === 'us_ssn' && sample.length >= 5 && rate(sample, VALUE_DETECTORS.uk_nino!) >= 0.7) return finding(table, column, 'uk_nino', 0.95, true, 1, evidence);
    return finding(table, column, byName, confidence, true, r, evidence);
  }
  if (!best || sample.length < 3) return undefined;
  evidence.push(`${Math.round(best.rate * 100)}% of ${sample.length} sampled values look like ${best.kind.replace('_', ' ')}`);
  const small = sample.length < 10 ? 0.1 : 0;
  return finding(table, column, best.kind, 0.45 + 0.45 * best.rate - small, false, best.rate, evidence);
}

function finding(table: string, column: string, kind: PiiKind, confidence: number, byName: boolean, valueMatchRate: number | undefined, evidence: string[]): PiiFinding {
  const f: PiiFinding = { table, column, kind, category: PII_CATEGORY[kind], confidence: round(Math.max(0, Math.min(1, confidence))), byName, evidence };
  if (valueMatchRate !== undefined) f.valueMatchRate = round(valueMatchRate);
  return f;
}

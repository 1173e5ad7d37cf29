/**
 * What documentation says about a column as a reference: a column or table
 * note (DBML `note:`, SQL `COMMENT ON`, Prisma `///`) that names the
 * referenced table ("Foreign key to Employee.BusinessEntityID") or denies
 * that there is one ("no FK", "denormalized", "No foreign keys: ...").
 *
 * Only notes are read, never names; the patterns run once per note, and
 * most columns have none. Pure; never throws.
 */

/** A table (and maybe its column) that a note says the column references. */
export interface DocReference {
  table: string;
  column?: string;
}

const IDENT = '([A-Za-z_][A-Za-z0-9_]*)(?:\\.([A-Za-z_][A-Za-z0-9_]*))?';
/** `Foreign key to Product.ProductID`, `FK to users`, `foreign key references orders(id)` */
const NAMES = new RegExp(`\\b(?:foreign[\\s-]+key|fk)\\s+(?:to|references?|on|into)\\s+(?:the\\s+)?(?:table\\s+)?"?${IDENT}`, 'i');
/** `references customers.id`: a qualified column, so prose ("references the ...") does not match */
const REFERENCES = /\breferences\s+"?([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)/i;
/** `no FK`, `non-FK`, `not a foreign key`, `without a relation`, `NO @relation`, `No foreign keys` */
const DENIES = /\b(?:no|non|not\s+an?|without(?:\s+an?)?)[\s-]+(?:fk|foreign[\s-]+keys?|@?relations?|constraints?)\b/i;
/** `denormalized`, `denormalised`: a copy of another row's value, kept without a constraint */
const DENORMALISED = /\bdenormali[sz]ed\b/i;

/** One cheap test that rules out most notes (`type: Normal`) before the patterns above run. */
const MAYBE = /fk|foreign|referenc|relation|constraint|denormali/i;

/** Whether a note may say anything about references at all (a quick filter for the two functions below). */
export function docRelevant(note: string | undefined): boolean {
  return !!note && MAYBE.test(note);
}

/** The table a note says the column references, if it names one. */
export function docReference(note: string | undefined): DocReference | undefined {
  if (!note) return undefined;
  const m = NAMES.exec(note) ?? REFERENCES.exec(note);
  if (!m) return undefined;
  return m[2] ? { table: m[1], column: m[2] } : { table: m[1] };
}

/** Whether a note says the column (or, for a table note, the table's columns) holds no foreign key. */
export function docDenies(note: string | undefined): boolean {
  return !!note && (DENIES.test(note) || DENORMALISED.test(note));
}

function identChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Whether `text` mentions `name` as a whole word (`runId` in "`runId` is a plain string", not `id` in "ids"). */
export function mentions(text: string, name: string): boolean {
  if (!name) return false;
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    const end = i + name.length;
    if ((i === 0 || !identChar(text.charCodeAt(i - 1))) && (end >= text.length || !identChar(text.charCodeAt(end)))) return true;
  }
  return false;
}

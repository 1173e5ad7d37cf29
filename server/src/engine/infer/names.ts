/**
 * Identifier analysis for relationship inference: splitting names into
 * lower-case word tokens (snake_case, camelCase, PascalCase, `UserID`, spaces),
 * singularising English nouns (irregular plurals, `-ies`, `-es`), and the
 * normalised keys tables and column stems are matched by (`media_type`,
 * `MediaType` and `mediatypes` all become `mediatype`).
 *
 * Hand-written character loops: this runs once per column of every table.
 */

const IRREGULAR: Record<string, string> = {
  people: 'person',
  persons: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  mice: 'mouse',
  geese: 'goose',
  feet: 'foot',
  teeth: 'tooth',
  oxen: 'ox',
  criteria: 'criterion',
  phenomena: 'phenomenon',
  analyses: 'analysis',
  theses: 'thesis',
  crises: 'crisis',
  indices: 'index',
  matrices: 'matrix',
  vertices: 'vertex',
  appendices: 'appendix',
  leaves: 'leaf',
  lives: 'life',
  wives: 'wife',
  knives: 'knife',
  halves: 'half',
  shelves: 'shelf',
  wolves: 'wolf',
  selves: 'self',
  quizzes: 'quiz',
  statuses: 'status',
  buses: 'bus',
  aliases: 'alias',
  movies: 'movie',
  cookies: 'cookie',
  series: 'series',
  species: 'species',
  news: 'news',
  data: 'data',
  media: 'media',
  staff: 'staff',
};

/** Words ending in `s` that are already singular. */
const SINGULAR_S = new Set(['status', 'address', 'access', 'process', 'business', 'class', 'glass', 'alias', 'canvas', 'census', 'campus', 'bonus', 'virus', 'focus', 'bus', 'gas', 'analysis', 'basis', 'axis', 'thesis', 'news', 'series', 'species', 'settings', 'sms', 'dns', 'os', 'ids', 'this', 'yes', 'plus', 'corpus', 'radius', 'atlas', 'lens', 'chaos', 'kudos']);

/** The singular of one lower-case English word (a plural's best guess; singular words come back as is). */
export function singular(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  const n = word.length;
  if (n < 3 || word.charCodeAt(n - 1) !== 115 /* s */ || SINGULAR_S.has(word)) return word;
  if (word.endsWith('ies') && n > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses') || word.endsWith('shes') || word.endsWith('ches') || word.endsWith('xes') || word.endsWith('zzes')) return word.slice(0, -2);
  if (word.endsWith('uses') && n > 5) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  return word.slice(0, -1);
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Lower-case word tokens of an identifier: `user_id`, `userId`, `UserID`,
 * `HTTPServer_log` -> [`user`,`id`], [`user`,`id`], [`user`,`id`], [`http`,`server`,`log`].
 * Separators are anything that is not a letter or digit.
 */
export function tokens(name: string): string[] {
  const out: string[] = [];
  let start = -1;
  const n = name.length;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    const alnum = isUpper(c) || isLower(c) || isDigit(c) || c > 127;
    if (!alnum) {
      if (start >= 0) out.push(name.slice(start, i).toLowerCase());
      start = -1;
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    const p = name.charCodeAt(i - 1);
    // camel boundary: aB, or the last capital of an acronym before a lower-case letter: HTTPServer -> HTTP|Server
    const boundary = (isUpper(c) && (isLower(p) || isDigit(p))) || (isUpper(c) && isUpper(p) && i + 1 < n && isLower(name.charCodeAt(i + 1)));
    if (boundary) {
      out.push(name.slice(start, i).toLowerCase());
      start = i;
    }
  }
  if (start >= 0) out.push(name.slice(start).toLowerCase());
  return out;
}

/** Tokens joined with the last one singularised: the key tables and column stems are compared by. */
export function nounKey(words: readonly string[], from = 0, to = words.length): string {
  let key = '';
  for (let i = from; i < to; i++) key += i === to - 1 ? singular(words[i]) : words[i];
  return key;
}

/** Lower-case name with separators removed (`Customer_Type_ID` -> `customertypeid`). */
export function flatName(name: string): string {
  const lower = name.toLowerCase();
  let out = '';
  let from = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (isLower(c) || isDigit(c) || c > 127) continue;
    if (i > from) out += lower.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? lower : from < lower.length ? out + lower.slice(from) : out;
}

/** How a column name marks itself as a reference, and the words that name the referenced thing. */
export interface ColumnStem {
  /** the words naming the referenced thing (`author` for `author_id`, `[forum, topic]` for `forumTopicId`) */
  words: string[];
  /** the marker found: `id` (`_id`, `Id`, `ID`, glued `id`), `fk` (prefix or suffix), `by` (`created_by`) */
  marker: 'id' | 'fk' | 'by';
  /** true when the stem had no word boundaries (`departmentid`): suffix matches need no token alignment */
  glued: boolean;
}

const NOT_GLUED_ID = new Set(['id', 'uuid', 'guid', 'oid', 'rowid', 'ctid', 'xmin', 'paid', 'valid', 'invalid', 'void', 'avoid', 'fluid', 'android', 'humid', 'rapid', 'solid', 'liquid', 'hybrid', 'pyramid', 'squid', 'grid', 'acid', 'said', 'druid', 'orchid', 'vivid', 'lucid', 'candid', 'timid', 'stupid']);

/** The reference stem of a column name, or undefined when the name does not look like a reference. */
export function columnStem(name: string): ColumnStem | undefined {
  // cheap rejection first: every form ends in id/fk/by or starts with fk
  const n0 = name.length;
  if (n0 < 3) return undefined;
  const a = name.charCodeAt(n0 - 2) | 32;
  const b = name.charCodeAt(n0 - 1) | 32;
  const endsMarker = (a === 105 && b === 100) || (a === 102 && b === 107) || (a === 98 && b === 121); // id fk by
  const startsFk = (name.charCodeAt(0) | 32) === 102 && (name.charCodeAt(1) | 32) === 107;
  if (!endsMarker && !startsFk) return undefined;
  const w = tokens(name);
  const n = w.length;
  if (n === 0) return undefined;
  const last = w[n - 1];
  if (n >= 2 && (last === 'id' || last === 'fk')) {
    return { words: w.slice(0, n - 1), marker: last === 'fk' ? 'fk' : 'id', glued: false };
  }
  if (n >= 2 && w[0] === 'fk') return { words: w.slice(1), marker: 'fk', glued: false };
  if (n >= 2 && last === 'by') return { words: w.slice(0, n - 1), marker: 'by', glued: false };
  if (n === 1 && last.length > 4 && last.endsWith('id') && !NOT_GLUED_ID.has(last)) return { words: [last.slice(0, -2)], marker: 'id', glued: true };
  return undefined;
}

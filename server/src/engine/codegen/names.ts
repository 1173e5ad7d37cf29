/**
 * Names for generated code: case conversion (snake, camel, Pascal, kebab,
 * UPPER_SNAKE), English plural/singular (the singular rules are inference's,
 * `infer/names.ts`), and per-language identifier escaping: a name that is a
 * keyword, a reserved name or no identifier at all in the target language is
 * renamed the same way every time (invalid characters become `_`, a leading
 * digit gets an `n` prefix, a keyword gets the language's suffix), and made
 * unique within its scope. Never throws; an empty name becomes `_`.
 */
import { singular as singularWord, tokens } from '../infer/names.js';

/** `OrderItems` -> `order_items`. */
export function snakeCase(name: string): string {
  const t = tokens(name);
  return t.length ? t.join('_') : '_';
}

/** `order_items` -> `ORDER_ITEMS`. */
export function upperSnakeCase(name: string): string {
  return snakeCase(name).toUpperCase();
}

/** `order_items` -> `order-items`. */
export function kebabCase(name: string): string {
  const t = tokens(name);
  return t.length ? t.join('-') : '_';
}

function cap(w: string): string {
  return w.length ? w[0].toUpperCase() + w.slice(1) : w;
}

/** `order_items` -> `OrderItems`. */
export function pascalCase(name: string): string {
  const t = tokens(name);
  if (!t.length) return '_';
  let out = '';
  for (const w of t) out += cap(w);
  return out;
}

/** `order_items` -> `orderItems`. */
export function camelCase(name: string): string {
  const t = tokens(name);
  if (!t.length) return '_';
  let out = t[0];
  for (let i = 1; i < t.length; i++) out += cap(t[i]);
  return out;
}

const PLURAL_IRREGULAR: Record<string, string> = {
  person: 'people', child: 'children', man: 'men', woman: 'women', mouse: 'mice', goose: 'geese',
  foot: 'feet', tooth: 'teeth', ox: 'oxen', criterion: 'criteria', phenomenon: 'phenomena',
  analysis: 'analyses', thesis: 'theses', crisis: 'crises', index: 'indices', matrix: 'matrices',
  vertex: 'vertices', appendix: 'appendices', leaf: 'leaves', life: 'lives', wife: 'wives',
  knife: 'knives', half: 'halves', shelf: 'shelves', wolf: 'wolves', self: 'selves', quiz: 'quizzes',
  status: 'statuses', bus: 'buses', alias: 'aliases', movie: 'movies', cookie: 'cookies',
  series: 'series', species: 'species', news: 'news', data: 'data', media: 'media', staff: 'staff',
  information: 'information', equipment: 'equipment', metadata: 'metadata', address: 'addresses',
};

/** Plural of one lower-case English word; a word that already reads as a plural comes back as is. */
export function pluralWord(word: string): string {
  const irregular = PLURAL_IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (singularWord(word) !== word) return word;
  const n = word.length;
  if (n === 0) return word;
  const last = word[n - 1];
  const before = n > 1 ? word[n - 2] : '';
  if (last === 'y' && !'aeiou'.includes(before)) return word.slice(0, -1) + 'ies';
  if (last === 's' || last === 'x' || last === 'z' || word.endsWith('ch') || word.endsWith('sh')) return word + 'es';
  return word + 's';
}

/** Applies `fn` to the last word of an identifier, keeping its case style (`order_item` -> `order_items`, `OrderItem` -> `OrderItems`). */
function mapLastWord(name: string, fn: (w: string) => string): string {
  let end = name.length;
  while (end > 0 && !/[A-Za-z]/.test(name[end - 1])) end--;
  if (end === 0) return name;
  let start = end - 1;
  while (start > 0) {
    const c = name[start - 1];
    if (!/[A-Za-z]/.test(c)) break;
    // camel boundary: the word starts at the capital
    if (/[A-Z]/.test(name[start]) && /[a-z]/.test(c)) break;
    start--;
  }
  const word = name.slice(start, end);
  const lower = word.toLowerCase();
  let mapped = fn(lower);
  if (mapped === lower) return name;
  if (word === word.toUpperCase() && word.length > 1) mapped = mapped.toUpperCase();
  else if (word[0] !== lower[0]) mapped = cap(mapped);
  return name.slice(0, start) + mapped + name.slice(end);
}

/** Plural of an identifier's last word: `order_item` -> `order_items`, `Person` -> `People`. */
export function plural(name: string): string {
  return mapLastWord(name, pluralWord);
}

/** Singular of an identifier's last word: `order_items` -> `order_item`, `People` -> `Person`. */
export function singular(name: string): string {
  return mapLastWord(name, singularWord);
}

export type CaseStyle = 'preserve' | 'snake' | 'camel' | 'pascal' | 'kebab' | 'upperSnake';

export function applyCase(name: string, style: string | undefined): string {
  switch (style) {
    case 'snake': return snakeCase(name);
    case 'camel': return camelCase(name);
    case 'pascal': return pascalCase(name);
    case 'kebab': return kebabCase(name);
    case 'upperSnake': return upperSnakeCase(name);
    default: return name;
  }
}

/** How one language spells identifiers and what it reserves. */
export interface LanguageRules {
  /** characters allowed after the first (the first must also not be a digit) */
  allowDollar: boolean;
  /** may an identifier start with `_`? */
  leadingUnderscore: boolean;
  keywords: ReadonlySet<string>;
  /** keywords compare case-insensitively (SQL, GraphQL's built-in names do not) */
  caseInsensitive: boolean;
  /** appended to a keyword */
  suffix: string;
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

const TS_KEYWORDS = words(`break case catch class const continue debugger default delete do else enum export extends false finally
  for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static
  implements interface package private protected public await any boolean constructor declare get module require number set string
  symbol type from of namespace async never unknown object bigint undefined arguments eval infer is keyof readonly unique asserts
  Date Buffer Record Array Promise Map Set Error Object String Number Boolean Symbol Function JSON Math Uint8Array Partial Required`);

const PY_KEYWORDS = words(`False None True and as assert async await break class continue def del elif else except finally for
  from global if import in is lambda nonlocal not or pass raise return try while with yield`);

const PRISMA_KEYWORDS = words(`model enum type datasource generator view String Boolean Int BigInt Float Decimal DateTime Json Bytes
  Unsupported`);

const GRAPHQL_KEYWORDS = words(`true false null Query Mutation Subscription String Int Float Boolean ID DateTime Date JSON`);

/** Words reserved in all four SQL dialects we write (quoted when used as names). */
export const SQL_KEYWORDS = words(`add all alter analyse analyze and any array as asc asymmetric authorization backup begin between binary
  both break browse bulk by cascade case cast change check checkpoint close clustered collate column commit constraint contains continue
  convert create cross current current_date current_role current_time current_timestamp current_user cursor database databases dbcc
  deallocate declare default deferrable delete deny desc describe distinct distributed do double drop dual dump else end errlvl escape
  except exec execute exists exit explain external false fetch file fillfactor for force foreign freetext from full function goto grant
  group having holdlock identity identity_insert identitycol if ignore ilike in index inner insert intersect interval into is isnull join
  key keys kill lateral leading left like limit lineno load localtime localtimestamp lock match merge national natural nocheck
  nonclustered not notnull null nullif of off offset offsets on only open opendatasource openquery openrowset openxml option or order outer
  over partition percent pivot placing plan precision primary print proc procedure public raiserror range read readtext reconfigure
  references regexp rename replace replication restore restrict return returning revert revoke right rlike rollback rowcount rowguidcol
  rows rule save schema schemas securityaudit select semantickeyphrasetable session_user set setuser show shutdown similar some
  statistics symmetric system_user table tablesample textsize then to top trailing tran transaction trigger true truncate try_convert
  tsequal union unique unpivot update updatetext use user using values variadic varying verbose view waitfor when where while window with
  within writetext
  accessible asensitive before bigint blob call change char character condition cube cume_dist day_hour day_microsecond day_minute
  day_second dec decimal delayed dense_rank deterministic distinctrow div each elseif empty enclosed escaped first_value float float4
  float8 fulltext generated get grouping groups high_priority hour_microsecond hour_minute hour_second infile inout insensitive int int1
  int2 int3 int4 int8 integer io_after_gtids iterate json_table lag last_value lead leave linear lines long longblob longtext loop
  low_priority master_bind maxvalue mediumblob mediumint mediumtext middleint minute_microsecond minute_second mod modifies
  no_write_to_binlog nth_value ntile numeric optimize optimizer_costs optionally out outfile percent_rank purge rank reads read_write
  real recursive release repeat require resignal row row_number second_microsecond sensitive separator signal smallint spatial specific
  sql sqlexception sqlstate sqlwarning sql_big_result sql_calc_found_rows sql_small_result ssl starting stored straight_join system
  terminated tinyblob tinyint tinytext undo unlock unsigned usage utc_date utc_time utc_timestamp varbinary varchar varcharacter virtual
  write xor year_month zerofill abort autoincrement attach conflict deferred detach exclusive fail glob immediate indexed initially
  instead notnull pragma raise reindex vacuum without`);

export const LANGUAGES: Record<string, LanguageRules> = {
  typescript: { allowDollar: true, leadingUnderscore: true, keywords: TS_KEYWORDS, caseInsensitive: false, suffix: '_' },
  python: { allowDollar: false, leadingUnderscore: false, keywords: PY_KEYWORDS, caseInsensitive: false, suffix: '_' },
  /** Django: Python's rules, but a field name may not end with `_` (fields.E001) */
  django: { allowDollar: false, leadingUnderscore: false, keywords: PY_KEYWORDS, caseInsensitive: false, suffix: '_field' },
  prisma: { allowDollar: false, leadingUnderscore: false, keywords: PRISMA_KEYWORDS, caseInsensitive: false, suffix: '_' },
  graphql: { allowDollar: false, leadingUnderscore: false, keywords: GRAPHQL_KEYWORDS, caseInsensitive: false, suffix: '_' },
  sql: { allowDollar: false, leadingUnderscore: true, keywords: SQL_KEYWORDS, caseInsensitive: true, suffix: '_' },
  generic: { allowDollar: false, leadingUnderscore: true, keywords: new Set(), caseInsensitive: false, suffix: '_' },
};

function rulesOf(language: string): LanguageRules {
  if (language === 'javascript' || language === 'ts') return LANGUAGES.typescript;
  if (language === 'py') return LANGUAGES.python;
  return LANGUAGES[language] ?? LANGUAGES.generic;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Is `name` a plain identifier in `language` (ASCII letters, digits, `_`; not a keyword)? */
export function isIdentifier(name: string, language: string): boolean {
  const r = rulesOf(language);
  if (!name.length || isDigit(name.charCodeAt(0))) return false;
  if (!r.leadingUnderscore && name.charCodeAt(0) === 95) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!(isAsciiLetter(c) || isDigit(c) || c === 95 || (r.allowDollar && c === 36))) return false;
  }
  return !isKeyword(name, language);
}

export function isKeyword(name: string, language: string, extra?: ReadonlySet<string>): boolean {
  const r = rulesOf(language);
  const k = r.caseInsensitive ? name.toLowerCase() : name;
  return r.keywords.has(k) || (extra !== undefined && extra.has(name));
}

/**
 * A valid identifier for `name` in `language`: characters outside
 * `[A-Za-z0-9_]` become `_` (runs collapse), a leading digit (or a leading `_`
 * where the language gives it a meaning, like Python's private names) gets an
 * `n` prefix, and a keyword or a name in `reserved` gets the language's suffix.
 */
export function escapeIdentifier(name: string, language: string, reserved?: ReadonlySet<string>): string {
  const r = rulesOf(language);
  let out = '';
  let lastUnderscore = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (isAsciiLetter(c) || isDigit(c) || (r.allowDollar && c === 36)) {
      out += name[i];
      lastUnderscore = false;
    } else if (!lastUnderscore) {
      out += '_';
      lastUnderscore = true;
    }
  }
  if (out.length > 1 && out.endsWith('_') && !name.endsWith('_')) out = out.slice(0, -1);
  if (!out.length || out === '_') out = 'n_';
  if (isDigit(out.charCodeAt(0)) || (!r.leadingUnderscore && out.charCodeAt(0) === 95)) out = 'n' + out;
  while (isKeyword(out, language, reserved)) out += r.suffix;
  return out;
}

/** Hands out names unique within one scope (`x`, `x2`, `x3`, ...), case-insensitively when asked. */
export class NameScope {
  private readonly used = new Set<string>();
  constructor(private readonly caseInsensitive = false, taken: Iterable<string> = []) {
    for (const t of taken) this.used.add(this.norm(t));
  }
  private norm(n: string): string {
    return this.caseInsensitive ? n.toLowerCase() : n;
  }
  has(name: string): boolean {
    return this.used.has(this.norm(name));
  }
  /** `name` itself when free, else the first free `name2`, `name3`, ... */
  claim(name: string): string {
    let out = name;
    for (let i = 2; this.used.has(this.norm(out)); i++) out = `${name}${i}`;
    this.used.add(this.norm(out));
    return out;
  }
}

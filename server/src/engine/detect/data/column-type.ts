/**
 * Resolves a column's SQL type from the kinds of its values: the narrowest
 * type every non-null value fits (integer widths, decimal precision/scale,
 * float, boolean, date/time/timestamp with or without zone, UUID, JSON,
 * varchar with a rounded-up length, text past 4,000 characters).
 */
import type { ColumnType } from '../../model/schema.js';
import { normaliseType } from '../../model/types.js';
import type { ColumnProfile } from './column-profile.js';
import { Kind, KIND_COUNT, KIND_NAMES, type KindName } from './values.js';

export interface ResolvedType {
  type: ColumnType;
  /** more than one incompatible kind among the values (text won) */
  mixed: boolean;
  /** the kinds seen, with counts, non-zero only */
  kinds: Partial<Record<KindName, number>>;
}

const LENGTHS = [8, 16, 32, 64, 128, 255, 512, 1024, 2048, 4000];

function varcharLength(max: number): number {
  for (const l of LENGTHS) if (max <= l) return l;
  return 0;
}

function t(raw: string, name: string, args: string[] = []): ColumnType {
  return normaliseType(raw, name, args);
}

/** The kinds bit set: which kinds occur. */
function kindMask(p: ColumnProfile): number {
  let m = 0;
  for (let k = 0; k < KIND_COUNT; k++) if (p.kinds[k] > 0) m |= 1 << k;
  return m;
}

const bit = (k: Kind): number => 1 << k;
const NUMERIC = bit(Kind.Integer) | bit(Kind.Decimal) | bit(Kind.Float);
const TEMPORAL = bit(Kind.Date) | bit(Kind.Timestamp) | bit(Kind.TimestampTz);

export function resolveType(p: ColumnProfile): ResolvedType {
  const kinds: Partial<Record<KindName, number>> = {};
  for (let k = 0; k < KIND_COUNT; k++) if (p.kinds[k] > 0) kinds[KIND_NAMES[k]] = p.kinds[k];
  const m = kindMask(p);
  const single = (m & (m - 1)) === 0;
  let type: ColumnType | undefined;
  let mixed = false;
  if (m === 0) type = t('varchar(255)', 'varchar', ['255']);
  else if ((m & ~NUMERIC) === 0) {
    if (m & bit(Kind.Float) || p.maxScale > 8 || p.maxIntDigits + p.maxScale > 38) type = t('float', 'float');
    else if (m & bit(Kind.Decimal)) {
      const precision = Math.max(p.maxIntDigits + p.maxScale, 1);
      const scale = p.maxScale;
      type = t(`decimal(${precision},${scale})`, 'decimal', [String(precision), String(scale)]);
    } else if (p.maxIntDigits > 18 || p.numMax > Number.MAX_SAFE_INTEGER || p.numMin < -Number.MAX_SAFE_INTEGER) {
      const precision = Math.max(p.maxIntDigits, 19);
      type = t(`decimal(${precision},0)`, 'decimal', [String(precision), '0']);
    } else if (p.numMax > 2147483647 || p.numMin < -2147483648) type = t('bigint', 'bigint');
    else type = t('integer', 'integer');
  } else if ((m & ~TEMPORAL) === 0) {
    if (m & bit(Kind.TimestampTz)) {
      type = t('timestamptz', 'timestamptz');
      mixed = (m & bit(Kind.Timestamp)) !== 0;
    } else if (m & bit(Kind.Timestamp)) type = t('timestamp', 'timestamp');
    else type = t('date', 'date');
  } else if (single && m === bit(Kind.Time)) type = t('time', 'time');
  else if (single && m === bit(Kind.Boolean)) type = t('boolean', 'boolean');
  else if (single && m === bit(Kind.Uuid)) type = t('uuid', 'uuid');
  else if (single && m === bit(Kind.Json)) type = t('json', 'json');
  if (!type) {
    // text wins; it is "mixed" when values of a non-text kind were also seen
    mixed = (m & ~bit(Kind.Text)) !== 0;
    const len = varcharLength(p.maxLength);
    type = len === 0 ? t('text', 'text') : t(`varchar(${len})`, 'varchar', [String(len)]);
  }
  return { type, mixed, kinds };
}

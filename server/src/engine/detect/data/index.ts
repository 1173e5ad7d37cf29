/**
 * Schemas from data files (issue 10), the pure half: profile rows fed by the
 * readers in `server/src/data/`, infer types, keys, enums, nested child
 * tables and relationships, detect PII and report data quality. The result is
 * a Schema: the code generator's targets write it as DBML or SQL
 * (server/src/render.ts). Never reads a file.
 */
export { DataProfiler, type CandidateKey, type DataInference, type DataProfilerOptions, type DataResultOptions } from './profiler.js';
export { detectPii, kindFromName, piiKindOfValue, ibanValid, luhnValid, PII_CATEGORY, VALUE_DETECTORS, type PiiCategory, type PiiFinding, type PiiKind } from './pii.js';
export { escapeHtml, renderQualityHtml, type ColumnQuality, type DataParseError, type FileQuality, type HistogramBin, type Outliers, type QualityReport, type TableQuality, type ValueCount } from './quality.js';
export { DATA_SIGNALS } from './relationships.js';
export { classify, Kind, shapeOf } from './values.js';

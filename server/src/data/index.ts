/**
 * The data-file readers (issue 10), the I/O edge: JSON, JSON Lines, CSV/TSV,
 * YAML and XML, streamed into records or straight into the pure profiler of
 * `engine/detect/data`.
 */
export { detectFormat, isDataPath, profileDataFiles, readDataFile, tableNameOf, type ProfileFilesOptions, type ProfileFilesResult } from './read.js';
export type { DataFormat, DataParseError, DataRecord, OnRecord, ReadOptions, ReadSummary } from './types.js';
export { detectDelimiter, detectHeader } from './csv.js';

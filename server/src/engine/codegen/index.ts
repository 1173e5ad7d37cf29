/**
 * Code generation from the schema model with Handlebars templates (issue 9).
 * Pure: templates come in as strings; results are file contents and
 * diagnostics. `generate` is the entry; the rest is for tests and tools.
 */
export type { GenerateDiagnostic, GenerateOptions, GenerateResult, TargetManifest, TargetOption, TargetTemplates, TemplateFile } from './types.js';
export { generate } from './generate.js';
export { listTargets, parseManifest } from './manifest.js';
export { buildViewModel, propertyKey } from './view-model.js';
export type { ColumnView, EnumView, IndexView, NavView, RelationView, TableView, ViewModel } from './view-model.js';
export { applyCase, camelCase, escapeIdentifier, isIdentifier, isKeyword, kebabCase, NameScope, pascalCase, plural, singular, snakeCase, upperSnakeCase } from './names.js';
export { quoteIdent } from './quote.js';
export * as typeMap from './type-map.js';
export { docComment } from './helpers.js';
export { convertType, conversionIssues, CONVERT_DIALECTS } from './convert.js';
export type { ColumnConversion, ConversionIssue, ConvertDialect, ConvertReport, TableConversion } from './convert.js';
export { convertReport, reportMarkdown } from './report.js';
export { isWarehouse, WAREHOUSES, warehouseQuote, warehouseString, warehouseType, warehouseColumnType, warehouseDefault, warehouseCreateTable, warehouseColumnDef, warehouseTableName, warehouseSchemas, warehouseForeignKeys, warehouseAddForeignKey, warehouseTableComments, warehouseColumnIssues, warehouseTableIssues, warehouseLeftOut } from './warehouse.js';
export type { Warehouse, WarehouseOptions } from './warehouse.js';

/**
 * Stable diagnostic codes of the Prisma front end (documented in
 * docs/prisma-coverage.md). Never renumber or reuse a code.
 */
export const PrismaCodes = {
  /** syntax: a line or block the grammar cannot read */
  syntax: 'PRISMA001',
  /** a type name that is no scalar, model, enum or composite type */
  unknownType: 'PRISMA101',
  /** two models/views/enums/types (or db names) with one name */
  duplicateName: 'PRISMA102',
  /** a field (or enum value) defined twice in a block */
  duplicateField: 'PRISMA103',
  /** relation problems: missing opposite field, ambiguity, arity, types */
  relation: 'PRISMA104',
  /** a model without @id, @@id or a unique criterion */
  missingId: 'PRISMA105',
  /** unknown attribute, or an attribute used where it is not allowed */
  unknownAttribute: 'PRISMA106',
  /** bad attribute argument: unknown, missing, wrong type, duplicated */
  attributeArgument: 'PRISMA107',
  /** a native type unknown to the provider, or not matching the field type */
  nativeType: 'PRISMA108',
  /** datasource problems: provider, url, unknown properties */
  datasource: 'PRISMA109',
  /** generator problems and preview features */
  generator: 'PRISMA110',
  /** @default value not matching the field type, unsupported functions */
  defaultValue: 'PRISMA111',
  /** index/unique/id definitions: unknown fields, relation fields, empty lists */
  indexDefinition: 'PRISMA112',
  /** referential actions: unknown, unsupported or discouraged */
  referentialAction: 'PRISMA113',
  /** multi-schema: @@schema not in the datasource's schemas */
  schemaNamespace: 'PRISMA114',
  /** composite types: attributes not allowed on their fields */
  compositeType: 'PRISMA115',
  /** views: constructs views do not support */
  view: 'PRISMA116',
  /** name constraints: invalid names, reserved names, constraint name clashes */
  naming: 'PRISMA117',
  /** list/optional type modifiers the provider does not support */
  typeModifier: 'PRISMA118',
} as const;

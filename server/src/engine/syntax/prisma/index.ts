/**
 * The Prisma schema front end's public API: parse (per file, cached per
 * block), validate and interpret (over all files of one schema). Pure; never
 * throws. The lead wires it into the workspace, the LSP and the CLI.
 */
export type { PArg, PArgs, PAttribute, PExpr, PField, PFieldType, PIdent, PPath, PProperty, PrismaBlock, PrismaBlockKind, PrismaDiag, PrismaFile } from './ast.js';
export { parsePrisma, PrismaParseCache } from './parse.js';
export { validatePrisma, collect as collectPrisma, type PrismaContext, type PrismaOptions } from './validate.js';
export { interpretPrisma, type PrismaInterpretation, type PrismaName, type PrismaNameKind } from './interpret.js';
export { PrismaCodes } from './codes.js';
export { nativeType as prismaNativeType, normaliseProvider as normalisePrismaProvider, type Provider as PrismaProvider } from './native-types.js';

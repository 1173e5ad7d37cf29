/**
 * Prisma validation of the configuration blocks: datasource (provider, url,
 * properties, `env()`, schemas, extensions, relation mode) and generator
 * (provider, properties, preview features). Part of validate.ts's pass.
 */
import type { PExpr, PrismaBlock } from './ast.js';
import type { Span } from '../../text/span.js';
import { PrismaCodes } from './codes.js';
import { describe, exprText } from './context.js';
import { normaliseProvider } from './native-types.js';
import type { Validator } from './validate.js';

const PREVIEW_KNOWN = new Set(['metrics', 'nativeDistinct', 'postgresqlExtensions', 'relationJoins', 'schemaEngineDriverAdapters', 'shardKeys', 'strictUndefinedChecks', 'views', 'typedSql', 'reactNative']);
const PREVIEW_DEPRECATED = new Set(
  'multiSchema driverAdapters omitApi prismaSchemaFolder fullTextIndex fullTextSearch interactiveTransactions referentialIntegrity extendedWhereUnique fieldReference tracing queryCompiler clientExtensions improvedQueryRaw orderByNulls filteredRelationCount jsonProtocol deno nApi napi filterJson mongoDb orderByAggregateGroup selectRelationCount uncheckedScalarInputs groupBy createMany dataProxy microsoftSqlServer namedConstraints referentialActions cockroachdb connectOrCreate transactionApi distinct aggregateApi atomicNumberOperations middlewares nativeTypes orderByRelation'.split(
    ' ',
  ),
);
const DS_PROPS = new Set(['provider', 'url', 'shadowDatabaseUrl', 'directUrl', 'relationMode', 'referentialIntegrity', 'schemas', 'extensions']);

/** `env("NAME")`: one unnamed string argument. */
function envCall(vd: Validator, e: PExpr): void {
  if (e.kind !== 'call' || e.callee.text !== 'env') return;
  const items = e.args.items;
  if (items.length !== 1 || items[0].value?.kind !== 'string') {
    vd.err(PrismaCodes.datasource, e.span, 'The env function expects a singular, unnamed, string argument.');
  } else if (items[0].name) vd.warn(PrismaCodes.datasource, e.span, "The env function doesn't expect named arguments");
}

/** A key defined twice in a datasource or generator. */
function duplicateKeys(vd: Validator, b: PrismaBlock, what: string): void {
  const keys = new Set<string>();
  for (const p of b.properties) {
    if (keys.has(p.key.text)) vd.err(PrismaCodes.duplicateField, p.key.span, `Key "${p.key.text}" is already defined in ${what} "${b.name?.text ?? ''}".`);
    keys.add(p.key.text);
  }
}

/** The datasource block: provider, url (per Prisma major), properties, schemas, extensions, relation mode. */
export function datasource(vd: Validator, b: PrismaBlock): void {
  const props = new Map<string, PExpr | undefined>();
  const provider = vd.ctx.provider;
  duplicateKeys(vd, b, 'source');
  for (const p of b.properties) {
    const k = p.key.text;
    props.set(k, p.value);
    if (!p.value) {
      vd.err(PrismaCodes.datasource, p.span, `Property ${k} in datasource ${b.name?.text ?? ''} needs to be assigned a value`);
      continue;
    }
    if (!DS_PROPS.has(k) || (k === 'extensions' && provider !== undefined && provider !== 'postgresql')) {
      vd.err(PrismaCodes.datasource, p.key.span, `Property not known: "${k}".`);
      continue;
    }
    if (k === 'url' || k === 'shadowDatabaseUrl' || k === 'directUrl') envCall(vd, p.value);
    if (k === 'provider' && p.value.kind === 'string' && !normaliseProvider(p.value.value)) {
      vd.err(PrismaCodes.datasource, p.value.span, `Datasource provider not known: "${p.value.value}".`);
    }
    if ((k === 'relationMode' || k === 'referentialIntegrity') && p.value.kind === 'string' && p.value.value !== 'prisma' && p.value.value !== 'foreignKeys') {
      vd.err(PrismaCodes.datasource, p.value.span, `Invalid relation mode setting: "${p.value.value}". Supported values: "prisma", "foreignKeys"`);
    }
    if (k === 'referentialIntegrity') vd.warn(PrismaCodes.datasource, p.key.span, 'The `referentialIntegrity` attribute is deprecated. Please use `relationMode` instead. Learn more at https://pris.ly/d/relation-mode');
    if (k === 'schemas') {
      if (provider === 'mysql' || provider === 'sqlite' || provider === 'mongodb') vd.err(PrismaCodes.datasource, p.value.span, 'The `schemas` property is not supported on the current connector.');
      if (p.value.kind === 'array') {
        const names = new Set<string>();
        for (const i of p.value.items) {
          if (i.kind !== 'string') vd.err(PrismaCodes.datasource, i.span, `Expected a string value, but received ${describe(i)}.`);
          else if (names.has(i.value)) vd.err(PrismaCodes.datasource, i.span, 'Duplicated schema names are not allowed');
          else names.add(i.value);
        }
      }
    }
    if (k === 'extensions') extensions(vd, p.value, p.key.span);
  }
  if (props.has('relationMode') && props.has('referentialIntegrity')) {
    const p = b.properties.find((x) => x.key.text === 'referentialIntegrity')!;
    vd.err(PrismaCodes.datasource, p.key.span, 'The `referentialIntegrity` and `relationMode` attributes cannot be used together. Please use only `relationMode` instead.');
  }
  if (!props.has('provider') && b.name) vd.err(PrismaCodes.datasource, b.name.span, `Argument "provider" is missing in data source block "${b.name.text}".`);
  if (vd.options.version === 7) {
    // Prisma 7 moved connection URLs to prisma.config.ts
    for (const k of ['url', 'directUrl', 'shadowDatabaseUrl']) {
      const p = b.properties.find((x) => x.key.text === k);
      if (p) vd.err(PrismaCodes.datasource, p.span, `The datasource property \`${k}\` is no longer supported in schema files. Move connection URLs for Migrate to \`prisma.config.ts\` and pass either \`adapter\` for a direct database connection or \`accelerateUrl\` for Accelerate to the \`PrismaClient\` constructor. See https://pris.ly/d/config-datasource and https://pris.ly/d/prisma7-client-config`);
    }
  } else if (!props.has('url') && b.name && !(provider === 'sqlite' && vd.ctx.preview.has('schemaEngineDriverAdapters'))) vd.err(PrismaCodes.datasource, b.name.span, `Argument "url" is missing in data source block "${b.name.text}".`);
  const url = props.get('url');
  const shadow = props.get('shadowDatabaseUrl');
  const direct = props.get('directUrl');
  const same = (a?: PExpr, c?: PExpr): boolean => !!a && !!c && exprText(a) === exprText(c);
  if (shadow && same(url, shadow)) {
    vd.err(PrismaCodes.datasource, url!.span, `shadowDatabaseUrl is the same as url for datasource "${b.name?.text}". Please specify a different database as shadow database to avoid data loss.`);
  }
  if (shadow && same(direct, shadow)) {
    vd.err(PrismaCodes.datasource, direct!.span, `shadowDatabaseUrl is the same as directUrl for datasource "${b.name?.text}". Please specify a different database as shadow database to avoid data loss.`);
  }
}

/** `extensions = [postgis, citext(version: "1")]`: names, arguments, preview feature. */
function extensions(vd: Validator, v: PExpr, keySpan: Span): void {
  if (!vd.ctx.preview.has('postgresqlExtensions')) {
    vd.err(PrismaCodes.datasource, keySpan, 'The `extensions` property is only available with the `postgresqlExtensions` preview feature.');
    return;
  }
  if (v.kind !== 'array') return;
  for (const i of v.items) {
    if (i.kind === 'string' || i.kind === 'number' || i.kind === 'array') {
      vd.err(PrismaCodes.datasource, i.span, `Expected a constant or function value, but received ${describe(i)}.`);
      continue;
    }
    const name = i.kind === 'path' ? i.path.text : i.callee.text;
    if (name.includes('-')) vd.err(PrismaCodes.datasource, i.span, 'Error validating: The character `-` is not allowed in extension names.');
    if (i.kind !== 'call') continue;
    const seen = new Set<string>();
    for (const a of i.args.items) {
      if (!a.name) {
        vd.err(PrismaCodes.datasource, a.span, 'Error validating: The argument must have a name');
        continue;
      }
      const n = a.name.text;
      if (n !== 'schema' && n !== 'version' && n !== 'map') {
        vd.err(PrismaCodes.datasource, a.name.span, `Argument not known: "${n}".`);
        continue;
      }
      if (seen.has(n)) vd.err(PrismaCodes.datasource, a.span, `Error validating: The argument \`${n}\` can only be defined once`);
      seen.add(n);
      if (a.value && a.value.kind !== 'string') {
        vd.err(PrismaCodes.datasource, a.value.span, `Expected a string value, but received ${describe(a.value)}.`);
        vd.err(PrismaCodes.datasource, a.span, `Error validating: The \`${n}\` argument must be a string literal`);
      }
    }
  }
}

/** A generator block: provider, property values, preview features. */
export function generator(vd: Validator, b: PrismaBlock): void {
  duplicateKeys(vd, b, 'generator');
  if (b.name && !b.properties.some((p) => p.key.text === 'provider')) vd.err(PrismaCodes.generator, b.name.span, `Argument "provider" is missing in generator block "${b.name.text}".`);
  for (const p of b.properties) {
    if (!p.value) {
      vd.err(PrismaCodes.generator, b.span, `Property ${p.key.text} in generator ${b.name?.text ?? ''} needs to be assigned a value`);
      continue;
    }
    if (p.key.text !== 'previewFeatures' || p.value.kind !== 'array') continue;
    for (const i of p.value.items) {
      if (i.kind !== 'string') continue;
      const f = i.value;
      if (PREVIEW_KNOWN.has(f) || (f === 'fullTextSearchPostgres' && vd.ctx.provider === 'postgresql')) {
        if (f === 'metrics') vd.warn(PrismaCodes.generator, p.value.span, `Preview feature "${f}" is deprecated. It will be removed in a future version of Prisma.`);
      } else if (PREVIEW_DEPRECATED.has(f)) {
        if (f === 'fullTextSearch' && vd.ctx.provider === 'postgresql') {
          vd.warn(PrismaCodes.generator, p.value.span, `On \`provider = "${vd.ctx.providerRaw}"\`, preview feature "fullTextSearch" has been renamed to "fullTextSearchPostgres". Learn more at https://pris.ly/d/fts-postgres.`);
        } else vd.warn(PrismaCodes.generator, p.value.span, `Preview feature "${f}" is deprecated. The functionality can be used without specifying it as a preview feature.`);
      } else {
        vd.err(PrismaCodes.generator, p.value.span, `The preview feature "${f}" is not known. Expected one of: metrics, nativeDistinct, postgresqlExtensions, relationJoins, schemaEngineDriverAdapters, shardKeys, strictUndefinedChecks, views`);
      }
    }
  }
}

/**
 * Prisma schema validation over one or several files (a `prismaSchemaFolder`
 * is one schema): the rules Prisma's schema engine applies, chosen by how
 * often they matter (see docs/prisma-coverage.md for the list and the codes).
 * Reads the syntax trees only; never throws; returns diagnostics with spans.
 * Messages follow the engine's wording so users recognise them.
 */
import type { Diagnostic, Severity } from '../../diagnostics.js';
import type { Span } from '../../text/span.js';
import type { PArgs, PAttribute, PField, PrismaBlock, PrismaFile } from './ast.js';
import { PrismaCodes } from './codes.js';
import { argOf, collect, describe, fieldNamed, fieldRefs, findAttr, isRelationTarget, isTrue, SCALARS, targetsOf, typeName, type Decl, type PrismaContext, type PrismaOptions } from './context.js';
import { nativeType } from './native-types.js';
import { datasource, generator } from './validate-config.js';
import { blockFields, compoundNameClash, constraintNames, indexArgs, indexType, mysqlTextIndex } from './validate-indexes.js';
import { checkRelations, relation } from './validate-relations.js';

export { collect, type Decl, type PrismaContext, type PrismaOptions } from './context.js';

const BLOCK_ATTRS = new Set(['id', 'unique', 'index', 'map', 'schema', 'ignore', 'fulltext', 'shardKey']);


// ------------------------------------------------------------ the validator

/**
 * The validator's state and reporting; the rules live here (blocks, fields,
 * enums, defaults, native types) and in validate-config.ts,
 * validate-indexes.ts and validate-relations.ts, which take it as `vd`.
 */
export class Validator {
  readonly out: Diagnostic[] = [];
  /** the file being validated: diagnostics get this uri */
  uri = '';
  /** database names seen so far (tables, enums) */
  readonly dbNames = new Map<string, string>();
  /** constraint names seen so far, with the first holder */
  readonly constraints = new Map<string, { uri: string; attr: PAttribute; reported: boolean }>();
  /** relation fields by target and relation name, per declaration */
  readonly relIndex = new Map<Decl, Map<string, PField[]>>();

  constructor(
    readonly ctx: PrismaContext,
    readonly options: PrismaOptions,
  ) {}

  push(severity: Severity, code: string, span: Span, message: string): void {
    this.out.push({ uri: this.uri, span: { start: span.start, end: span.end }, severity, code, message });
  }
  err(code: string, span: Span, message: string): void {
    this.push('error', code, span, message);
  }
  warn(code: string, span: Span, message: string): void {
    this.push('warning', code, span, message);
  }

  run(inputs: { uri: string; file: PrismaFile }[]): void {
    const seen = new Map<string, PrismaBlock>();
    const generators = new Set<string>();
    let datasources = 0;
    for (const { uri, file } of inputs) {
      this.uri = uri;
      for (const b of file.blocks) {
        if (b.kind === 'datasource') {
          datasources++;
          if (datasources > 1 && b.name) this.err(PrismaCodes.datasource, b.name.span, 'You defined more than one datasource. This is not allowed yet because support for multiple databases has not been implemented yet.');
          datasource(this, b);
          continue;
        }
        if (b.kind === 'generator') {
          if (b.name) {
            if (generators.has(b.name.text)) this.err(PrismaCodes.generator, b.name.span, `The generator "${b.name.text}" cannot be defined because a generator with that name already exists.`);
            generators.add(b.name.text);
          }
          generator(this, b);
          continue;
        }
        if (!b.name) continue;
        const prev = seen.get(b.name.text);
        if (prev) {
          const what = (k: string): string => (k === 'type' ? 'composite type' : k);
          this.err(PrismaCodes.duplicateName, b.name.span, `The ${what(b.kind)} "${b.name.text}" cannot be defined because a ${what(prev.kind)} with that name already exists.`);
          continue;
        }
        seen.set(b.name.text, b);
        if (/^[0-9]/.test(b.name.text)) this.err(PrismaCodes.naming, b.name.span, `Error validating: The name of a ${b.kind === 'type' ? 'composite type' : b.kind} must not start with a number.`);
        if (b.kind === 'enum') this.enumBlock(b);
        else this.model(b);
      }
    }
  }

  // ---------------------------------------------------------- config blocks

  /** Named arguments without a value in one attribute (nested calls included). */
  private emptyArgsIn(a: PAttribute, args: PArgs): void {
    for (const x of args.items) {
      if (x.name && !x.value) this.err(PrismaCodes.attributeArgument, x.span, `Error parsing attribute "${a.block ? '@@' : '@'}${a.name.text}": The \`${x.name.text}\` argument is missing a value.`);
      const v = x.value;
      if (v?.kind === 'call') this.emptyArgsIn(a, v.args);
      else if (v?.kind === 'array') for (const i of v.items) if (i.kind === 'call') this.emptyArgsIn(a, i.args);
    }
  }

  // ---------------------------------------------------------- enums

  private enumBlock(b: PrismaBlock): void {
    if (b.fields.length === 0 && b.name) this.err(PrismaCodes.syntax, b.span, 'Error validating: An enum must have at least one value.');
    const names = new Set<string>();
    for (const v of b.fields) {
      if (names.has(v.name.text)) this.err(PrismaCodes.duplicateField, v.name.span, `Value "${v.name.text}" is already defined on enum "${b.name?.text}".`);
      names.add(v.name.text);
      if (v.type) this.err(PrismaCodes.syntax, v.type.span, 'This line is not an enum value definition.');
      for (const a of v.attributes) if (a.args) this.emptyArgsIn(a, a.args);
      for (const a of v.attributes) if (a.name.text !== 'map') this.err(PrismaCodes.unknownAttribute, a.span, `Attribute not known: "@${a.name.text}".`);
    }
    let schema: string | undefined;
    for (const once of ['schema', 'map']) {
      const list = b.attributes.filter((a) => a.name.text === once);
      if (list.length > 1) for (const a of list) this.err(PrismaCodes.attributeArgument, a.span, `Attribute "@${once}" can only be defined once.`);
    }
    for (const a of b.attributes) {
      const n = a.name.text;
      if (a.args) this.emptyArgsIn(a, a.args);
      if (n === 'schema') schema = this.schemaAttr(a);
      else if (n !== 'map') this.err(PrismaCodes.unknownAttribute, a.span, `Attribute not known: "@@${n}".`);
    }
    if (this.ctx.schemas && !findAttr(b.attributes, 'schema') && b.name) this.err(PrismaCodes.schemaNamespace, b.name.span, 'This enum is missing an `@@schema` attribute.');
    const map = this.stringArg(findAttr(b.attributes, 'map'));
    const db = `${schema ?? ''}.${map ?? b.name?.text}`;
    const key = 'enum:' + db;
    if (this.dbNames.has(key) && b.name) this.err(PrismaCodes.duplicateName, b.name.span, 'An enum with the same database name is already defined.');
    this.dbNames.set(key, b.name?.text ?? '');
  }

  stringArg(a: PAttribute | undefined): string | undefined {
    const v = argOf(a?.args, 'name', 0)?.value ?? argOf(a?.args, 'map', 0)?.value;
    return v?.kind === 'string' ? v.value : undefined;
  }

  /** Checks `@@schema("x")`; returns the schema name. */
  private schemaAttr(a: PAttribute): string | undefined {
    const arg = argOf(a.args, 'map', 0);
    if (!arg?.value) {
      this.err(PrismaCodes.attributeArgument, a.span, 'Argument "map" is missing.');
      return undefined;
    }
    if (arg.value.kind !== 'string') {
      this.err(PrismaCodes.attributeArgument, arg.value.span, `Expected a string value, but received ${describe(arg.value)}.`);
      return undefined;
    }
    const s = arg.value.value;
    if (!this.ctx.schemas || !this.ctx.schemas.includes(s)) this.err(PrismaCodes.schemaNamespace, arg.value.span, 'This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema');
    return s;
  }

  // ---------------------------------------------------------- models, views, composite types

  private model(b: PrismaBlock): void {
    const ctx = this.ctx;
    const kind = b.kind;
    const name = b.name?.text ?? '';
    const provider = ctx.provider;
    /** database names given by `@map` so far (most models have none: created on first use) */
    let mapped: Map<string, PField> | undefined;
    let clustered: PAttribute[] = [];
    let hasId = false;
    let hasUnique = false;
    let shardFields = 0;
    if (kind === 'view' && !ctx.preview.has('views') && b.name) this.err(PrismaCodes.view, b.keyword.span, 'Error validating: View definitions are only available with the `views` preview feature.');
    if (kind === 'type' && provider && provider !== 'mongodb' && b.name) this.err(PrismaCodes.compositeType, b.name.span, `Composite types are not supported on ${provider === 'postgresql' ? 'Postgres' : provider}.`);
    if (kind === 'type' && provider === 'mongodb' && b.fields.length === 0 && b.name) this.err(PrismaCodes.compositeType, b.span, 'Error validating: A type must have at least one field defined.');
    const targets = targetsOf(ctx, b);
    const fields = b.fields;
    for (let fi = 0; fi < fields.length; fi++) {
      const f = fields[fi];
      const fname = f.name.text;
      if (fieldNamed(b, fname) !== f) {
        this.err(PrismaCodes.duplicateField, f.name.span, `Field "${fname}" is already defined on ${kind === 'type' ? 'composite type' : kind} "${name}".`);
        continue;
      }
      const c0 = fname.charCodeAt(0);
      if (c0 >= 48 && c0 <= 57) this.err(PrismaCodes.naming, f.name.span, 'Error validating: The name of a field must not start with a number.');
      if (!f.type) {
        this.err(PrismaCodes.syntax, f.span, `Error validating ${kind === 'type' ? 'composite type' : kind} "${name}": This field declaration is invalid. It is either missing a name or a type.`);
        continue;
      }
      const t = f.type.name.text;
      const target = targets[fi];
      if (!SCALARS.has(t) && !target) {
        this.err(PrismaCodes.unknownType, f.type.name.span, `Type "${t}" is neither a built-in type, nor refers to another model, composite type, or enum.`);
        continue;
      }
      if (f.type.list && f.type.optional) this.err(PrismaCodes.typeModifier, f.type.span, 'Optional lists are not supported. Use either `Type[]` or `Type?`.');
      const isRelation = isRelationTarget(target);
      if (f.type.list && !isRelation && (provider === 'sqlite' || provider === 'mysql' || provider === 'sqlserver')) {
        this.err(PrismaCodes.typeModifier, f.span, `Field "${fname}" in ${kind === 'type' ? 'composite type' : kind} "${name}" can't be a list. The current connector does not support lists of primitive types.`);
      }
      // an attribute twice on one field (a field has a handful: a pairwise check allocates nothing)
      const fa = f.attributes;
      for (let i = 1; i < fa.length; i++) {
        for (let k = 0; k < i; k++) {
          if (fa[k].name.text !== fa[i].name.text) continue;
          this.err(PrismaCodes.attributeArgument, fa[k].span, `Attribute "@${fa[i].name.text}" can only be defined once.`);
          this.err(PrismaCodes.attributeArgument, fa[i].span, `Attribute "@${fa[i].name.text}" can only be defined once.`);
          break;
        }
      }
      if (!isRelation && kind !== 'type') {
        // two scalar fields with one database name: `a @map("b")` beside `b`, or two `@map("b")`
        const m = this.stringArg(findAttr(f.attributes, 'map'));
        if (m !== undefined && m !== fname) {
          mapped ??= new Map();
          const g = fieldNamed(b, m);
          const clash = mapped.get(m) ?? (g && g.type && !isRelationTarget(ctx.decls.get(g.type.name.text)) && this.stringArg(findAttr(g.attributes, 'map')) === undefined ? g : undefined);
          if (clash) {
            const later = clash.span.start > f.span.start ? clash : f;
            this.err(PrismaCodes.duplicateField, later.name.span, `Field "${later.name.text}" is already defined on ${kind} "${name}".`);
          }
          mapped.set(m, f);
        }
      }
      if (kind === 'type' && isRelation) this.err(PrismaCodes.compositeType, f.type.span, 'Error validating: Composite types cannot have relation fields.');
      for (const a of f.attributes) {
        const an = a.name.text;
        if (a.args) this.emptyArgsIn(a, a.args);
        if (a.name.parts.length === 2) {
          this.nativeAttr(f, a, isRelation);
          continue;
        }
        if (kind === 'type') {
          if (an === 'id' || an === 'unique' || an === 'relation' || an === 'updatedAt') {
            if (an !== 'updatedAt') this.err(PrismaCodes.compositeType, a.span, `Error validating: Defining \`@${an}\` attribute for a field in a composite type is not allowed.`);
            if (an === 'relation' || an === 'updatedAt') this.err(PrismaCodes.unknownAttribute, a.span, `Attribute not known: "@${an}".`);
            continue;
          }
          if (an !== 'map' && an !== 'default') {
            this.err(PrismaCodes.unknownAttribute, a.span, `Attribute not known: "@${an}".`);
            continue;
          }
        }
        switch (an) {
          case 'id':
            hasId = true;
            if (f.type.optional || f.type.list) this.err(PrismaCodes.attributeArgument, a.span, 'Error parsing attribute "@id": Fields that are marked as id must be required.');
            if (provider === 'mongodb' && kind === 'model' && this.stringArg(findAttr(f.attributes, 'map')) !== '_id') {
              this.err(PrismaCodes.naming, f.span, `Error validating field \`${fname}\` in model \`${name}\`: MongoDB model IDs must have an @map("_id") annotation.`);
            }
            if (kind === 'view') this.err(PrismaCodes.view, a.span, 'Error validating: Views cannot have primary keys.');
            indexArgs(this, a, provider);
            if (argOf(a.args, 'clustered')) clustered.push(a);
            break;
          case 'unique':
            if (!f.type.optional && !isRelation) hasUnique = true;
            if (kind === 'view' && argOf(a.args, 'map')) this.err(PrismaCodes.view, a.span, 'Error validating: @unique annotations on views are not backed by unique indexes in the database and cannot specify a mapped database name.');
            indexArgs(this, a, provider);
            if (argOf(a.args, 'clustered')?.value?.kind === 'path' && (argOf(a.args, 'clustered')!.value as { path: { text: string } }).path.text === 'true') clustered.push(a);
            mysqlTextIndex(this, a, [f]);
            break;
          case 'default':
            this.defaultAttr(f, a);
            break;
          case 'relation':
            if (!isRelation) this.err(PrismaCodes.relation, a.span, 'Error parsing attribute "@relation": Invalid field type, not a relation.');
            else relation(this, b, f, a);
            break;
          case 'map':
            if (isRelation) this.err(PrismaCodes.attributeArgument, a.span, 'Error parsing attribute "@map": The attribute `@map` cannot be used on relation fields.');
            else this.mapAttr(a, provider === 'mongodb');
            break;
          case 'updatedAt':
            if (t !== 'DateTime') this.err(PrismaCodes.attributeArgument, a.span, 'Error parsing attribute "@updatedAt": Fields that are marked with @updatedAt must be of type DateTime.');
            break;
          case 'ignore':
            if (f.type.unsupported !== undefined) {
              this.err(PrismaCodes.attributeArgument, a.span, 'Error parsing attribute "@ignore": Fields of type `Unsupported` cannot take an `@ignore` attribute. They are already treated as ignored by the client due to their type.');
            }
            break;
          case 'shardKey':
            shardFields++;
            if (a.args && a.args.items.length) this.err(PrismaCodes.attributeArgument, a.args.items[0].span, 'No such argument.');
            else if (!ctx.preview.has('shardKeys')) this.err(PrismaCodes.attributeArgument, a.span, 'Error parsing attribute "@shardKey": Defining shard keys requires enabling the `shardKeys` preview feature');
            else if (provider && provider !== 'mysql') this.err(PrismaCodes.attributeArgument, a.span, `Error parsing attribute "@shardKey": Shard keys are not currently supported for provider ${provider}`);
            else if (f.type.optional && !findAttr(b.attributes, 'ignore')) this.err(PrismaCodes.attributeArgument, a.span, 'Error parsing attribute "@shardKey": Fields that are marked as shard keys must be required.');
            if (shardFields === 2) this.err(PrismaCodes.attributeArgument, b.name?.span ?? a.span, `Error validating model "${name}": At most one field must be marked as the shard key with the \`@shardKey\` attribute.`);
            break;
          default:
            this.err(PrismaCodes.unknownAttribute, a.span, `Attribute not known: "@${an}".`);
        }
      }
    }
    let schema: string | undefined;
    const seenBlockAttrs = new Map<string, number>();
    for (const a of b.attributes) {
      const an = a.name.text;
      if (a.args) this.emptyArgsIn(a, a.args);
      seenBlockAttrs.set(an, (seenBlockAttrs.get(an) ?? 0) + 1);
      if (kind === 'type' || !BLOCK_ATTRS.has(an)) {
        if (kind === 'type' && (an === 'id' || an === 'unique' || an === 'index' || an === 'fulltext')) {
          const what = an === 'id' ? 'A composite type cannot define an id.' : an === 'unique' ? 'A unique constraint should be defined in the model containing the embed.' : an === 'index' ? 'An index should be defined in the model containing the embed.' : 'A fulltext index should be defined in the model containing the embed.';
          this.err(PrismaCodes.compositeType, a.span, `Error validating: ${what}`);
        } else this.err(PrismaCodes.unknownAttribute, a.span, `Attribute not known: "@@${an}".`);
        continue;
      }
      if ((an === 'map' || an === 'schema' || an === 'ignore' || an === 'id' || an === 'shardKey') && seenBlockAttrs.get(an) === 2) {
        const all = b.attributes.filter((x) => x.name.text === an);
        for (const x of all) this.err(PrismaCodes.attributeArgument, x.span, `Attribute "@${an}" can only be defined once.`);
      }
      const refs = an === 'id' || an === 'unique' || an === 'index' || an === 'fulltext' || an === 'shardKey' ? blockFields(this, b, a, an, name) : [];
      switch (an) {
        case 'id':
          hasId = true;
          if (kind === 'view') this.err(PrismaCodes.view, a.span, 'Error validating: Views cannot have primary keys.');
          indexArgs(this, a, provider);
          if (argOf(a.args, 'clustered')) clustered.push(a);
          break;
        case 'unique':
          if (refs.length && refs.every((f) => !f.type?.optional)) hasUnique = true;
          compoundNameClash(this, b, a);
          if (kind === 'view') this.err(PrismaCodes.view, a.span, 'Error validating: @@unique annotations on views are not backed by unique indexes in the database and cannot specify a mapped database name.');
          indexArgs(this, a, provider);
          if (isTrue(argOf(a.args, 'clustered')?.value)) clustered.push(a);
          mysqlTextIndex(this, a, refs);
          break;
        case 'fulltext':
          if (provider && provider !== 'mysql' && provider !== 'mongodb') this.err(PrismaCodes.indexDefinition, a.span, 'Error parsing attribute "@@fulltext": Defining fulltext indexes is not supported with the current connector.');
          break;
        case 'index':
          if (kind === 'view') this.err(PrismaCodes.view, a.span, 'Error validating: Views cannot have indexes.');
          indexArgs(this, a, provider);
          indexType(this, a, refs, provider);
          if (isTrue(argOf(a.args, 'clustered')?.value)) clustered.push(a);
          mysqlTextIndex(this, a, refs);
          break;
        case 'schema':
          schema = this.schemaAttr(a);
          break;
        case 'shardKey':
          if (!a.args?.items.length || (argOf(a.args, 'fields', 0)?.value?.kind === 'array' && !fieldRefs(argOf(a.args, 'fields', 0)?.value).length)) {
            this.err(PrismaCodes.attributeArgument, a.span, 'Error parsing attribute "@@shardKey": The list of fields in a `@@shardKey()` attribute cannot be empty. Please specify at least one field.');
          }
          if (shardFields > 0 && b.name) this.err(PrismaCodes.attributeArgument, b.name.span, `Error validating model "${name}": Each model must have at most one shard key. You can't have \`@shardKey\` and \`@@shardKey\` at the same time.`);
          for (const f of refs) {
            if (f.type?.optional && !findAttr(b.attributes, 'ignore')) this.err(PrismaCodes.attributeArgument, a.span, `Error validating model "${name}": The shard key definition refers to the optional field \`${f.name.text}\`. Shard key definitions must reference only required fields.`);
          }
          break;
        default:
          break;
      }
    }
    if (provider === 'sqlserver' && clustered.length && !clustered.some((a) => a.name.text === 'id')) {
      const idAttr = findAttr(b.attributes, 'id') ?? b.fields.map((f) => findAttr(f.attributes, 'id')).find((a) => a);
      const cv = argOf(idAttr?.args, 'clustered')?.value;
      if (idAttr && !(cv?.kind === 'path' && cv.path.text === 'false')) clustered.unshift(idAttr);
    }
    if (provider === 'mongodb') {
      const ft = b.attributes.filter((a) => a.name.text === 'fulltext');
      if (ft.length > 1) for (const a of ft) this.err(PrismaCodes.indexDefinition, a.span, 'Error parsing attribute "@@fulltext": The current connector only allows one fulltext attribute per model');
    }
    if (clustered.length > 1) {
      for (const a of clustered) this.err(PrismaCodes.attributeArgument, a.span, `Error parsing attribute "${a.block ? '@@' : '@'}${a.name.text}": A model can only hold one clustered index or ${hasIdIn(clustered) ? 'id' : 'key'}.`);
    }
    clustered = [];
    if (ctx.schemas && !findAttr(b.attributes, 'schema') && kind !== 'type' && b.name) {
      this.err(PrismaCodes.schemaNamespace, b.name.span, kind === 'view' ? `Error validating view "${name}": This view is missing an \`@@schema\` attribute.` : `Error validating model "${name}": This model is missing an \`@@schema\` attribute.`);
    }
    if (kind === 'model' && !hasId && !hasUnique && !findAttr(b.attributes, 'ignore') && b.name) {
      this.err(
        PrismaCodes.missingId,
        b.name.span,
        `Error validating model "${name}": Each model must have at least one unique criteria that has only required fields. Either mark a single field with \`@id\`, \`@unique\` or add a multi field criterion with \`@@id([])\` or \`@@unique([])\` to the model.`,
      );
    }
    if (kind !== 'type' && b.name) {
      const map = this.stringArg(findAttr(b.attributes, 'map'));
      const dbName = map ?? name;
      const key = `table:${schema ?? ''}.${dbName}`;
      const other = this.dbNames.get(key);
      if (other !== undefined && map !== undefined) {
        this.err(PrismaCodes.duplicateName, findAttr(b.attributes, 'map')?.span ?? b.name.span, `The model with database name "${dbName}" could not be defined because another model or view with this name exists: "${other}"`);
      } else if (other === undefined) this.dbNames.set(key, name);
      constraintNames(this, b, schema, dbName);
    }
  }

  /** `@db.X(args)` against the provider's native types. */
  private nativeAttr(f: PField, a: PAttribute, isRelation: boolean): void {
    const [prefix, typePart] = a.name.parts;
    const provider = this.ctx.provider;
    if (prefix.text !== this.ctx.dsName || !provider || isRelation) {
      this.err(PrismaCodes.unknownAttribute, a.span, `Attribute not known: "@${a.name.text}".`);
      return;
    }
    const n = typePart.text;
    if (provider === 'sqlite') {
      this.err(PrismaCodes.nativeType, a.span, `Native types are not supported with sqlite connector`);
      return;
    }
    const nt = nativeType(provider, n);
    if (!nt) {
      this.err(PrismaCodes.nativeType, a.span, `Native type ${n} is not supported for ${provider} connector.`);
      return;
    }
    for (const arg of a.args?.items ?? []) {
      if (arg.value?.kind === 'number' && arg.value.value.startsWith('-')) this.err(PrismaCodes.nativeType, arg.value.span, `Expected a nonnegative integer, but found (${arg.value.value}).`);
    }
    const t = typeName(f);
    if (t && SCALARS.has(t) && t !== 'Unsupported' && !nt.scalars.includes(t)) {
      this.err(PrismaCodes.nativeType, a.span, `Native type ${n} is not compatible with declared field type ${t}, expected field type ${nt.scalars.join(' or ')}.`);
    }
  }

  private mapAttr(a: PAttribute, mongo: boolean): void {
    const v = argOf(a.args, 'name', 0)?.value;
    if (!v) {
      this.err(PrismaCodes.attributeArgument, a.span, 'Error parsing attribute "@map": Argument "name" is missing.');
      return;
    }
    if (v.kind !== 'string') {
      this.err(PrismaCodes.attributeArgument, v.span, `Expected a string value, but received ${describe(v)}.`);
      return;
    }
    if (mongo && v.value.includes('.')) this.err(PrismaCodes.attributeArgument, a.span, 'Error parsing attribute "@map": The field name cannot contain a `.` character');
    if (mongo && v.value.startsWith('$')) this.err(PrismaCodes.attributeArgument, a.span, 'Error parsing attribute "@map": The field name cannot start with a `$` character');
  }

  private defaultAttr(f: PField, a: PAttribute): void {
    const v = argOf(a.args, 'value', 0)?.value;
    const t = typeName(f) ?? '';
    if (!v) {
      this.err(PrismaCodes.defaultValue, a.span, 'Error parsing attribute "@default": Argument "value" is missing.');
      return;
    }
    if (v.kind === 'call') {
      const fn = v.callee.text;
      const args = v.args.items;
      const arg0 = args[0]?.value;
      const intArg = (allowed: (n: number) => boolean, allowedText: string): void => {
        if (!arg0) return;
        if (arg0.kind !== 'number') this.err(PrismaCodes.defaultValue, a.span, `Error parsing attribute "@default": \`${fn}()\` takes a single Int argument.`);
        else if (!allowed(Number(arg0.value))) this.err(PrismaCodes.defaultValue, a.span, `Error parsing attribute "@default": \`${fn}()\` takes either no argument, or a single integer argument ${allowedText}.`);
      };
      const stringOnly = (): void => {
        if (t !== 'String' && !this.ctx.decls.has(t)) this.err(PrismaCodes.defaultValue, a.span, `Error parsing attribute "@default": The function \`${fn}()\` cannot be used on fields of type \`${t}\`.`);
      };
      switch (fn) {
        case 'cuid':
          intArg((n) => n === 1 || n === 2, 'which is either 1 or 2');
          stringOnly();
          break;
        case 'uuid':
          intArg((n) => n === 4 || n === 7, 'which is either 4 or 7');
          stringOnly();
          break;
        case 'nanoid':
          intArg((n) => n >= 2 && n <= 255, 'between 2 and 255');
          stringOnly();
          break;
        case 'ulid':
          stringOnly();
          break;
        case 'auto':
          if (this.ctx.provider !== 'mongodb') this.err(PrismaCodes.defaultValue, a.span, 'Error parsing attribute "@default": The current connector does not support the `auto()` function.');
          break;
        case 'autoincrement':
          if (this.ctx.provider === 'mongodb') this.err(PrismaCodes.defaultValue, a.span, 'Error parsing attribute "@default": The `autoincrement()` default value is used with a datasource that does not support it.');
          else if (t !== 'Int' && t !== 'BigInt') this.err(PrismaCodes.defaultValue, a.span, `Error parsing attribute "@default": The function \`autoincrement()\` cannot be used on fields of type \`${t}\`.`);
          break;
        case 'now':
          if (t !== 'DateTime') this.err(PrismaCodes.defaultValue, a.span, `Error parsing attribute "@default": The function \`now()\` cannot be used on fields of type \`${t}\`.`);
          break;
        case 'dbgenerated':
          break;
        case 'sequence':
          if (this.ctx.provider !== 'cockroachdb') this.err(PrismaCodes.defaultValue, a.span, 'Error parsing attribute "@default": The `sequence()` default value is used with a datasource that does not support it.');
          break;
        default:
          this.err(PrismaCodes.defaultValue, v.span, `Unknown function in @default(): \`${fn}\` is not known. You can read about the available functions here: https://pris.ly/d/attribute-functions`);
      }
      return;
    }
    if (f.type?.list) return;
    const want = (ok: boolean, what: string): void => {
      if (!ok) this.err(PrismaCodes.defaultValue, v.span, `Expected ${what} value, but received ${describe(v)}.`);
    };
    switch (t) {
      case 'String':
        want(v.kind === 'string', 'a string');
        break;
      case 'Int':
      case 'BigInt':
        want(v.kind === 'number' && !v.value.includes('.'), t === 'Int' ? 'an integer' : 'a bigint');
        break;
      case 'Float':
        want(v.kind === 'number', 'a float');
        break;
      case 'Decimal':
        want(v.kind === 'number' || (v.kind === 'string' && /^-?\d+(\.\d+)?$/.test(v.value)), 'a decimal');
        break;
      case 'Boolean':
        want(v.kind === 'path' && (v.path.text === 'true' || v.path.text === 'false'), 'a boolean');
        break;
      case 'DateTime':
        want(v.kind === 'string', 'a datetime');
        break;
      case 'Json':
        if (v.kind === 'string' && !validJson(v.value)) this.err(PrismaCodes.defaultValue, a.span, `Error parsing attribute "@default": Parse error: "${v.value}" is not a valid JSON string.`);
        break;
      default: {
        const d = this.ctx.decls.get(t);
        if (d?.block.kind === 'enum' && v.kind === 'path' && !fieldNamed(d.block, v.path.text)) {
          this.err(PrismaCodes.defaultValue, v.span, `Error parsing attribute "@default": The defined default value \`${v.path.text}\` is not a valid value of the enum specified for the field.`);
        }
      }
    }
  }

  // ---------------------------------------------------------- relations

}

function validJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

function hasIdIn(list: PAttribute[]): boolean {
  return list.some((a) => a.name.text === 'id');
}

/**
 * Validates a schema made of one or several files (all `.prisma` files of a
 * `prismaSchemaFolder` together). Syntax diagnostics are not included (they
 * are in each `PrismaFile`). `ctx` may be passed when already collected.
 */
export function validatePrisma(inputs: { uri: string; file: PrismaFile }[], ctx: PrismaContext = collect(inputs), options: PrismaOptions = {}): Diagnostic[] {
  const v = new Validator(ctx, options);
  try {
    v.run(inputs);
    checkRelations(v);
  } catch {
    // a bug, not an input problem: keep what was found
  }
  return v.out;
}

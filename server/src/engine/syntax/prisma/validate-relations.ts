/**
 * Prisma validation of relations: `fields`/`references` (existence, arity,
 * types, unique criteria), the two sides of each relation (opposite field,
 * ambiguity, which side holds the arguments, 1-1 rules), referential actions,
 * implicit m-n, relation mode `prisma` indexes, views. Part of validate.ts's pass.
 */
import type { PAttribute, PField, PrismaBlock } from './ast.js';
import { PrismaCodes } from './codes.js';
import { argOf, exprText, fieldNamed, fieldRefs, findAttr, isRelationTarget, isUniqueCriterion, relationKey, relationName, typeName, type Decl } from './context.js';
import type { Validator } from './validate.js';

const REF_ACTION_ARGS = ['onDelete', 'onUpdate'];
const ACTIONS = ['Cascade', 'Restrict', 'NoAction', 'SetNull', 'SetDefault'];
const NO_FIELDS: PField[] = [];

/** One relation field's `@relation(...)`: fields, references, actions, relation mode, views. */
export function relation(vd: Validator, b: PrismaBlock, f: PField, a: PAttribute): void {
  const ctx = vd.ctx;
  const target = ctx.decls.get(typeName(f) ?? '');
  if (!target) return;
  const fieldsArg = argOf(a.args, 'fields');
  const refsArg = argOf(a.args, 'references');
  const fields = fieldRefs(fieldsArg?.value);
  const refs = fieldRefs(refsArg?.value);
  const modelName = b.name?.text ?? '';
  const kindName = b.kind === 'view' ? 'view' : 'model';
  const prefix = (): string => `Error validating field \`${f.name.text}\` in ${kindName} \`${modelName}\`: `;
  const own: PField[] = [];
  for (const r of fields) {
    const x = fieldNamed(b, r.name);
    if (!x) vd.err(PrismaCodes.relation, fieldsArg!.span, `Error parsing attribute "@relation": The argument fields must refer only to existing fields. The following fields do not exist in this model: ${r.name}`);
    else own.push(x);
  }
  for (const r of refs) {
    if (!fieldNamed(target.block, r.name)) vd.err(PrismaCodes.relation, refsArg!.span, `Error parsing attribute "@relation": The argument \`references\` must refer only to existing fields in the related model \`${target.block.name?.text}\`. The following fields do not exist in the related model: ${r.name}`);
  }
  if (refs.length && target.block.kind === 'model' && refs.every((r) => fieldNamed(target.block, r.name)) && !isUniqueCriterion(target.block, refs.map((r) => r.name))) {
    vd.err(
      PrismaCodes.relation,
      a.span,
      `Error parsing attribute "@relation": The argument \`references\` must refer to a unique criterion in the related model. Consider adding an \`@unique\` attribute to the field \`${refs.map((r) => r.name).join(', ')}\` in the model \`${target.block.name?.text}\`.`,
    );
  }
  if (own.length && !f.type?.optional && !f.type?.list && own.some((x) => x.type?.optional)) {
    vd.err(PrismaCodes.relation, f.span, `Error validating: The relation field \`${f.name.text}\` uses the scalar fields ${own.map((x) => x.name.text).join(', ')}. At least one of those fields is optional. Hence the relation field must be optional as well.`);
  }
  if (fields.length === refs.length) {
    for (let i = 0; i < fields.length; i++) {
      const x = fieldNamed(b, fields[i].name);
      const y = fieldNamed(target.block, refs[i].name);
      if (ctx.provider === 'mongodb' && x && y) {
        const nx = nativeName(vd, x);
        const ny = nativeName(vd, y);
        if (nx !== ny) {
          const tn = target.block.name?.text;
          vd.warn(
            PrismaCodes.relation,
            x.span,
            `Warning validating field \`${f.name.text}\` in model \`${modelName}\`: Field ${modelName}.${x.name.text} and ${tn}.${y.name.text} must have the same native type for MongoDB to join those collections correctly. Consider updating those fields to use the same native type.`,
          );
        }
      }
      if (x?.type && y?.type && x.type.name.text !== y.type.name.text) {
        vd.err(PrismaCodes.relation, a.span, `Error parsing attribute "@relation": The type of the field \`${x.name.text}\` in the model \`${modelName}\` is not matching the type of the referenced field \`${y.name.text}\` in model \`${target.block.name?.text}\`.`);
      }
    }
  }
  if (fieldsArg && refsArg && fields.length !== refs.length) vd.err(PrismaCodes.relation, a.span, `${prefix()}You must specify the same number of fields in \`fields\` and \`references\`.`);
  if ((fieldsArg && !refsArg) || (!fieldsArg && refsArg)) vd.err(PrismaCodes.relation, a.span, `Error parsing attribute "@relation": The relation field \`${f.name.text}\` on Model \`${modelName}\` must specify the \`${fieldsArg ? 'references' : 'fields'}\` argument in the @relation attribute.`);
  // referential actions
  const provider = ctx.provider;
  for (const which of REF_ACTION_ARGS) {
    const v = argOf(a.args, which)?.value;
    if (!v) continue;
    if (v.kind !== 'path' || !ACTIONS.includes(v.path.text)) {
      vd.err(PrismaCodes.referentialAction, v.span, `Error parsing attribute "@relation": Invalid referential action: \`${v.kind === 'path' ? v.path.text : exprText(v)}\`. Allowed values: (\`Cascade\`, \`Restrict\`, \`NoAction\`, \`SetNull\`, \`SetDefault\`)`);
      continue;
    }
    const act = v.path.text;
    if (act === 'SetDefault' && provider === 'mysql') {
      if (ctx.relationMode === 'prisma') vd.err(PrismaCodes.referentialAction, a.span, `Error validating: Invalid referential action: \`SetDefault\`. Allowed values: (\`Cascade\`, \`Restrict\`, \`NoAction\`, \`SetNull\`)`);
      else vd.warn(PrismaCodes.referentialAction, a.span, `MySQL does not actually support the \`SetDefault\` referential action, so using it may result in unexpected errors. Read more at https://pris.ly/d/mysql-set-default `);
    }
    if (act === 'SetNull' && own.some((x) => !x.type?.optional)) {
      if ((provider === 'postgresql' || provider === 'cockroachdb' || provider === 'sqlite' || provider === 'mysql' || provider === 'sqlserver') && ctx.relationMode !== 'prisma') {
        if (provider === 'postgresql') vd.warn(PrismaCodes.referentialAction, a.span, `The \`${which}\` referential action of a relation should not be set to \`SetNull\` when a referenced field is required. We recommend either to choose another referential action, or to make the referenced fields optional. Read more at https://pris.ly/d/postgres-set-null `);
        else vd.err(PrismaCodes.referentialAction, a.span, `Error parsing attribute "@relation": The \`${which}\` referential action of a relation must not be set to \`SetNull\` when a referenced field is required.\nEither choose another referential action, or make the referenced fields optional.`);
      } else vd.err(PrismaCodes.referentialAction, a.span, `Error parsing attribute "@relation": The \`${which}\` referential action of a relation must not be set to \`SetNull\` when a referenced field is required.\nEither choose another referential action, or make the referenced fields optional.`);
    }
  }
  // relationMode = "prisma": the fields should be covered by an index
  if (ctx.relationMode === 'prisma' && provider !== 'mongodb' && own.length) {
    const names = own.map((x) => x.name.text);
    if (!covered(vd, b, names)) {
      vd.warn(
        PrismaCodes.relation,
        f.span,
        'With `relationMode = "prisma"`, no foreign keys are used, so relation fields will not benefit from the index usually created by the relational database under the hood. This can lead to poor performance when querying these fields. We recommend adding an index manually. Learn more at https://pris.ly/d/relation-mode-prisma-indexes" ',
      );
    }
  }
  // views: relations to/from a view need a unique on the referenced side
  if (target.block.kind === 'view' || b.kind === 'view') {
    for (const r of refs) {
      const rf = fieldNamed(target.block, r.name);
      if (rf && !findAttr(rf.attributes, 'unique') && !findAttr(rf.attributes, 'id')) {
        vd.err(PrismaCodes.view, f.span, `${prefix()}The relation field \`${f.name.text}\` on ${kindName} \`${modelName}\` references \`${r.name}\` which does not have a unique constraint.`);
      }
    }
  }
}

/** The native type of a field (`@db.ObjectId` -> `ObjectId`), undefined when none. */
function nativeName(vd: Validator, f: PField): string | undefined {
  for (const a of f.attributes) if (a.name.parts.length === 2 && a.name.parts[0].text === vd.ctx.dsName) return a.name.parts[1].text;
  return undefined;
}

/** Are `names` a leftmost prefix of some @id/@@id/@unique/@@unique/@@index of `b`? */
function covered(vd: Validator, b: PrismaBlock, names: string[]): boolean {
  const lists: string[][] = [];
  for (const f of b.fields) if (findAttr(f.attributes, 'id') || findAttr(f.attributes, 'unique')) lists.push([f.name.text]);
  for (const a of b.attributes) if (a.name.text === 'id' || a.name.text === 'unique' || a.name.text === 'index') lists.push(fieldRefs(argOf(a.args, 'fields', 0)?.value).map((r) => r.name));
  return lists.some((l) => names.every((n) => l.slice(0, names.length).includes(n)));
}

/** Implicit m-n relations (lists on both sides): the other side needs an @id; views cannot take part. */
function implicitManyToMany(vd: Validator, d: Decl, f: PField, target: Decl): void {
  {
    {
      if (d.block.kind !== 'view' && target.block.kind !== 'view') {
        // implicit m-n between models: the other side needs a single-field @id
        const hasSingleId = target.block.fields.some((x) => findAttr(x.attributes, 'id'));
        if (!hasSingleId) {
          const me = d.block.name?.text;
          vd.err(
            PrismaCodes.relation,
            f.span,
            `Error validating field \`${f.name.text}\` in model \`${me}\`: The relation field \`${f.name.text}\` on model \`${me}\` references \`${target.block.name?.text}\` which does not have an \`@id\` field. Models without \`@id\` cannot be part of a many to many relation. Use an explicit intermediate Model to represent this relationship.`,
          );
        }
        return;
      }
      vd.err(PrismaCodes.view, f.span, 'Error validating: Implicit many-to-many relations are not supported for views.');
      const kindName = d.block.kind;
      vd.err(
        PrismaCodes.view,
        f.span,
        `Error validating field \`${f.name.text}\` in ${kindName} \`${d.block.name?.text}\`: The relation field \`${f.name.text}\` on ${kindName} \`${d.block.name?.text}\` references \`${target.block.name?.text}\` which does not have a unique constraint.`,
      );
    }
  }
}

/** The relation fields of `d` by target model and relation name (built once per declaration). */
function relationFields(vd: Validator, d: Decl): Map<string, PField[]> {
  let m = vd.relIndex.get(d);
  if (m) return m;
  m = new Map();
  const fields = d.block.fields;
  for (let i = 0; i < fields.length; i++) {
    const td = d.targets[i];
    if (!isRelationTarget(td)) continue;
    const x = fields[i];
    const k = relationKey(x.type!.name.text, relationName(findAttr(x.attributes, 'relation')));
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  vd.relIndex.set(d, m);
  return m;
}

/** One walk over the relation fields: opposite side, pairing, implicit m-n. */
export function checkRelations(vd: Validator): void {
  const paired = new Set<PField>();
  for (const d of vd.ctx.decls.values()) {
    if (d.block.kind !== 'model' && d.block.kind !== 'view') continue;
    vd.uri = d.uri;
    const me = d.block.name?.text;
    if (!me) continue;
    const fields = d.block.fields;
    for (let i = 0; i < fields.length; i++) {
      const target = d.targets[i];
      if (!isRelationTarget(target)) continue;
      const f = fields[i];
      const rel = findAttr(f.attributes, 'relation');
      const relName = relationName(rel);
      // opposite candidates: fields of the target typed with this model, same relation name (indexed: no quadratic scan)
      const list = relationFields(vd, target).get(relationKey(me, relName)) ?? NO_FIELDS;
      let count = 0;
      let first: PField | undefined;
      for (const x of list) {
        if (x === f) continue;
        count++;
        first ??= x;
      }
      if (f.type?.list && first?.type?.list) implicitManyToMany(vd, d, f, target);
      if (count === 0) {
        vd.err(
          PrismaCodes.relation,
          f.span,
          `Error validating field \`${f.name.text}\` in ${d.block.kind} \`${me}\`: The relation field \`${f.name.text}\` on ${d.block.kind} \`${me}\` is missing an opposite relation field on the ${target.block.kind} \`${target.block.name?.text}\`. Either run \`prisma format\` or add it manually.`,
        );
      } else if (count > 1 && target !== d) {
        vd.err(PrismaCodes.relation, f.span, `Error validating field \`${f.name.text}\` in ${d.block.kind} \`${me}\`: The relation field \`${f.name.text}\` on ${d.block.kind} \`${me}\` is ambiguous: give each relation a name with @relation("name").`);
      } else if (count === 1 && !paired.has(f)) {
        const g = first!;
        paired.add(f);
        paired.add(g);
        pair(vd, d, f, target, g);
      }
    }
  }
}

/** The two sides of one relation: which side holds `fields`/`references`, arity, uniqueness. */
function pair(vd: Validator, d: Decl, f: PField, t: Decl, g: PField): void {
  const mName = d.block.name?.text ?? '';
  const tName = t.block.name?.text ?? '';
  const ra = findAttr(f.attributes, 'relation');
  const rb = findAttr(g.attributes, 'relation');
  const fHas = { fields: !!argOf(ra?.args, 'fields'), references: !!argOf(ra?.args, 'references') };
  const gHas = { fields: !!argOf(rb?.args, 'fields'), references: !!argOf(rb?.args, 'references') };
  const fList = !!f.type?.list;
  const gList = !!g.type?.list;
  const mongo = vd.ctx.provider === 'mongodb';
  /** reports in the file of `x` */
  const on = (x: Decl, fn: () => void): void => {
    const saved = vd.uri;
    vd.uri = x.uri;
    fn();
    vd.uri = saved;
  };
  if (fList && gList) {
    if (!mongo && (fHas.fields || gHas.fields)) {
      const conn = vd.ctx.provider === 'postgresql' ? 'Postgres' : (vd.ctx.providerRaw ?? 'the current connector');
      on(d, () => vd.err(PrismaCodes.relation, f.span, `Error validating: Embedded many-to-many relations are not supported on ${conn}. Please use the syntax defined in https://pris.ly/d/relational-database-many-to-many`));
      on(t, () => vd.err(PrismaCodes.relation, g.span, `Error validating: Embedded many-to-many relations are not supported on ${conn}. Please use the syntax defined in https://pris.ly/d/relational-database-many-to-many`));
    }
    return;
  }
  if (fList || gList) {
    // one-to-many: the singular side holds fields and references
    const [sd, sf, sHas, ld, lf, lHas, other] = fList ? [t, g, gHas, d, f, fHas, mName] : [d, f, fHas, t, g, gHas, tName];
    const sModel = sd.block.name?.text ?? '';
    for (const arg of ['fields', 'references'] as const) {
      if (!sHas[arg]) {
        on(sd, () =>
          vd.err(PrismaCodes.relation, sf.span, `Error parsing attribute "@relation": The relation field \`${sf.name.text}\` on Model \`${sModel}\` must specify the \`${arg}\` argument in the @relation attribute.${arg === 'fields' ? ' You can run `prisma format` to fix this automatically.' : ''}`),
        );
      }
    }
    if ((lHas.fields || lHas.references) && !mongo) {
      on(ld, () =>
        vd.err(PrismaCodes.relation, lf.span, `Error parsing attribute "@relation": The relation field \`${lf.name.text}\` on Model \`${ld.block.name?.text}\` must not specify the \`fields\` or \`references\` argument in the @relation attribute. You must only specify it on the opposite field \`${sf.name.text}\` on model \`${other}\`.`),
      );
    }
    return;
  }
  // one-to-one
  if (!fHas.fields && !gHas.fields && !fHas.references && !gHas.references) {
    for (const arg of ['fields', 'references']) {
      on(d, () => vd.err(PrismaCodes.relation, f.span, `Error parsing attribute "@relation": The relation fields \`${f.name.text}\` on Model \`${mName}\` and \`${g.name.text}\` on Model \`${tName}\` do not provide the \`${arg}\` argument in the @relation attribute. You have to provide it on one of the two fields.`));
      on(t, () => vd.err(PrismaCodes.relation, g.span, `Error parsing attribute "@relation": The relation fields \`${g.name.text}\` on Model \`${tName}\` and \`${f.name.text}\` on Model \`${mName}\` do not provide the \`${arg}\` argument in the @relation attribute. You have to provide it on one of the two fields.`));
    }
    return;
  }
  if (fHas.fields && gHas.fields) {
    for (const arg of ['references', 'fields']) {
      on(d, () => vd.err(PrismaCodes.relation, f.span, `Error parsing attribute "@relation": The relation fields \`${f.name.text}\` on Model \`${mName}\` and \`${g.name.text}\` on Model \`${tName}\` both provide the \`${arg}\` argument in the @relation attribute. You have to provide it only on one of the two fields.`));
      on(t, () => vd.err(PrismaCodes.relation, g.span, `Error parsing attribute "@relation": The relation fields \`${f.name.text}\` on Model \`${mName}\` and \`${g.name.text}\` on Model \`${tName}\` both provide the \`${arg}\` argument in the @relation attribute. You have to provide it only on one of the two fields.`));
    }
    return;
  }
  // the side with fields must use unique fields; the other side must be optional
  const [hd, hf, od, of] = fHas.fields ? [d, f, t, g] : [t, g, d, f];
  if (!of.type?.optional) {
    on(od, () =>
      vd.err(
        PrismaCodes.relation,
        of.span,
        `Error parsing attribute "@relation": The relation field \`${of.name.text}\` on Model \`${od.block.name?.text}\` is required. This is not valid because it's not possible to enforce this constraint on the database level. Please change the field type from \`${of.type?.name.text}\` to \`${of.type?.name.text}?\` to fix vd.`,
      ),
    );
  }
  const names = fieldRefs(argOf(findAttr(hf.attributes, 'relation')?.args, 'fields')?.value).map((r) => r.name);
  if (names.length && !isUniqueCriterion(hd.block, names)) {
    on(hd, () =>
      vd.err(
        PrismaCodes.relation,
        findAttr(hf.attributes, 'relation')!.span,
        `Error parsing attribute "@relation": A one-to-one relation must use unique fields on the defining side. Either add an \`@unique\` attribute to the field \`${names.join(', ')}\`, or change the relation to one-to-many.`,
      ),
    );
  }
}

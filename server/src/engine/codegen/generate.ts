/**
 * Runs a target: builds the view model, compiles the target's templates in a
 * fresh Handlebars environment (our helpers; files named `_x.hbs` are the
 * partial `x`), renders each output (once, or once per table) and names it
 * from the output pattern. A template error becomes a diagnostic naming the
 * template file and line; `generate` never throws.
 */
import Handlebars from 'handlebars';
import type { Schema } from '../model/schema.js';
import { helpers } from './helpers.js';
import { buildViewModel, type TableView, type ViewModel } from './view-model.js';
import type { GenerateDiagnostic, GenerateOptions, GenerateResult, TargetTemplates } from './types.js';

type Env = ReturnType<typeof Handlebars.create>;

/** A template error as a diagnostic with the template's file and line. */
function templateError(e: unknown, template: string): GenerateDiagnostic {
  const err = e as { message?: string; lineNumber?: number };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  let line = typeof err?.lineNumber === 'number' ? err.lineNumber : undefined;
  if (line === undefined) {
    const m = /line (\d+)/i.exec(message);
    if (m) line = Number(m[1]);
  }
  return { severity: 'error', message: `${template}${line !== undefined ? `:${line}` : ''}: ${message.split('\n')[0]}`, template, line };
}

function partialName(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.startsWith('_') && base.endsWith('.hbs') ? base.slice(1, -4) : undefined;
}

/** The environment for one run: helpers and the target's partials (compiled eagerly, so errors carry their file). */
function environment(target: TargetTemplates, diagnostics: GenerateDiagnostic[]): Env {
  const env = Handlebars.create();
  env.registerHelper(helpers());
  for (const f of target.files) {
    const name = partialName(f.path);
    if (!name) continue;
    try {
      // compile is lazy: precompile parses now, so a syntax error names this file
      env.precompile(f.text);
      env.registerPartial(name, env.compile(f.text, { noEscape: true, strict: false }));
    } catch (e) {
      diagnostics.push(templateError(e, f.path));
    }
  }
  return env;
}

function outputsOf(target: TargetTemplates): { template: string; output: string; perTable: boolean }[] {
  const m = target.manifest;
  if (m.outputs?.length) return m.outputs.map((o) => ({ template: o.template, output: o.output, perTable: o.perTable === true }));
  let entry = m.entry;
  if (!entry) {
    const mains = target.files.filter((f) => f.path.endsWith('.hbs') && !partialName(f.path));
    entry = mains.find((f) => f.path === 'main.hbs')?.path ?? (mains.length === 1 ? mains[0].path : undefined) ?? 'main.hbs';
  }
  return [{ template: entry, output: m.output, perTable: m.perTable === true }];
}

/** Collapses runs of three or more newlines (blank lines left by skipped blocks) into one blank line. */
function tidy(text: string): string {
  return text.replace(/\n[ \t]*(\n[ \t]*){2,}\n/g, '\n\n').replace(/^\s*\n/, '');
}

interface Compiled {
  env: Env;
  diagnostics: GenerateDiagnostic[];
  templates: Map<string, { render: HandlebarsTemplateDelegate; name: HandlebarsTemplateDelegate } | GenerateDiagnostic>;
}

/** Compiled templates per target object: a target is compiled once, however many schemas it runs on. */
const compiledTargets = new WeakMap<TargetTemplates, Compiled>();

function compileTarget(target: TargetTemplates): Compiled {
  const cached = compiledTargets.get(target);
  if (cached) return cached;
  const diagnostics: GenerateDiagnostic[] = [];
  const env = environment(target, diagnostics);
  const templates: Compiled['templates'] = new Map();
  for (const out of outputsOf(target)) {
    const key = `${out.template}\u0000${out.output}`;
    const file = target.files.find((f) => f.path === out.template);
    if (!file) {
      templates.set(key, { severity: 'error', message: `target "${target.manifest.id}" has no template "${out.template}"`, template: out.template });
      continue;
    }
    try {
      // compile() is lazy; precompile parses now, so a syntax error is reported with this file
      env.precompile(file.text);
      templates.set(key, { render: env.compile(file.text, { noEscape: true, strict: false }), name: env.compile(out.output, { noEscape: true }) });
    } catch (e) {
      templates.set(key, templateError(e, file.path));
    }
  }
  const compiled = { env, diagnostics, templates };
  compiledTargets.set(target, compiled);
  return compiled;
}

/**
 * Generates a target's files from a schema. Options pick tables (keys or
 * names), set the manifest's options and the source dialect.
 */
export function generate(schema: Schema, target: TargetTemplates, options: GenerateOptions = {}): GenerateResult {
  const diagnostics: GenerateDiagnostic[] = [];
  const files: { path: string; content: string }[] = [];
  let vm: ViewModel & { targetDialect: string };
  try {
    const base = buildViewModel(schema, target.manifest, options);
    vm = { ...base, targetDialect: target.manifest.dialect ?? (typeof base.options.dialect === 'string' && base.options.dialect ? base.options.dialect : base.dialect === 'generic' ? 'postgres' : base.dialect) };
  } catch (e) {
    return { files, diagnostics: [{ severity: 'error', message: `could not build the view model: ${(e as Error)?.message ?? String(e)}` }] };
  }
  if (options.tables?.length) {
    const known = new Set(vm.tables.flatMap((t) => [t.key, t.name]));
    for (const t of options.tables) if (!known.has(t)) diagnostics.push({ severity: 'warning', message: `no table "${t}" in the schema` });
  }
  const compiled = compileTarget(target);
  diagnostics.push(...compiled.diagnostics);
  for (const out of outputsOf(target)) {
    const entry = compiled.templates.get(`${out.template}\u0000${out.output}`);
    if (!entry || 'severity' in entry) {
      if (entry) diagnostics.push(entry);
      continue;
    }
    const { render, name } = entry;
    const contexts: { ctx: ViewModel & { table?: TableView }; nameCtx: Record<string, unknown> }[] = out.perTable
      ? vm.tables.map((t) => ({ ctx: { ...vm, table: t }, nameCtx: { table: t.fileName, className: t.className, kebab: t.kebabName, name: t.name } }))
      : [{ ctx: vm, nameCtx: { target: vm.target.id, project: vm.projectName ?? 'schema' } }];
    for (const { ctx, nameCtx } of contexts) {
      try {
        const content = tidy(render(ctx, { allowProtoPropertiesByDefault: false }));
        files.push({ path: name(nameCtx), content });
      } catch (e) {
        diagnostics.push(templateError(e, out.template));
        break;
      }
    }
  }
  return { files, diagnostics };
}

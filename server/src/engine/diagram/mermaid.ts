/**
 * Mermaid `erDiagram` export of a diagram model
 * (`toMermaid` in index.ts applies it to a Schema; the webview to the model it shows). Names are sanitised to Mermaid's
 * identifier alphabet (and made unique), comments lose their double quotes
 * and line breaks, so any schema yields text Mermaid parses. Pure; the
 * diagram webview posts the result to the host to save.
 */
import type { DiagramModel } from './types.js';

/** Mermaid entity and attribute names: a letter or `_`, then letters, digits, `_` and `-`. */
export function mermaidName(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    const ok = (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 || ch === 45;
    out += ok ? raw[i] : '_';
  }
  if (out === '' || !/^[A-Za-z_]/.test(out)) out = `_${out}`;
  return out;
}

/** A Mermaid attribute type: the raw type without spaces; `(`, `)`, `[`, `]` kept, `,` as `-`. */
function mermaidType(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (/[A-Za-z0-9_\-()[\]]/.test(c)) out += c;
    else out += c === ',' ? '-' : '_';
  }
  // parentheses must balance or Mermaid's lexer reads past them
  if (!balanced(out)) out = out.replace(/[()[\]]/g, '_');
  if (out === '' || !/^[A-Za-z_]/.test(out)) out = `t_${out}`;
  return out;
}

function balanced(s: string): boolean {
  let p = 0;
  let b = 0;
  for (const c of s) {
    if (c === '(') p++;
    else if (c === ')' && --p < 0) return false;
    else if (c === '[') b++;
    else if (c === ']' && --b < 0) return false;
  }
  return p === 0 && b === 0;
}

/** Text Mermaid reads inside `"..."`: no double quotes, no line breaks. */
function mermaidString(s: string): string {
  return s.replace(/"/g, "'").replace(/[\r\n]+/g, ' ').replace(/[{}]/g, (c) => (c === '{' ? '(' : ')'));
}

/** The diagram as a Mermaid `erDiagram` (declared relationships solid, inferred ones dotted). */
export function diagramToMermaid(model: DiagramModel): string {
  const names = new Map<string, string>();
  const used = new Set<string>();
  const lines = ['erDiagram'];
  for (const t of model.tables) {
    if (names.has(t.key)) continue;
    const base = mermaidName(t.schema === model.defaultSchema ? t.name : `${t.schema}_${t.name}`);
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}_${i}`;
    used.add(name.toLowerCase());
    names.set(t.key, name);
    lines.push(`    ${name} {`);
    for (const c of t.columns) {
      const keys: string[] = [];
      if (c.pk) keys.push('PK');
      if (c.fk) keys.push('FK');
      if (c.unique) keys.push('UK');
      let line = `        ${mermaidType(c.type)} ${mermaidName(c.name)}`;
      if (keys.length) line += ` ${keys.join(', ')}`;
      if (c.note) line += ` "${mermaidString(c.note)}"`;
      lines.push(line);
    }
    lines.push('    }');
  }
  for (const r of model.relationships) {
    const a = names.get(r.from.table);
    const b = names.get(r.to.table);
    if (!a || !b) continue;
    const left = r.from.many ? '}o' : '|o';
    const right = r.to.many ? 'o{' : r.to.optional ? 'o|' : '||';
    lines.push(`    ${a} ${left}${r.inferred ? '..' : '--'}${right} ${b} : "${mermaidString(r.name ?? r.from.columns.join(', '))}"`);
  }
  return lines.join('\n') + '\n';
}

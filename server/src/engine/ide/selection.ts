/**
 * Selection ranges ("expand selection"): for each offset, the spans around
 * it from innermost to outermost, each strictly containing the one before:
 * the name part (a quoted name's text, then with its quotes), the dotted
 * name, the expression around it (call, tuple, relation), the setting value,
 * the setting item, the setting list, the line, the body's contents, the
 * body with braces, the element, and the whole document. Inside a comment or
 * a string: its text, then the comment or string whole.
 *
 * Reads the generic tree and the comments only.
 */
import type { Workspace } from '../workspace.js';
import type { Span } from '../text/span.js';
import type { Element, Expr, Ident, Line, QName, SettingList } from '../syntax/dbml/ast.js';

export function selectionRanges(ws: Workspace, uri: string, offsets: number[]): Span[][] {
  const file = ws.getFile(uri);
  if (!file) return offsets.map(() => []);
  const { text } = file;
  const syntax = file.dbml.syntax;
  return offsets.map((offset) => {
    const found: Span[] = [];
    const hit = (s: Span | undefined): boolean => !!s && s.start <= offset && offset <= s.end;
    const push = (s: Span | undefined) => {
      if (s && hit(s) && s.end > s.start) found.push(s);
    };

    const ident = (id: Ident | undefined) => {
      if (!id || !hit(id.span)) return;
      if (id.quoted && id.span.end - id.span.start >= 2) push({ start: id.span.start + 1, end: id.span.end - 1 });
      push(id.span);
    };
    const qname = (q: QName | undefined) => {
      if (!q || !hit(q.span)) return;
      q.parts.forEach(ident);
      if (q.tuple) {
        q.tuple.forEach(ident);
        const first = q.tuple[0];
        const last = q.tuple[q.tuple.length - 1];
        if (first && last) push({ start: first.span.start, end: last.span.end });
      }
      push(q.span);
    };
    const expr = (e: Expr | undefined): void => {
      if (!e || !hit(e.span)) return;
      switch (e.kind) {
        case 'qname':
          qname(e.name);
          break;
        case 'string':
        case 'expression': {
          // the text inside the quotes or backticks
          const raw = text.slice(e.span.start, e.span.end);
          const q = /^('''|'|"|`)/.exec(raw)?.[1];
          if (q && raw.length >= 2 * q.length && raw.endsWith(q)) push({ start: e.span.start + q.length, end: e.span.end - q.length });
          break;
        }
        case 'tuple':
          e.items.forEach(expr);
          if (e.items.length) push({ start: e.items[0].span.start, end: e.items[e.items.length - 1].span.end });
          break;
        case 'call':
          qname(e.callee);
          e.args.forEach(expr);
          if (e.args.length) push({ start: e.args[0].span.start, end: e.args[e.args.length - 1].span.end });
          break;
        case 'relation':
          expr(e.left);
          expr(e.right);
          push(e.opSpan);
          break;
        case 'partial':
          ident(e.name);
          break;
        case 'unary':
          expr(e.operand);
          break;
        default:
          break;
      }
      push(e.span);
    };
    const settings = (s: SettingList | undefined) => {
      if (!s || !hit(s.span)) return;
      for (const it of s.items) {
        if (!hit(it.span)) continue;
        push(it.nameSpan);
        expr(it.value);
        push(it.span);
      }
      if (s.items.length) push({ start: s.items[0].span.start, end: s.items[s.items.length - 1].span.end });
      push(s.span);
    };
    const line = (l: Line | undefined) => {
      if (!l) return;
      const start = Math.min(l.span.start, ...l.parts.map((p) => p.span.start));
      const end = Math.max(l.span.end, l.settings?.span.end ?? 0, ...l.parts.map((p) => p.span.end));
      if (!hit({ start, end })) return;
      l.parts.forEach(expr);
      settings(l.settings);
      if (l.settings && l.parts.length) push({ start: l.parts[0].span.start, end: l.parts[l.parts.length - 1].span.end });
      push(l.span);
      push({ start, end });
    };
    const element = (el: Element) => {
      if (!hit(el.span)) return;
      push(el.keyword.span);
      qname(el.name);
      el.nameArgs?.forEach(ident);
      ident(el.alias);
      settings(el.settings);
      line(el.value);
      const body = el.body;
      if (body && hit(body.span)) {
        for (const item of body.items) {
          if (item.type === 'element') element(item);
          else line(item);
        }
        if (body.items.length) {
          const first = body.items[0].span.start;
          const last = Math.max(...body.items.map((i) => i.span.end));
          push({ start: first, end: last });
        }
        push(body.span);
      }
      // the header: keyword through settings, before the body
      if (el.body) {
        let end = el.body.openSpan.start;
        while (end > el.span.start && /\s/.test(text[end - 1])) end--;
        push({ start: el.span.start, end });
      }
      push(el.span);
    };

    for (const c of syntax.comments) {
      if (!hit(c.span)) continue;
      const inner = c.kind === 'line' ? { start: c.span.start + 2, end: c.span.end } : { start: c.span.start + 2, end: c.span.end - 2 };
      if (inner.end > inner.start) push(inner);
      push(c.span);
    }
    for (const el of syntax.elements) element(el);
    for (const l of syntax.strays) line(l);
    found.push({ start: 0, end: text.length });
    return chain(found, offset);
  });
}

/** Orders candidate spans innermost first, keeping only a strictly nested chain. */
function chain(spans: Span[], offset: number): Span[] {
  // prefer spans the offset is strictly inside over spans it only touches at an end
  const sorted = spans
    .map((s) => ({ s, len: s.end - s.start, touch: offset === s.end && offset !== s.start ? 1 : 0 }))
    .sort((a, b) => a.len - b.len || a.touch - b.touch);
  const out: Span[] = [];
  for (const { s } of sorted) {
    const last = out[out.length - 1];
    if (!last) {
      out.push(s);
      continue;
    }
    if (s.start === last.start && s.end === last.end) continue;
    if (s.start <= last.start && s.end >= last.end) out.push(s);
  }
  return out;
}

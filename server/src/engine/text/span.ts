/**
 * Spans: half-open ranges of UTF-16 code-unit offsets into one document's text.
 * The engine speaks only offsets; conversion to lines and columns happens
 * through a LineIndex, and to LSP types only at the protocol edge.
 */

/** A half-open range [start, end) of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** True when `offset` lies inside the span or touches its end (cursor semantics). */
export function spanContains(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}

/** True when `inner` lies completely inside `outer`. */
export function spanCovers(outer: Span, inner: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function spanLength(s: Span): number {
  return s.end - s.start;
}

export function spanUnion(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export function shiftSpan(s: Span, delta: number): Span {
  return { start: s.start + delta, end: s.end + delta };
}

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

/**
 * The start offset of a block of text (a DBML top-level block, an SQL
 * statement) that moves as a whole when text before it is edited.
 */
export interface Anchor {
  start: number;
  /**
   * A DBML block's anchor: the block's own text, kept when the block holds compact records (parsed
   * again from it when a reader asks for their nodes) and was parsed from a copy of its text. On the
   * anchor, shared by the block, so that a structured clone of model objects copies it once per block.
   */
  text?: string;
  /**
   * Or the text of the block's file, through a holder the file's blocks share and its parser updates on
   * each edit (blocks of a file's first whole-file parse). The block's relative offsets then index
   * `doc.text` from `start`, which stays right because a block is only reused where its text is unchanged.
   */
  doc?: DocText;
}

/** A file's current text, shared by the anchors of its blocks (see `Anchor.doc`). */
export interface DocText {
  text: string;
}

/** The text a block's relative offsets index into (with `blockBase`): its own, or its file's. */
export function blockText(a: Anchor): string {
  return a.text ?? a.doc!.text;
}

/** Where a block's relative offset 0 is in `blockText`: 0 in its own text, its start in its file's. */
export function blockBase(a: Anchor): number {
  return a.text !== undefined ? 0 : a.start;
}

/**
 * A span relative to an anchor: reads and writes absolute offsets like a plain
 * `Span`, but moving the anchor moves every span attached to it in O(1). The
 * incremental parsers give every node of a reused block such spans, so an edit
 * near the top of a large file never walks the trees below it.
 *
 * Other objects may be anchored spans too (the DBML tree's names, lines and
 * settings are their own spans): they have an `anchor` (see `anchorOf`) and
 * the same accessors.
 */
export class AnchoredSpan implements Span {
  constructor(
    readonly anchor: Anchor,
    private rs: number,
    private re: number,
  ) {}

  get start(): number {
    return this.anchor.start + this.rs;
  }

  set start(v: number) {
    this.rs = v - this.anchor.start;
  }

  get end(): number {
    return this.anchor.start + this.re;
  }

  set end(v: number) {
    this.re = v - this.anchor.start;
  }

  toJSON(): Span {
    return { start: this.start, end: this.end };
  }
}

/** A span at absolute offsets [start, end) that moves with `anchor`. */
export function anchored(anchor: Anchor, start: number, end: number): Span {
  return new AnchoredSpan(anchor, start - anchor.start, end - anchor.start);
}

/** A plain copy of a span (for values that must not move). */
export function plainSpan(s: Span): Span {
  return { start: s.start, end: s.end };
}

/** The anchor `s` moves with: an AnchoredSpan's, or a syntax node's that is its own span (the DBML tree's). */
export function anchorOf(s: Span): Anchor | undefined {
  return (s as Partial<{ anchor: Anchor }>).anchor;
}

/** The span from the start of `a` to the end of `b`, moving with `a`'s block when `a` is anchored. */
export function spanBetween(a: Span, b: Span): Span {
  const anchor = anchorOf(a);
  return anchor ? anchored(anchor, a.start, b.end) : { start: a.start, end: b.end };
}

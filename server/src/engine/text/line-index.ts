/**
 * LineIndex: converts between UTF-16 offsets and zero-based line/character
 * positions (the LSP's default encoding). Line breaks are \n, \r\n and \r.
 * Built once per document text in O(n); each lookup is a binary search.
 */
import type { TextChange } from './edit.js';

export interface Position {
  /** zero-based line */
  line: number;
  /** zero-based UTF-16 column */
  character: number;
}

export class LineIndex {
  /** offset of the first character of each line */
  readonly lineStarts: number[];

  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, a new version of this index's text that differs only in
   * `change`: lines before the change are kept, the changed region is rescanned,
   * lines after it are shifted. O(lines) copying, no rescan of the whole text.
   */
  update(text: string, change: TextChange): LineIndex {
    const old = this.lineStarts;
    const delta = change.newEnd - change.oldEnd;
    // keep line starts up to and including the change's start (a start at `start` itself may
    // depend on a \r before it, so back off one character)
    const from = Math.max(0, change.start - 1);
    let k = 0;
    {
      let lo = 0;
      let hi = old.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (old[mid] <= from) {
          k = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
    }
    const starts = old.slice(0, k + 1);
    // rescan from that line's start through the changed region (and one character more for \r\n)
    const scanEnd = Math.min(text.length, change.newEnd + 1);
    for (let i = starts[k]; i < scanEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) starts.push(i + 1);
    }
    // old starts after the rescanned region, shifted
    const resumeAt = (starts.length ? starts[starts.length - 1] : 0) - delta;
    for (let j = 0; j < old.length; j++) {
      if (old[j] > resumeAt && old[j] > change.oldEnd) starts.push(old[j] + delta);
    }
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo] };
  }

  /**
   * True when `position(offset)` would give `pos`, checked in O(1): lets a
   * caller keep positions converted with an earlier version's index while
   * the lines around them did not move (a keystroke elsewhere in the file).
   */
  stillAt(offset: number, pos: Position): boolean {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    const line = pos.line;
    if (line < 0 || line >= starts.length || starts[line] !== o - pos.character) return false;
    return line + 1 >= starts.length || starts[line + 1] > o;
  }

  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }

  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

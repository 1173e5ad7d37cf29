/**
 * The assistant's log: what happened (provider, model, timings, token
 * counts, error kinds) always; prompts and answers only when
 * `schemasage.ai.debugLog` is on; API keys never (redacted even from debug
 * text and error messages). No vscode import: the sink is any line writer.
 */
export interface LineSink {
  info(line: string): void;
}

const KEY_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(api[-_]?key|authorization|x-api-key)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
];

/** Text with anything that looks like a credential replaced by `***`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  out = out.replace(KEY_PATTERNS[0], 'sk-***');
  out = out.replace(KEY_PATTERNS[1], '$1 ***');
  out = out.replace(KEY_PATTERNS[2], '$1$2***');
  return out;
}

export class AiLog {
  constructor(
    private readonly sink: LineSink,
    /** read on every call, so toggling the setting takes effect at once */
    private readonly debugEnabled: () => boolean,
    /** known secrets (the stored keys) to strip wherever they appear */
    private readonly secrets: () => readonly string[] = () => [],
  ) {}

  /** `text` without the known secrets or anything that looks like a key (for messages shown or stored). */
  scrub(text: string): string {
    return redact(text, this.secrets());
  }

  /** An event without content (never pass a prompt or an answer here). */
  info(line: string): void {
    this.sink.info(redact(`[ai] ${line}`, this.secrets()));
  }

  /** Content (prompts, answers): written only when the debug setting is on, and redacted. */
  debug(label: string, content: () => string): void {
    if (!this.debugEnabled()) return;
    this.sink.info(redact(`[ai debug] ${label}:\n${content()}`, this.secrets()));
  }
}

/**
 * The stdio transport of the language server, with a JSON encoder that
 * serialises each diagnostic once. A keystroke republishes the whole file's
 * diagnostics (LSP has no partial update), and on a large schema with lint
 * findings on every table that is tens of thousands of objects whose JSON
 * barely changes: `ServerState.toLsp` hands back the same object for a
 * diagnostic whose range still holds, and this encoder keeps each object's
 * JSON text, so a publish costs a join instead of a `JSON.stringify` of
 * megabytes. Every other message is encoded as vscode-jsonrpc does.
 */
import { StreamMessageReader, StreamMessageWriter, type ContentTypeEncoder, type Message, type MessageReader, type MessageWriter } from './lsp.js';

const PUBLISH = 'textDocument/publishDiagnostics';

/** Each diagnostic object's JSON, for as long as the object lives (they are never mutated once published). */
const jsonOf = new WeakMap<object, string>();

function diagnosticJson(d: object): string {
  let s = jsonOf.get(d);
  if (s === undefined) jsonOf.set(d, (s = JSON.stringify(d)));
  return s;
}

/** The message as JSON text; publishDiagnostics from cached per-diagnostic JSON, byte-for-byte what JSON.stringify gives. */
export function encodeMessage(msg: Message): string {
  const m = msg as { jsonrpc?: unknown; method?: unknown; params?: unknown; id?: unknown };
  const params = m.params as { diagnostics?: unknown } | undefined;
  if (m.method !== PUBLISH || m.id !== undefined || !params || typeof params !== 'object' || !Array.isArray(params.diagnostics)) return JSON.stringify(msg);
  const keys = Object.keys(m);
  if (keys.length !== 3 || keys[0] !== 'jsonrpc' || keys[1] !== 'method' || keys[2] !== 'params') return JSON.stringify(msg);
  const list = params.diagnostics as unknown[];
  const parts: string[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    parts[i] = d !== null && typeof d === 'object' && !Array.isArray(d) ? diagnosticJson(d) : JSON.stringify(d);
  }
  // the params' other members (uri, version) in their own order, diagnostics where it stood
  const head: string[] = [];
  let tail = '';
  let seen = false;
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (k === 'diagnostics') {
      seen = true;
      continue;
    }
    (seen ? (tail += `,${JSON.stringify(k)}:${JSON.stringify(v)}`) : head.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`));
  }
  head.push(`"diagnostics":[${parts.join(',')}]`);
  return `{"jsonrpc":${JSON.stringify(m.jsonrpc)},"method":"${PUBLISH}","params":{${head.join(',')}${tail}}}`;
}

const encoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (msg, options) => Promise.resolve(Buffer.from(encodeMessage(msg), options.charset)),
};

/** Reader and writer over the process's stdin and stdout. */
export function stdioTransport(): [MessageReader, MessageWriter] {
  return [new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: encoder })];
}

/**
 * The one HTML page every SchemaSage webview panel serves: a strict
 * Content-Security-Policy (nothing by default; scripts and styles only with
 * the page's nonce or from the extension), and the panel's bundle from
 * `dist/webviews/<bundle>.js`. Panels add only what they need to the policy.
 * When VS Code runs in another language, the page also carries the
 * extension's translations as a JSON block that `webviews/shared/l10n.ts`
 * reads (not a script: the CSP does not apply to it, nothing runs from it).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { l10nBlock } from './l10n-block.js';

/** A fresh nonce for a webview's Content-Security-Policy (one per rendered page), from the OS's random source. */
export function nonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, (c) => (c === '+' ? 'A' : c === '/' ? 'B' : ''));
}

/** HTML attribute escaping for the few values the page itself writes. */
function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface PageOptions {
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
  /** the bundle's name: `dist/webviews/<bundle>.js` */
  bundle: string;
  title: string;
  /** `img-src` sources beyond the webview's own (default `data:`); `'none'` for none at all */
  images?: string;
  /** more directives, e.g. `worker-src blob:` */
  extraCsp?: string[];
  /** attributes of `<body>` (values escaped) */
  bodyData?: Record<string, string>;
}

export function webviewPage(o: PageOptions): string {
  const n = nonce();
  const script = o.webview.asWebviewUri(vscode.Uri.joinPath(o.extensionUri, 'dist', 'webviews', `${o.bundle}.js`));
  const csp = [
    "default-src 'none'",
    o.images === "'none'" ? "img-src 'none'" : `img-src ${o.webview.cspSource} ${o.images ?? 'data:'}`,
    `style-src ${o.webview.cspSource} 'nonce-${n}'`,
    `script-src 'nonce-${n}'`,
    `font-src ${o.webview.cspSource}`,
    ...(o.extraCsp ?? []),
  ].join('; ');
  const strings = l10nBlock(vscode.l10n.bundle);
  const lang = strings ? attr(vscode.env.language) : 'en';
  const l10nScript = strings ? `<script type="application/json" id="l10n" nonce="${n}">${strings}</script>\n` : '';
  const body = Object.entries(o.bodyData ?? {})
    .map(([k, v]) => ` data-${k}="${attr(v)}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${attr(o.title)}</title>
</head>
<body${body}>
${l10nScript}<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}

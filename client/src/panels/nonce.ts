/** A fresh nonce for a webview's Content-Security-Policy (one per rendered page), from the OS's random source. */
import { randomBytes } from 'node:crypto';

export function nonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, (c) => (c === '+' ? 'A' : c === '/' ? 'B' : ''));
}

/**
 * Whether a file's text is really binary content (a SQLite database named
 * `.sqlite`, a dump in a binary format): a NUL character in its first 8,000
 * characters, as git decides it. Such files are not schema text.
 */
export function looksBinary(text: string): boolean {
  const end = Math.min(text.length, 8000);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 0) return true;
  return false;
}

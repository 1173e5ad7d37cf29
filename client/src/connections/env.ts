/**
 * Reading `.env` files for a database URL to offer when adding a connection.
 * Pure (no vscode): the caller reads the files. Understands `KEY=value`,
 * `export KEY=value`, single and double quotes, and `#` comments.
 */

/** The variables of one `.env` text, in order; later definitions win. */
export function parseDotEnv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    const q = value[0];
    if ((q === '"' || q === "'") && value.lastIndexOf(q) > 0) {
      value = value.slice(1, value.lastIndexOf(q));
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      const hash = value.search(/\s#/);
      if (hash >= 0) value = value.slice(0, hash);
      value = value.trim();
    }
    vars.set(m[1]!, value);
  }
  return vars;
}

/** Variables that hold a postgres:// or mysql:// URL, DATABASE_URL first. */
export function databaseUrls(vars: Map<string, string>): { name: string; url: string }[] {
  const out: { name: string; url: string }[] = [];
  for (const [name, url] of vars) {
    if (/^(postgres(ql)?|mysql|mariadb):\/\//i.test(url)) out.push({ name, url });
  }
  return out.sort((a, b) => Number(b.name === 'DATABASE_URL') - Number(a.name === 'DATABASE_URL'));
}

/** A URL with its password replaced, for showing in pickers and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

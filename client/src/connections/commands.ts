/**
 * The Connections view's commands: add (from a `.env` DATABASE_URL, a URL,
 * field by field, a SQLite file, or an Embedded PostgreSQL made from a
 * workspace schema file), edit, remove, test, refresh, and recreate an
 * embedded database. Passwords are asked with a
 * password box and go straight to SecretStorage; messages never show them.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DbImportRequest, DbIntrospectRequest, type DbImportResult, type DbIntrospectResult } from '../protocol.js';
import { databaseUrls, parseDotEnv, redactUrl } from './env.js';
import { describeProfile, isEmbedded, profileFromUrl, type ConnectionProfile, type ConnectionStore, type EmbeddedProfile, type TlsMode } from './profiles.js';
import type { ConnectionNode, ConnectionsTreeProvider } from './tree.js';

/** DATABASE_URL-like variables in the workspace's `.env` files. */
async function envUrls(): Promise<{ name: string; url: string; file: string }[]> {
  const files = await vscode.workspace.findFiles('{.env,.env.*,**/.env,**/.env.*}', '**/node_modules/**', 20);
  const out: { name: string; url: string; file: string }[] = [];
  for (const file of files) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      for (const u of databaseUrls(parseDotEnv(text))) out.push({ ...u, file: vscode.workspace.asRelativePath(file) });
    } catch {
      // unreadable: skip
    }
  }
  return out;
}

function uniqueName(store: ConnectionStore, base: string): string {
  const taken = new Set(store.list().map((p) => p.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} (${i})`)) return `${base} (${i})`;
}

async function askFields(dialect: 'postgres' | 'mysql', current?: ConnectionProfile): Promise<{ profile: Omit<ConnectionProfile, 'name'>; password?: string } | undefined> {
  const host = await vscode.window.showInputBox({ title: vscode.l10n.t('Host'), value: current?.host ?? 'localhost', ignoreFocusOut: true });
  if (host === undefined) return undefined;
  const defaultPort = dialect === 'postgres' ? 5432 : 3306;
  const portText = await vscode.window.showInputBox({
    title: vscode.l10n.t('Port'),
    value: String(current?.port ?? defaultPort),
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d{1,5}$/.test(v.trim()) && Number(v) > 0 && Number(v) < 65536 ? undefined : vscode.l10n.t('A port number (1-65535)')),
  });
  if (portText === undefined) return undefined;
  const database = await vscode.window.showInputBox({ title: vscode.l10n.t('Database'), value: current?.database ?? (dialect === 'postgres' ? 'postgres' : ''), ignoreFocusOut: true });
  if (database === undefined) return undefined;
  const user = await vscode.window.showInputBox({ title: vscode.l10n.t('User'), value: current?.user ?? (dialect === 'postgres' ? 'postgres' : 'root'), ignoreFocusOut: true });
  if (user === undefined) return undefined;
  const password = await vscode.window.showInputBox({ title: vscode.l10n.t('Password'), prompt: current ? vscode.l10n.t('Leave empty to keep the saved password') : vscode.l10n.t("Kept in VS Code's secret storage, never in settings"), password: true, ignoreFocusOut: true });
  if (password === undefined) return undefined;
  const tlsPick = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('No TLS'), mode: 'off' as TlsMode },
      { label: vscode.l10n.t('TLS, verify the server certificate'), mode: 'verify' as TlsMode },
      { label: vscode.l10n.t('TLS, do not verify the certificate'), mode: 'require' as TlsMode },
    ],
    { title: vscode.l10n.t('Encryption'), ignoreFocusOut: true },
  );
  if (!tlsPick) return undefined;
  return {
    profile: { dialect, host: host.trim(), port: Number(portText), database: database.trim(), user: user.trim(), tls: tlsPick.mode },
    ...(password || !current ? { password } : {}),
  };
}

/**
 * An embedded PostgreSQL (PGlite): empty or from a workspace PostgreSQL
 * schema file, in memory or saved in the extension's storage. The schema
 * file also becomes the connection's drift file.
 */
async function askEmbedded(current?: EmbeddedProfile): Promise<EmbeddedProfile | undefined> {
  type Source = vscode.QuickPickItem & { file?: string };
  const files = await vscode.workspace.findFiles('**/*.sql', '**/node_modules/**', 500);
  const sources: Source[] = [
    { label: `$(circle-slash) ${vscode.l10n.t('Empty database')}`, description: vscode.l10n.t('create the tables yourself, or apply migrations') },
    ...files
      .map((f) => vscode.workspace.asRelativePath(f, false))
      .sort()
      .map((file): Source => ({ label: `$(file-code) ${file}`, description: file === current?.schemaFile ? vscode.l10n.t('current') : '', file })),
  ];
  const source = await vscode.window.showQuickPick(sources, {
    title: vscode.l10n.t('Create the embedded database from'),
    placeHolder: vscode.l10n.t('A PostgreSQL schema file: PostgreSQL itself checks it, statement by statement'),
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  if (!source) return undefined;
  const storage = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('In memory'), description: vscode.l10n.t('made again from the file in each session'), storage: 'memory' as const },
      { label: vscode.l10n.t("Saved in VS Code's storage"), description: vscode.l10n.t('kept between sessions, with its data'), storage: 'disk' as const },
    ],
    { title: vscode.l10n.t('Where does the embedded database live?'), ignoreFocusOut: true },
  );
  if (!storage) return undefined;
  return { storage: storage.storage, ...(source.file ? { schemaFile: source.file } : {}) };
}

async function askProfile(store: ConnectionStore): Promise<{ profile: ConnectionProfile; password?: string } | undefined> {
  type Pick = vscode.QuickPickItem & { run: () => Promise<{ profile: ConnectionProfile; password?: string } | undefined> };
  const picks: Pick[] = [];
  for (const env of await envUrls()) {
    picks.push({
      label: `$(file) ${vscode.l10n.t('{0} from {1}', env.name, env.file)}`,
      description: redactUrl(env.url),
      run: async () => profileFromUrl(uniqueName(store, env.name === 'DATABASE_URL' ? 'DATABASE_URL' : env.name), env.url),
    });
  }
  const fields = (dialect: 'postgres' | 'mysql') => async () => {
    const f = await askFields(dialect);
    if (!f) return undefined;
    const name = await vscode.window.showInputBox({ title: vscode.l10n.t('Connection name'), value: uniqueName(store, `${f.profile.database || dialect}@${f.profile.host}`), ignoreFocusOut: true });
    return name ? { profile: { name, ...f.profile }, ...(f.password ? { password: f.password } : {}) } : undefined;
  };
  picks.push(
    { label: '$(database) PostgreSQL', description: vscode.l10n.t('host, port, database, user'), run: fields('postgres') },
    { label: '$(database) MySQL / MariaDB', description: vscode.l10n.t('host, port, database, user'), run: fields('mysql') },
    {
      label: `$(server-process) ${vscode.l10n.t('Embedded PostgreSQL (PGlite)')}`,
      description: vscode.l10n.t('no server needed: PostgreSQL inside VS Code'),
      run: async () => {
        const embedded = await askEmbedded();
        if (!embedded) return undefined;
        const base = embedded.schemaFile ? `${embedded.schemaFile.replace(/^.*[/\\]/, '').replace(/\.sql$/i, '')} (PGlite)` : 'PGlite';
        const name = await vscode.window.showInputBox({ title: vscode.l10n.t('Connection name'), value: uniqueName(store, base), ignoreFocusOut: true });
        if (!name) return undefined;
        return { profile: { name, dialect: 'postgres', embedded, ...(embedded.schemaFile ? { schemaFiles: [embedded.schemaFile] } : {}) } };
      },
    },
    {
      label: `$(file-binary) ${vscode.l10n.t('SQLite file')}`,
      description: vscode.l10n.t('a .sqlite / .db file'),
      run: async () => {
        const files = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: vscode.l10n.t('Use this database'), filters: { [vscode.l10n.t('SQLite databases')]: ['sqlite', 'sqlite3', 'db', 'db3'], [vscode.l10n.t('All files')]: ['*'] } });
        if (!files?.[0]) return undefined;
        const rel = vscode.workspace.asRelativePath(files[0], false);
        return { profile: { name: uniqueName(store, rel.replace(/^.*[/\\]/, '')), dialect: 'sqlite', file: rel } };
      },
    },
    {
      label: `$(link) ${vscode.l10n.t('Connection URL')}`,
      description: vscode.l10n.t('{0} or {1}', 'postgres://…', 'mysql://…'),
      run: async () => {
        const url = await vscode.window.showInputBox({
          title: vscode.l10n.t('Connection URL'),
          placeHolder: 'postgres://user:password@host:5432/db?sslmode=require',
          ignoreFocusOut: true,
          password: false,
          validateInput: (v) => (profileFromUrl('x', v.trim()) ? undefined : vscode.l10n.t('A postgres://, postgresql://, mysql:// or mariadb:// URL')),
        });
        if (!url) return undefined;
        const parsed = profileFromUrl('x', url.trim())!;
        const name = await vscode.window.showInputBox({ title: vscode.l10n.t('Connection name'), value: uniqueName(store, `${parsed.profile.database ?? parsed.profile.dialect}@${parsed.profile.host ?? 'localhost'}`), ignoreFocusOut: true });
        return name ? { ...parsed, profile: { ...parsed.profile, name } } : undefined;
      },
    },
  );
  const pick = await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Add a database connection'), placeHolder: vscode.l10n.t('Where is the database?'), ignoreFocusOut: true });
  return pick?.run();
}

async function testProfile(client: LanguageClient, store: ConnectionStore, profile: ConnectionProfile): Promise<DbIntrospectResult> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing {0}…', profile.name) }, async () =>
    client.sendRequest<DbIntrospectResult>(DbIntrospectRequest, { id: profile.name, connection: await store.params(profile), test: true }),
  );
}

function report(profile: ConnectionProfile, r: DbIntrospectResult): void {
  if (r.ok) void vscode.window.showInformationMessage(vscode.l10n.t('SchemaSage: connected to {0} ({1}) in {2} ms.', profile.name, r.serverVersion ?? describeProfile(profile), r.ms));
  else void vscode.window.showErrorMessage(vscode.l10n.t('SchemaSage: could not connect to {0}: {1}', profile.name, r.error ?? ''));
}

function profileOf(store: ConnectionStore, arg: unknown): ConnectionProfile | undefined {
  const node = arg as ConnectionNode | undefined;
  if (node && node.kind === 'connection') return store.get(node.profile.name) ?? node.profile;
  return undefined;
}

async function pickProfile(store: ConnectionStore, arg: unknown, title: string, only: (p: ConnectionProfile) => boolean = () => true): Promise<ConnectionProfile | undefined> {
  const given = profileOf(store, arg);
  if (given) return given;
  const list = store.list().filter(only);
  if (!list.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('SchemaSage: no saved connections. Add one first.'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(list.map((p) => ({ label: p.name, description: describeProfile(p), profile: p })), { title });
  return pick?.profile;
}

export function registerConnectionCommands(context: vscode.ExtensionContext, client: LanguageClient, tree: ConnectionsTreeProvider): void {
  const store = tree.store;
  context.subscriptions.push(
    vscode.commands.registerCommand('schemasage.addConnection', async () => {
      const got = await askProfile(store);
      if (!got) return;
      await store.save(got.profile, got.password);
      tree.refresh();
      report(got.profile, await testProfile(client, store, got.profile));
    }),
    vscode.commands.registerCommand('schemasage.editConnection', async (arg?: unknown) => {
      const profile = await pickProfile(store, arg, vscode.l10n.t('Edit which connection?'));
      if (!profile) return;
      let next: { profile: ConnectionProfile; password?: string } | undefined;
      if (profile.dialect === 'sqlite') {
        const file = await vscode.window.showInputBox({ title: vscode.l10n.t('SQLite file'), value: profile.file ?? '', ignoreFocusOut: true });
        if (file === undefined) return;
        next = { profile: { ...profile, file } };
      } else if (isEmbedded(profile)) {
        const embedded = await askEmbedded(profile.embedded);
        if (!embedded) return;
        const schemaFiles = embedded.schemaFile && (!profile.schemaFiles?.length || profile.schemaFiles.includes(profile.embedded.schemaFile ?? '')) ? [embedded.schemaFile] : profile.schemaFiles;
        next = { profile: { ...profile, embedded, ...(schemaFiles ? { schemaFiles } : {}) } };
      } else {
        const f = await askFields(profile.dialect, profile);
        if (!f) return;
        next = { profile: { ...profile, ...f.profile }, ...(f.password ? { password: f.password } : {}) };
      }
      const name = await vscode.window.showInputBox({ title: vscode.l10n.t('Connection name'), value: profile.name, ignoreFocusOut: true });
      if (!name) return;
      await store.save({ ...next.profile, name }, next.password, profile.name);
      tree.refresh();
    }),
    vscode.commands.registerCommand('schemasage.removeConnection', async (arg?: unknown) => {
      const profile = await pickProfile(store, arg, vscode.l10n.t('Remove which connection?'));
      if (!profile) return;
      const remove = vscode.l10n.t('Remove');
      const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Remove the connection "{0}" and its saved password? The database itself is not touched.', profile.name), { modal: true }, remove);
      if (ok !== remove) return;
      const dataDir = store.embeddedDataDir(profile);
      await store.remove(profile.name);
      // a saved embedded database goes with its connection (one left half-written is made again on next use)
      if (dataDir) await vscode.workspace.fs.delete(dataDir, { recursive: true, useTrash: false }).then(undefined, () => undefined);
      tree.refresh();
    }),
    vscode.commands.registerCommand('schemasage.recreateEmbedded', async (arg?: unknown) => {
      const profile = await pickProfile(store, arg, vscode.l10n.t('Recreate which embedded database?'), isEmbedded);
      if (!profile) return;
      if (!isEmbedded(profile)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('SchemaSage: {0} is not an embedded database; only those can be recreated.', profile.name));
        return;
      }
      const recreate = vscode.l10n.t('Recreate');
      const question = profile.embedded.schemaFile
        ? vscode.l10n.t('Recreate the embedded database "{0}" from {1}? Its data and applied migrations are lost.', profile.name, profile.embedded.schemaFile)
        : vscode.l10n.t('Recreate the embedded database "{0}" empty? Its data and applied migrations are lost.', profile.name);
      const ok = await vscode.window.showWarningMessage(question, { modal: true }, recreate);
      if (ok !== recreate) return;
      tree.refresh(profile.name);
      const state = await tree.load(profile, { recreate: true });
      if (state.status === 'error') void vscode.window.showErrorMessage(vscode.l10n.t('SchemaSage: could not create {0}: {1}', profile.name, state.error ?? ''));
    }),
    vscode.commands.registerCommand('schemasage.testConnection', async (arg?: unknown) => {
      const profile = await pickProfile(store, arg, vscode.l10n.t('Test which connection?'));
      if (profile) report(profile, await testProfile(client, store, profile));
    }),
    vscode.commands.registerCommand('schemasage.refreshConnection', (arg?: unknown) => tree.refresh(profileOf(store, arg)?.name)),
    vscode.commands.registerCommand('schemasage.importSchema', async (arg?: unknown) => {
      const profile = await pickProfile(store, arg, vscode.l10n.t('Import the schema of which connection?'));
      if (!profile) return;
      const sqlLabel = profile.dialect === 'postgres' ? 'PostgreSQL' : profile.dialect === 'mysql' ? 'MySQL' : 'SQLite';
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'DBML', format: 'dbml' as const, language: 'dbml' },
          { label: `SQL (${sqlLabel})`, format: 'sql' as const, language: 'sql' },
          { label: vscode.l10n.t('Prisma schema'), format: 'prisma' as const, language: 'prisma' },
        ],
        { title: vscode.l10n.t('Import the schema of {0} as', profile.name) },
      );
      if (!pick) return;
      const state = await tree.load(profile);
      if (state.status !== 'ok') {
        void vscode.window.showErrorMessage(vscode.l10n.t('SchemaSage: could not read {0}: {1}', profile.name, state.error ?? vscode.l10n.t('failed')));
        return;
      }
      const r = await client.sendRequest<DbImportResult>(DbImportRequest, { id: profile.name, format: pick.format });
      if (!r.ok) {
        void vscode.window.showErrorMessage(vscode.l10n.t('SchemaSage: could not import {0}: {1}', profile.name, r.error ?? ''));
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: pick.language, content: r.text });
      await vscode.window.showTextDocument(doc);
    }),
  );
}

/**
 * The assistant's settings (`schemasage.ai.*`) and API keys. Keys live only
 * in SecretStorage, one per endpoint (OpenAI, or the configured base URL),
 * set by the `schemasage.ai.setApiKey` command; they are never written to
 * settings, logs or messages.
 */
import * as vscode from 'vscode';

export type ProviderKind = 'openai' | 'vscode-lm';

export interface AiSettings {
  provider: ProviderKind;
  /** OpenAI-compatible base URL; empty: OpenAI */
  baseUrl: string;
  model: string;
  /** providers to try, in order, when the chosen one fails before answering */
  fallback: ProviderKind[];
  /** VS Code Language Model API: preferred model family (e.g. `gpt-4o`); empty: the first offered */
  vscodeModelFamily: string;
  timeoutSeconds: number;
  maxRetries: number;
  /** token budget of the schema part of a prompt */
  maxSchemaTokens: number;
  sendSampleData: boolean;
  debugLog: boolean;
}

const KINDS = new Set<ProviderKind>(['openai', 'vscode-lm']);

function kind(v: unknown, fallback: ProviderKind): ProviderKind {
  return typeof v === 'string' && KINDS.has(v as ProviderKind) ? (v as ProviderKind) : fallback;
}

export function readSettings(): AiSettings {
  const c = vscode.workspace.getConfiguration('schemasage.ai');
  const fallback = c.get<unknown[]>('fallback', []);
  return {
    provider: kind(c.get('provider'), 'openai'),
    baseUrl: (c.get<string>('baseUrl') ?? '').trim(),
    model: (c.get<string>('model') ?? '').trim() || 'gpt-4.1-mini',
    fallback: Array.isArray(fallback) ? fallback.filter((f): f is ProviderKind => typeof f === 'string' && KINDS.has(f as ProviderKind)) : [],
    vscodeModelFamily: (c.get<string>('vscodeModelFamily') ?? '').trim(),
    timeoutSeconds: Math.max(5, c.get<number>('timeoutSeconds', 60)),
    maxRetries: Math.max(0, Math.min(5, c.get<number>('maxRetries', 2))),
    maxSchemaTokens: Math.max(500, c.get<number>('maxSchemaTokens', 6000)),
    sendSampleData: c.get<boolean>('sendSampleData', false),
    debugLog: c.get<boolean>('debugLog', false),
  };
}

/** The SecretStorage key of an endpoint's API key. */
export function secretKey(baseUrl: string): string {
  return `schemasage.ai.apiKey:${baseUrl || 'https://api.openai.com/v1'}`;
}

export function getApiKey(secrets: vscode.SecretStorage, baseUrl: string): Thenable<string | undefined> {
  return secrets.get(secretKey(baseUrl));
}

/** `schemasage.ai.setApiKey`: asks for the key of the configured endpoint; an empty answer removes it. */
export async function setApiKeyCommand(secrets: vscode.SecretStorage): Promise<void> {
  const { baseUrl } = readSettings();
  const endpoint = baseUrl || 'OpenAI';
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('SchemaSage: API key for {0}', endpoint),
    prompt: vscode.l10n.t('Stored in VS Code\u2019s secret storage, never in settings. Leave empty to remove the stored key.'),
    password: true,
    ignoreFocusOut: true,
  });
  if (value === undefined) return;
  if (value.trim() === '') {
    await secrets.delete(secretKey(baseUrl));
    void vscode.window.showInformationMessage(vscode.l10n.t('SchemaSage: removed the API key for {0}.', endpoint));
  } else {
    await secrets.store(secretKey(baseUrl), value.trim());
    void vscode.window.showInformationMessage(vscode.l10n.t('SchemaSage: stored the API key for {0}.', endpoint));
  }
}

/**
 * The webview side of VS Code's webview API, typed once for every panel:
 * `acquireVsCodeApi` is injected by VS Code (or by a test harness) and may be
 * called only once per page.
 */
export interface VsCodeApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare global {
  function acquireVsCodeApi<Out = unknown, State = unknown>(): VsCodeApi<Out, State>;
}

let api: VsCodeApi<unknown, unknown> | undefined;

/** The page's one VS Code API handle. */
export function vscodeApi<Out, State>(): VsCodeApi<Out, State> {
  api ??= acquireVsCodeApi<unknown, unknown>();
  return api as VsCodeApi<Out, State>;
}

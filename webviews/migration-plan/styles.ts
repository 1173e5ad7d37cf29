/**
 * The plan view's stylesheet: VS Code theme variables only (light, dark,
 * high contrast), adopted as a constructed sheet so no `<style>` element
 * needs a nonce. Hazard severities map to the editor's error, warning and
 * info colours.
 */
export const CSS = `
:root { color-scheme: light dark; }
body { margin: 0; padding: 12px 16px 32px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); }
h1 { font-size: 1.3em; font-weight: 600; margin: 0 0 2px; }
h2 { font-size: 1.05em; font-weight: 600; margin: 16px 0 6px; }
h3 { font-size: 0.95em; font-weight: 600; margin: 14px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: var(--vscode-descriptionForeground); }
.sub { color: var(--vscode-descriptionForeground); margin-bottom: 8px; }
.toolbar { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 10px 0; }
.summary { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; }
.count { display: inline-flex; gap: 4px; align-items: center; }
.phase-note { color: var(--vscode-descriptionForeground); font-size: .92em; margin: 0 0 6px; }
.stmt { border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border, #8884)); border-left-width: 3px; border-radius: 3px;
  margin: 6px 0; padding: 6px 8px; background: var(--vscode-editorWidget-background, transparent); }
.stmt.sev-error { border-left-color: var(--vscode-editorError-foreground, #e51400); }
.stmt.sev-warning { border-left-color: var(--vscode-editorWarning-foreground, #bf8803); }
.stmt.sev-info { border-left-color: var(--vscode-editorInfo-foreground, #1a85ff); }
.stmt .desc { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.stmt pre { margin: 6px 0 2px; padding: 6px 8px; white-space: pre-wrap; word-break: break-word; overflow-x: auto;
  font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 12px);
  background: var(--vscode-textCodeBlock-background, #8881); border-radius: 3px; }
.tag { font-size: .8em; padding: 0 6px; border-radius: 8px; border: 1px solid currentColor; white-space: nowrap; }
.tag.notx { color: var(--vscode-editorInfo-foreground, #1a85ff); }
.tag.irrev, .tag.loss { color: var(--vscode-editorError-foreground, #e51400); font-weight: 600; }
.tag.manual { color: var(--vscode-editorWarning-foreground, #bf8803); }
.hazard { margin: 4px 0 0; padding: 3px 6px; border-radius: 3px; }
.hazard .code { font-weight: 700; margin-right: 6px; font-family: var(--vscode-editor-font-family, monospace); }
.hazard .aliases { color: var(--vscode-descriptionForeground); font-size: .9em; margin-left: 6px; }
.hazard.sev-error { background: var(--vscode-inputValidation-errorBackground, #e5140022); border: 1px solid var(--vscode-inputValidation-errorBorder, #e51400); }
.hazard.sev-warning { background: var(--vscode-inputValidation-warningBackground, #bf880322); border: 1px solid var(--vscode-inputValidation-warningBorder, #bf8803); }
.hazard.sev-info { background: var(--vscode-inputValidation-infoBackground, #1a85ff22); border: 1px solid var(--vscode-inputValidation-infoBorder, #1a85ff); }
.renames { border-collapse: collapse; }
.renames td { padding: 3px 10px 3px 0; vertical-align: middle; }
.renames .state-accepted { color: var(--vscode-testing-iconPassed, #388a34); }
.renames .state-rejected { color: var(--vscode-descriptionForeground); text-decoration: line-through; }
.empty { color: var(--vscode-descriptionForeground); font-style: italic; margin: 12px 0; }
.status { margin: 8px 0; min-height: 1.4em; }
.status .ok { color: var(--vscode-testing-iconPassed, #388a34); font-weight: 600; }
.status .err { color: var(--vscode-errorForeground, #e51400); font-weight: 600; white-space: pre-wrap; }
.status .stmt-now { font-family: var(--vscode-editor-font-family, monospace); color: var(--vscode-descriptionForeground); white-space: pre-wrap; word-break: break-word; }
vscode-progress-bar { display: block; margin: 4px 0; }
`;

/** The chat page's stylesheet (adopted, so the CSP needs no style nonce); VS Code theme variables only. */
export const PAGE_CSS = `
:root { color-scheme: light dark; }
html, body { height: 100%; margin: 0; }
body {
  display: flex; flex-direction: column;
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size);
  color: var(--vscode-foreground); background: var(--vscode-sideBar-background, var(--vscode-editor-background));
}
#header {
  display: flex; gap: 8px; align-items: center; padding: 6px 12px;
  border-bottom: 1px solid var(--vscode-panel-border, transparent);
  color: var(--vscode-descriptionForeground); font-size: 0.9em;
}
#header .grow { flex: 1; }
#log { flex: 1; overflow-y: auto; padding: 8px 12px 16px; }
#empty { color: var(--vscode-descriptionForeground); padding: 24px 4px; }
.turn { margin-bottom: 18px; }
.question {
  margin: 0 0 8px auto; max-width: 85%; width: fit-content; white-space: pre-wrap; word-break: break-word;
  padding: 6px 10px; border-radius: 6px;
  background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent);
}
.answer { line-height: 1.45; word-break: break-word; }
.answer p { margin: 0.4em 0; }
.answer a { color: var(--vscode-textLink-foreground); }
.answer code { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
.answer :not(pre) > code { background: var(--vscode-textCodeBlock-background); padding: 0 3px; border-radius: 3px; }
.answer table { border-collapse: collapse; }
.answer th, .answer td { border: 1px solid var(--vscode-panel-border, #8884); padding: 2px 6px; }
.code { margin: 8px 0; border: 1px solid var(--vscode-panel-border, #8884); border-radius: 4px; overflow: hidden; }
.code pre { margin: 0; padding: 8px 10px; overflow-x: auto; background: var(--vscode-textCodeBlock-background); }
.code-bar { display: flex; gap: 4px; padding: 3px 6px; justify-content: flex-end; background: var(--vscode-editorWidget-background); }
.code-bar .lang { margin-right: auto; color: var(--vscode-descriptionForeground); font-size: 0.85em; align-self: center; }
.diags { list-style: none; margin: 0; padding: 4px 10px; border-top: 1px solid var(--vscode-panel-border, #8884); font-size: 0.9em; }
.diags li { margin: 2px 0; }
.diags .error { color: var(--vscode-errorForeground); }
.diags .warning { color: var(--vscode-editorWarning-foreground); }
.diags .ok { color: var(--vscode-testing-iconPassed, var(--vscode-descriptionForeground)); }
.notice { margin: 6px 0; padding: 4px 8px; border-left: 3px solid var(--vscode-editorWarning-foreground); color: var(--vscode-descriptionForeground); white-space: pre-wrap; }
.notice.error { border-left-color: var(--vscode-errorForeground); color: var(--vscode-errorForeground); }
.suggestion { margin: 6px 0; padding: 4px 8px; border-left: 3px solid var(--vscode-textLink-foreground); }
.suggestion .evidence { margin: 2px 0 4px 16px; padding: 0; font-size: 0.9em; color: var(--vscode-descriptionForeground); }
.change { margin: 8px 0; padding: 6px 10px; border-left: 3px solid var(--vscode-textLink-foreground); background: var(--vscode-editorWidget-background); }
.change-title { font-weight: 600; }
.change .ops, .change .hazards { margin: 4px 0; padding-left: 18px; }
.change .hazards .error { color: var(--vscode-errorForeground); }
.change .hazards .warning { color: var(--vscode-editorWarning-foreground); }
.change-buttons { display: flex; gap: 6px; margin-top: 4px; }
.change .plan-size { color: var(--vscode-descriptionForeground); }
.change pre { margin: 4px 0; padding: 6px 8px; overflow-x: auto; background: var(--vscode-textCodeBlock-background); font-family: var(--vscode-editor-font-family); }
.run-result { border-top: 1px solid var(--vscode-panel-border, #8884); padding: 4px 10px; font-size: 0.9em; }
.run-status { color: var(--vscode-descriptionForeground); }
.run-status.error { color: var(--vscode-errorForeground); }
.rows { max-height: 280px; overflow: auto; margin-top: 4px; }
.rows table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); }
.rows th, .rows td { border: 1px solid var(--vscode-panel-border, #8884); padding: 1px 6px; text-align: left; white-space: pre; }
.rows td.null { color: var(--vscode-descriptionForeground); font-style: italic; }
.meta { margin-top: 4px; color: var(--vscode-descriptionForeground); font-size: 0.85em; }
.streaming .answer::after { content: '\\25CF'; animation: blink 1s steps(2) infinite; margin-left: 2px; }
@keyframes blink { 50% { opacity: 0; } }
#composer {
  display: flex; gap: 6px; align-items: flex-end; padding: 8px 12px;
  border-top: 1px solid var(--vscode-panel-border, transparent);
}
#composer vscode-textarea { flex: 1; }
#composer .buttons { display: flex; flex-direction: column; gap: 4px; }
`;

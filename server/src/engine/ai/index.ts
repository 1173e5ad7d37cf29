/**
 * The AI assistant's pure parts, listed once: grounding (schema -> prompt
 * text within a budget, untrusted text delimited as data), prompts (system
 * prompt, tools, messages) and answer checking (SQL blocks through the
 * injected query checker, relationship suggestions -> evidence).
 * Never sends, reads or logs anything: the shells in client/src/ai do.
 */
export * from './types.js';
export * from './grounding.js';
export * from './prompts.js';
export * from './answer.js';

import { describe, expect, it } from 'vitest';
import { apiVersionTakesCompletionTokens, modelKind, modelWarning } from '../../../src/azure/models.js';

describe('modelKind', () => {
  it.each([
    ['gpt-4o', 'classic'],
    ['gpt-4o-mini', 'classic'],
    ['gpt-4.1', 'classic'],
    ['GPT-4.1-mini', 'classic'],
    ['gpt-35-turbo', 'classic'],
    ['o1', 'reasoning'],
    ['o3-mini', 'reasoning'],
    ['o4-mini', 'reasoning'],
    ['gpt-5', 'reasoning'],
    ['gpt-5-mini', 'reasoning'],
    ['gpt-5-nano', 'reasoning'],
    ['gpt-5.1', 'reasoning'],
    ['codex-mini', 'reasoning'],
    ['gpt-5-chat', 'unknown'],
    ['Phi-4', 'unknown'],
    ['DeepSeek-R1', 'unknown'],
    [undefined, 'unknown'],
    ['', 'unknown'],
  ])('%s is %s', (model, kind) => {
    expect(modelKind(model)).toBe(kind);
  });
});

describe('apiVersionTakesCompletionTokens', () => {
  it.each([
    ['2024-06-01', false],
    ['2024-08-01-preview', false],
    ['2024-09-01-preview', true],
    ['2024-10-21', true],
    ['2025-04-01-preview', true],
  ])('%s -> %s', (version, ok) => {
    expect(apiVersionTakesCompletionTokens(version)).toBe(ok);
  });
});

describe('modelWarning', () => {
  it.each([
    ['gpt5-mini', 'gpt-5-mini'],
    ['gpt-4o-mni', 'gpt-4o-mini'],
    ['o4mini', 'o4-mini'],
  ])('%s: warns, naming %s', (given, nearest) => {
    expect(modelWarning(given)).toContain(`--model ${given} is not a model this tool knows (did you mean ${nearest}?)`);
  });

  it.each(['gpt-4.1', 'GPT-4o-2024-08-06', 'gpt-5-chat', 'o3-mini'])('%s: no warning', (model) => {
    expect(modelWarning(model)).toBeUndefined();
  });
});

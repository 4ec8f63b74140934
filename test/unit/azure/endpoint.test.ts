import { describe, expect, it } from 'vitest';
import { endpointUrl, flavourNote, parseEndpoint, resourceBase } from '../../../src/azure/endpoint.js';

describe('parseEndpoint', () => {
  it.each([
    ['https://contoso.openai.azure.com', 'https://contoso.openai.azure.com', undefined, 0],
    ['https://contoso.openai.azure.com/', 'https://contoso.openai.azure.com', undefined, 0],
    ['https://Contoso.OpenAI.Azure.com/openai', 'https://contoso.openai.azure.com', undefined, 0],
    ['https://contoso.openai.azure.com/openai/v1/', 'https://contoso.openai.azure.com', undefined, 0],
    ['https://contoso.openai.azure.com/openai/deployments/gpt-4o', 'https://contoso.openai.azure.com', 'gpt-4o', 0],
    [
      'https://contoso.openai.azure.com/openai/deployments/gpt-4.1/chat/completions?api-version=2025-01-01-preview',
      'https://contoso.openai.azure.com',
      'gpt-4.1',
      2,
    ],
    ['https://contoso.openai.azure.com/openai/v1/chat/completions', 'https://contoso.openai.azure.com', undefined, 1],
    ['https://gw.example.com:8443/team-a/openai/deployments/chat', 'https://gw.example.com:8443/team-a', 'chat', 0],
    ['https://gw.example.com/team-a/', 'https://gw.example.com/team-a', undefined, 0],
    ['https://contoso.openai.azure.us', 'https://contoso.openai.azure.us', undefined, 0],
  ])('%s -> base %s, deployment %s', (raw, base, deployment, notes) => {
    const parsed = parseEndpoint(raw);
    expect(parsed).toMatchObject({ base });
    expect(typeof parsed === 'string' ? parsed : parsed.deployment).toBe(deployment);
    expect(typeof parsed === 'string' ? [] : parsed.notes).toHaveLength(notes);
  });

  it.each([
    ['contoso.openai.azure.com', /full URL/],
    ['http://contoso.openai.azure.com', /https/],
    ['ftp://contoso', /https/],
    ['https://user:pw@contoso.openai.azure.com', /user name or password/],
    ['https://contoso.openai.azure.com/#x', /fragment/],
    ["https://gw.example.com/it's", /single quote/],
    ['https://contoso.openai.azure.com/ x', /spaces or control characters/],
    ['https://contoso.openai.azure.com/\n', /spaces or control characters/],
    ['https://c.openai.azure.com/openai/deployments/bad%20name', /not valid/],
    [`https://c.openai.azure.com/${'x'.repeat(2050)}`, /at most 2048/],
    // An empty authority, or none: URL parsing would take the first path segment for the host.
    ['https:///x', /must have its host right after https:\/\//],
    ['https:///contoso.openai.azure.com/openai/v1/', /must have its host right after https:\/\//],
    ['https:x', /must have its host right after https:\/\//],
    ['https:/x', /must have its host right after https:\/\//],
    ['https:\\\\x', /must have its host right after https:\/\//],
    ['https://\\x', /must have its host right after https:\/\//],
  ])('rejects %j', (raw, rule) => {
    expect(parseEndpoint(raw)).toMatch(rule);
  });

  it('takes the scheme in any case, with the host right after it', () => {
    expect(parseEndpoint('HTTPS://contoso.openai.azure.com/')).toMatchObject({
      base: 'https://contoso.openai.azure.com',
    });
  });

  it('says what it dropped from a pasted Target URI', () => {
    const parsed = parseEndpoint(
      'https://c.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-06-01',
    );
    expect(typeof parsed === 'string' ? [] : parsed.notes).toEqual([
      'dropped the query "?api-version=2024-06-01": the SDK adds api-version itself',
      'dropped the /chat/completions suffix: the SDK adds the operation to every request',
    ]);
  });
});

// Every endpoint form a user may paste, and what each flavour's AZURE_OPENAI_CHAT_ENDPOINT becomes (deployment d).
describe.each([
  ['https://r.openai.azure.com/', 'https://r.openai.azure.com', 0],
  ['https://r.cognitiveservices.azure.com/', 'https://r.cognitiveservices.azure.com', 0],
  ['https://r.services.ai.azure.com/', 'https://r.services.ai.azure.com', 0],
  ['https://r.services.ai.azure.com/models', 'https://r.services.ai.azure.com', 1],
  [
    'https://r.services.ai.azure.com/models/chat/completions?api-version=2024-05-01-preview',
    'https://r.services.ai.azure.com',
    3,
  ],
  ['https://r.services.ai.azure.com/api/projects/p1', 'https://r.services.ai.azure.com', 1],
  ['https://r.openai.azure.com/openai/deployments/d', 'https://r.openai.azure.com', 0],
  ['https://r.openai.azure.com/openai/v1/', 'https://r.openai.azure.com', 0],
  ['https://r.openai.azure.com/openai/v1/chat/completions', 'https://r.openai.azure.com', 1],
  ['https://r.openai.azure.com/openai/responses?api-version=2025-04-01-preview', 'https://r.openai.azure.com', 2],
  [
    'https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2025-01-01-preview',
    'https://r.openai.azure.com',
    2,
  ],
  ['https://r.cognitiveservices.azure.com/openai/deployments/d', 'https://r.cognitiveservices.azure.com', 0],
])('the pasted %s', (raw, base, notes) => {
  it(`has the base ${base}, with ${notes} note(s)`, () => {
    const parsed = parseEndpoint(raw);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed.base).toBe(base);
    expect(parsed.notes).toHaveLength(notes);
    expect(endpointUrl('openai', parsed.base, 'd')).toBe(`${base}/openai/v1/`);
    expect(endpointUrl('azure-inference', parsed.base, 'd')).toBe(`${base}/openai/deployments/d`);
  });
});

describe('refused endpoint paths', () => {
  it.each([
    ['https://r.openai.azure.com/openai/deployments/d/embeddings', /not a chat endpoint/],
    ['https://r.openai.azure.com/openai/deployments', /not a chat endpoint/],
    ['https://r.openai.azure.com/openai/assistants', /neither \/openai\/v1\/ nor/],
    ['https://r.services.ai.azure.com/models/embeddings', /Foundry path/],
    ['https://r.services.ai.azure.com/api/projects/p1/agents', /Foundry path/],
  ])('%s', (raw, rule) => {
    expect(parseEndpoint(raw)).toMatch(rule);
  });
});

describe('flavourNote', () => {
  it('names what the chosen flavour calls instead of the pasted shape', () => {
    const guide = parseEndpoint('https://r.openai.azure.com/openai/deployments/d');
    const v1 = parseEndpoint('https://r.openai.azure.com/openai/v1/');
    if (typeof guide === 'string' || typeof v1 === 'string') throw new Error('parse');
    expect(flavourNote('openai', guide, 'd')).toContain('https://r.openai.azure.com/openai/v1/');
    expect(flavourNote('azure-inference', guide, 'd')).toBeUndefined();
    expect(flavourNote('azure-inference', v1, 'd')).toContain('https://r.openai.azure.com/openai/deployments/d');
    expect(flavourNote('openai', v1, 'd')).toBeUndefined();
  });
});

describe('endpointUrl', () => {
  it('builds the default host from a resource, in lower case', () => {
    expect(resourceBase('Contoso')).toBe('https://contoso.openai.azure.com');
  });
  it('puts the deployment in the path for azure-inference and uses /openai/v1/ for openai', () => {
    const base = 'https://contoso.openai.azure.com';
    expect(endpointUrl('azure-inference', base, 'gpt-4.1')).toBe(
      'https://contoso.openai.azure.com/openai/deployments/gpt-4.1',
    );
    expect(endpointUrl('openai', base, 'gpt-4.1')).toBe('https://contoso.openai.azure.com/openai/v1/');
  });
});

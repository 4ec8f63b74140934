// Credentials in URLs and template sources are replaced by REDACTED wherever they are printed.
import { describe, expect, it } from 'vitest';
import { redactSource, redactUrl, redactUrls } from '../../../src/shared/redact.js';

describe('redactUrl', () => {
  it.each([
    ['https://me:pw@host/x', 'https://REDACTED@host/x'],
    ['https://host/x?a=1&token=t&sig=s', 'https://host/x?a=1&token=REDACTED&sig=REDACTED'],
    ['https://host/x#access_token=t', 'https://host/x#access_token=REDACTED'],
    ['https://host/x', 'https://host/x'],
  ])('%s -> %s', (url, redacted) => {
    expect(redactUrl(url)).toBe(redacted);
  });
});

describe('redactSource: a --template source as it may be shown', () => {
  it.each([
    ['github:o/r#x?token=SECRET', 'github:o/r#x?token=REDACTED'],
    ['github:o/r?private_token=SECRET#main', 'github:o/r?private_token=REDACTED#main'],
    ['gitlab:g/r::sub#main&auth=SECRET', 'gitlab:g/r::sub#main&auth=REDACTED'],
    ['https://me:pw@host/t.tar.gz?key=SECRET', 'https://REDACTED@host/t.tar.gz?key=REDACTED'],
    ['githb:o/r?token=SECRET', 'githb:o/r?token=REDACTED'],
    ['./templates/with-logging', './templates/with-logging'],
    ['github:org/repo/path#v1.2', 'github:org/repo/path#v1.2'],
  ])('%s -> %s', (source, redacted) => {
    expect(redactSource(source)).toBe(redacted);
  });
});

describe('redactUrls: every URL and provider source in a line', () => {
  it('redacts a provider source, keeping the punctuation after it', () => {
    expect(redactUrls('--template github:o/r#x?token=SECRET: write it as github:owner/repo/folder#ref')).toBe(
      '--template github:o/r#x?token=REDACTED: write it as github:owner/repo/folder#ref',
    );
    expect(redactUrls('from "gh:o/r#main?token=SECRET".')).toBe('from "gh:o/r#main?token=REDACTED".');
  });
  it('keeps the colon or full stop that follows a URL', () => {
    expect(redactUrls('Could not download https://h/t.tar.gz?token=SECRET: 404.')).toBe(
      'Could not download https://h/t.tar.gz?token=REDACTED: 404.',
    );
    expect(redactUrls('See https://h/x?sig=SECRET.')).toBe('See https://h/x?sig=REDACTED.');
  });
  it('leaves text without credentials as it is', () => {
    const text = 'a folder, github:org/repo/path#ref, gitlab:..., or an https tarball URL (https://h/t.tar.gz)';
    expect(redactUrls(text)).toBe(text);
  });
});

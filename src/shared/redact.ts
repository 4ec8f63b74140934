// Credentials in URLs: a template URL with ?private_token=..., an endpoint with ?subscription-key=..., a
// https://user:token@host download, a template source such as github:org/repo#ref?token=... Everything printed or
// written that may hold a URL or a template source goes through redactUrls.

export const REDACTED = 'REDACTED';

/** Query parameter names that carry a secret: tokens, keys, signatures (SAS sig, X-Amz-Signature), passwords, codes. */
const SECRET_PARAMETER = /token|key|secret|sig|passw|pwd|auth|credential|session|code|jwt|bearer/i;

/** The URL with its user info and the values of credential-like query parameters replaced by REDACTED. */
export function redactUrl(url: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/s.exec(url);
  if (!match) return url;
  const [, scheme = '', authority = '', path = '', query, fragment = ''] = match;
  const at = authority.lastIndexOf('@');
  const host = at === -1 ? authority : `${REDACTED}@${authority.slice(at + 1)}`;
  return `${scheme}${host}${path}${query === undefined ? '' : redactQuery(query)}${redactQuery(fragment)}`;
}

/** ?a=1&token=x -> ?a=1&token=REDACTED (also for a fragment holding parameters, as OAuth's implicit flow does). */
export function redactQuery(query: string): string {
  return query.replace(/([?#&;])([^=&;#]*)=([^&;#]*)/g, (whole, separator: string, name: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // Not percent-encoding: the name as written.
    }
    return SECRET_PARAMETER.test(decoded) ? `${separator}${name}=${REDACTED}` : whole;
  });
}

/**
 * A --template source as it may be shown: a URL as redactUrl gives it; anything else (github:org/repo#ref, a folder)
 * with the values of credential-like parameters after a ?, #, & or ; replaced, as redactQuery does.
 */
export function redactSource(source: string): string {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(source) ? redactUrl(source) : redactQuery(source);
}

/**
 * Text with every URL in it redacted (scheme://... up to a space, quote or bracket, and before punctuation that ends
 * it), and every template source of a provider (github:, gh:, gitlab:, bitbucket:, sourcehut:) too.
 */
export function redactUrls(text: string): string {
  // A full stop, comma, colon or the like right after one ends the sentence, not the URL: it is kept.
  return text
    .replace(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>`\\]+(?<![.,:;!?)])/g, redactUrl)
    .replace(/\b(?:github|gh|gitlab|bitbucket|sourcehut):[^\s"'<>`\\]+(?<![.,:;!?)])/gi, redactQuery);
}

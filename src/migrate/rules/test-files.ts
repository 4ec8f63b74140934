// Which source files are tests, mocks or test setup: their clients stand in for the real ones, so `migrate` reports
// them and rewrites them only with --include-tests.

/** Folders that hold tests, mocks or fixtures (at any depth). */
const TEST_DIR = /(?:^|\/)(?:__tests__|__mocks__|__fixtures__|tests?|specs?|e2e|mocks?|fixtures|cypress|playwright)\//i;
/** foo.test.ts, foo.spec.js, foo.e2e.ts, foo.mock.ts, foo-mock.ts, mock-openai.ts, jest.setup.js, setupTests.ts. */
const TEST_NAME =
  /[.\-_](?:test|spec|e2e|mock|mocks|stub|fixture)\.[cm]?[jt]sx?$|(?:^|\/)(?:mocks?|stubs?)[.\-_][^/]*$|(?:^|\/)(?:jest|vitest|playwright)\.(?:setup|config)\.[cm]?[jt]s$|(?:^|\/)setup-?tests?\.[cm]?[jt]sx?$/i;

export function isTestFile(path: string): boolean {
  return TEST_DIR.test(path) || TEST_NAME.test(path);
}

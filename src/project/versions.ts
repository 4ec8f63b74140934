// Every version the generated project pins, in one table. Templates and package.json read them from here.
// The set installs and runs on Node 20.19+, 22 and 24 with npm, pnpm, yarn and bun (see test/e2e).

/** Direct dependencies and dev tools of generated projects, pinned exactly. */
export const versions = {
  '@azure-rest/ai-inference': '1.0.0-beta.6',
  '@azure/core-auth': '1.10.1',
  '@azure/core-sse': '2.3.0',
  '@azure/identity': '4.13.1',
  openai: '6.49.0',
  tsx: '4.23.15',
  typescript: '5.9.3',
  '@types/node': '20.19.43',
} as const;

/**
 * Transitive Azure packages held at their last Node 20 releases: newer ones declare `engines: node >= 22`, which
 * yarn 1 refuses on Node 20 and pnpm installs silently. Written as npm/pnpm `overrides` and yarn `resolutions`.
 */
export const transitivePins = {
  '@azure-rest/core-client': '2.7.0',
  '@azure/abort-controller': '2.1.2',
  '@azure/core-auth': '1.10.1',
  '@azure/core-client': '1.10.2',
  '@azure/core-rest-pipeline': '1.24.0',
  '@azure/core-tracing': '1.3.1',
  '@azure/core-util': '1.13.1',
  '@azure/logger': '1.3.0',
  '@typespec/ts-http-runtime': '0.3.6',
} as const;

export type PinnedPackage = keyof typeof versions;

/** The Node versions generated projects support (the same as the CLI): 20.19 and later 20.x, 22.12 and later. */
export const nodeEngines = '^20.19.0 || >=22.12.0';
const nodeFloors = [
  [20, 19],
  [22, 12],
] as const;

/** Whether a Node version (process.versions.node) is in nodeEngines. */
export function supportsNode(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return nodeFloors.some(([floorMajor, floorMinor], i) => {
    const last = i === nodeFloors.length - 1;
    if (last && major > floorMajor) return true;
    return major === floorMajor && minor >= floorMinor;
  });
}

// Every version the generated project pins, in one table: one pin set per Node.js line. Templates and package.json
// read them from here, through the set `pinSetFor` picks for the Node.js the project will run on.

/** The packages a generated project can depend on. */
export type PinnedPackage =
  | '@azure-rest/ai-inference'
  | '@azure/core-auth'
  | '@azure/core-sse'
  | '@azure/identity'
  | 'openai'
  | 'undici'
  | 'tsx'
  | 'typescript'
  | '@types/node';

export interface PinSet {
  readonly name: 'current' | 'node20';
  /** package.json `engines.node`. */
  readonly engines: string;
  /** The oldest Node.js the set runs on, as people say it. */
  readonly minimum: string;
  /** How `npm start` runs a .ts file: Node's own type stripping, or tsx. */
  readonly runner: 'node' | 'tsx';
  /** Exact versions; tsx only where the runner is tsx. */
  readonly packages: Readonly<Partial<Record<PinnedPackage, string>>>;
  /** @types/node by the Node.js major it describes: the project gets the newest one not above its Node. */
  readonly typesNode: Readonly<Record<number, string>>;
  /**
   * Transitive Azure packages held back (npm/pnpm `overrides`, yarn `resolutions`): newer releases need a newer Node
   * than the set supports, which yarn 1 refuses and pnpm installs silently. Empty when nothing needs holding back.
   */
  readonly transitive: Readonly<Record<string, string>>;
}

/**
 * undici, for the openai flavour behind a proxy on a Node.js without its own proxy support at run time (20, 22: see
 * src/proxy.ts in a project). 7.x is the last line for Node 20 (8.x needs 22.19); the same pin in both sets.
 */
const UNDICI = '7.30.3';

/**
 * Current Node.js (22.18 and later, 23.6 and later: the releases that run .ts files natively). Installed with
 * --engine-strict on Node 22, 24 and 26 with every transitive `engines` satisfied, so nothing is overridden.
 * TypeScript 7 (the native compiler): `tsc --noEmit` of a generated project takes about 0.9 s against 6 s with
 * TypeScript 6.0.3 (measured: docs/project.md#pinned-versions-by-nodejs), for 7 MB more in node_modules; the project needs no compiler API, which 7 lacks.
 */
const current: PinSet = {
  name: 'current',
  engines: '^22.18.0 || >=23.6.0',
  minimum: '22.18',
  runner: 'node',
  packages: {
    '@azure-rest/ai-inference': '1.0.0-beta.6',
    '@azure/core-auth': '1.11.0',
    '@azure/core-sse': '2.4.0',
    '@azure/identity': '4.14.1',
    openai: '7.60.0',
    undici: UNDICI,
    typescript: '7.0.2',
  },
  typesNode: { 22: '22.20.7', 24: '24.19.4', 26: '26.6.11' },
  transitive: {},
};

/**
 * Node.js 20.19+ and 22 before 22.18 (no type stripping: tsx runs the .ts files). The last releases that support
 * Node 20: openai 6.x (every 7.x needs Node 22), identity 4.13.1, core-auth 1.10.1, core-sse 2.3.0, with the
 * transitive Azure packages held at their last Node 20 releases.
 */
const node20: PinSet = {
  name: 'node20',
  engines: '^20.19.0 || >=22.12.0',
  minimum: '20.19',
  runner: 'tsx',
  packages: {
    '@azure-rest/ai-inference': '1.0.0-beta.6',
    '@azure/core-auth': '1.10.1',
    '@azure/core-sse': '2.3.0',
    '@azure/identity': '4.13.1',
    openai: '6.49.0',
    undici: UNDICI,
    tsx: '4.23.15',
    // TypeScript 7 runs on Node 20 too (engines >=16.20): `tsc --noEmit` of a Node 20 openai + Entra project took
    // 3.4 s against 18.2 s with 5.9.3 on the same busy machine, both passing; tsx does not use it.
    typescript: '7.0.2',
  },
  typesNode: { 20: '20.19.43' },
  transitive: {
    '@azure-rest/core-client': '2.7.0',
    '@azure/abort-controller': '2.1.2',
    '@azure/core-auth': '1.10.1',
    '@azure/core-client': '1.10.2',
    '@azure/core-rest-pipeline': '1.24.0',
    '@azure/core-tracing': '1.3.1',
    '@azure/core-util': '1.13.1',
    '@azure/logger': '1.3.0',
    '@typespec/ts-http-runtime': '0.3.6',
  },
};

/** Every pin set, newest first. */
export const pinSets = { current, node20 } as const;

/** The Node versions some pin set supports (the Node 20 set's range is the widest): 20.19+ and 22.12+. */
export const nodeEngines = node20.engines;

function parse(version: string): [major: number, minor: number | undefined] {
  const [major = '0', minor] = version.replace(/^v/, '').split('.');
  return [Number(major), minor === undefined ? undefined : Number(minor)];
}

/** Whether a Node version (process.versions.node) can run some generated project: 20.19+, 22.12+. */
export function supportsNode(version: string): boolean {
  const [major, minor = 0] = parse(version);
  return (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;
}

/** Whether the current set runs there. A bare major ("22") means that line's newest release. */
function runsCurrent(node: string): boolean {
  const [major, minor] = parse(node);
  if (major === 22) return minor === undefined || minor >= 18;
  if (major === 23) return minor === undefined || minor >= 6;
  return major >= 24;
}

/**
 * The pin set for the Node.js a project will run on (`--node 24`, or the running Node's full version), and a warning
 * when that is not the current set, naming the pins of the flavour `sdk` (both flavours' when not given).
 */
export function pinSetFor(node: string, sdk?: 'openai' | 'azure-inference'): { set: PinSet; warning?: string } {
  if (runsCurrent(node)) return { set: current };
  const shown = node.includes('.') ? `Node.js ${node}` : `Node.js ${node}.x`;
  const names: PinnedPackage[] =
    sdk === 'azure-inference'
      ? ['@azure/identity', '@azure/core-auth']
      : sdk === 'openai'
        ? ['openai']
        : ['openai', '@azure/identity'];
  const pins = (set: PinSet) => names.map((name) => `${name} ${set.packages[name]}`).join(', ');
  return {
    set: node20,
    warning:
      `${shown} cannot run the current pins (${pins(current)}, ` +
      `.ts files run by Node itself), which need Node.js ${current.minimum} or later (24 recommended): the project gets the older set for ` +
      `Node.js ${node20.minimum}+ (${pins(node20)}, tsx). For the current set, install Node.js 24 and run this again, or pass --node 24.`,
  };
}

/** The @types/node for a Node version under a pin set. */
export function typesNodeFor(set: PinSet, node: string): string {
  const [major] = parse(node);
  const majors = Object.keys(set.typesNode)
    .map(Number)
    .sort((a, b) => a - b);
  const chosen = majors.filter((m) => m <= major).at(-1) ?? majors[0] ?? 0;
  return set.typesNode[chosen] ?? '';
}

/** Every pinned version a project on `node` gets: the set's packages with its @types/node. */
export function versionsFor(node: string): Readonly<Partial<Record<PinnedPackage, string>>> {
  const { set } = pinSetFor(node);
  return { ...set.packages, '@types/node': typesNodeFor(set, node) };
}

/**
 * What the CLI should warn about for this project: the pin set a Node.js other than the current gets, and a --node
 * newer than the Node.js running this (whose `npm start` would fail there).
 */
export function projectWarnings(
  options: { readonly node: string; readonly sdk?: 'openai' | 'azure-inference' },
  running: string = process.versions.node,
): string[] {
  const { warning } = pinSetFor(options.node, options.sdk);
  const messages = warning === undefined ? [] : [warning];
  // The current set on a Node.js without type stripping: `npm start` there fails (ERR_UNKNOWN_FILE_EXTENSION).
  if (runsCurrent(options.node) && !runsCurrent(running)) {
    messages.push(
      `--node ${options.node}: the project is made for Node.js ${options.node}, which runs .ts files itself; the Node.js ${running} running this cannot ` +
        `(its npm start would fail with ERR_UNKNOWN_FILE_EXTENSION). Run the project with Node.js ${current.minimum} or later (24 recommended).`,
    );
  }
  return messages;
}

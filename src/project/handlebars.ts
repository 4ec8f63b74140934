// Our Handlebars: one isolated environment with only our quoting helpers, no HTML escaping, strict lookups. Built-in
// templates arrive precompiled and need only the small runtime; the compiler is loaded only for other templates.
// A template can neither print nor run anything: no `log` helper (refused when compiling, and not registered), and
// Handlebars' own warnings are silenced. Its cost is bounded: the source's size, tags and nesting are checked by a scan
// before it is parsed (template/bounds.ts), and `each` bodies and partials stop after MAX_ITERATIONS runs or
// MAX_OUTPUT characters.
import runtime from 'handlebars/runtime';
import { scanTemplate } from '../template/bounds.js';
import { bashQuote, dotenvQuote, markdownCode, powershellQuote, tsQuote } from './escape.js';
import compileOptions from './handlebars-options.json' with { type: 'json' };

/** A compiled template as Handlebars runs it: `partials` are other templates' raw functions. */
type Raw = (context: object, options?: { partials?: Record<string, Raw> }) => string;

/** A compiled template; `partials` are the templates `{{> name}}` may include, each run within this one's budget. */
export interface Template {
  (context: object, partials?: ReadonlyMap<string, Template>): string;
  readonly raw: Raw;
}
type Environment = Pick<typeof runtime, 'registerHelper' | 'unregisterHelper' | 'helpers' | 'logger'>;
type HelperOptions = { fn: (...args: unknown[]) => string } & Record<string, unknown>;

/** Iterations of `each` and partials included, in one file, nested ones included. */
export const MAX_ITERATIONS = 10_000;
/** Characters produced by `each` bodies and partials in one file, nested ones counted at every level. */
export const MAX_OUTPUT = 8 * 1024 * 1024;

export const helpers = {
  sh: bashQuote,
  ps: powershellQuote,
  ts: tsQuote,
  dotenv: dotenvQuote,
  code: markdownCode,
} as const;

export { compileOptions };

let budget = { iterations: 0, output: 0 };

/** Runs a template with a fresh budget; a partial it includes spends from that budget as an `each` body does. */
function bounded(raw: Raw): Template {
  const run = (context: object, partials?: ReadonlyMap<string, Template>) => {
    budget = { iterations: 0, output: 0 };
    const included: Record<string, Raw> = Object.create(null);
    for (const [name, partial] of partials ?? []) {
      included[name] = (...args) => {
        try {
          return spend(`{{> ${name}}}`, () => partial.raw(...args));
        } catch (error) {
          throw error instanceof PartialError ? error : new PartialError(name, error);
        }
      };
    }
    return raw(context, { partials: included });
  };
  return Object.assign(run, { raw });
}

/** A failure inside a partial, naming it (the innermost one, when partials include partials). */
export class PartialError extends Error {
  readonly partial: string;
  constructor(partial: string, cause: unknown) {
    super(`{{> ${partial}}}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.partial = partial;
  }
}

/** Runs one `each` body or partial, if the budget allows one more, and counts its text. */
function spend(what: string, body: () => string): string {
  if (++budget.iterations > MAX_ITERATIONS) throw new Error(`${what} ran more than ${MAX_ITERATIONS} times`);
  const text = body();
  budget.output += text.length;
  if (budget.output > MAX_OUTPUT) throw new Error(`${what} wrote more than ${MAX_OUTPUT >> 20} MiB`);
  return text;
}

function registerHelpers(environment: Environment): void {
  // Nothing a template says reaches the console: Handlebars logs prototype-access warnings with console.error.
  (environment.logger as { level: number | string }).level = 4;
  environment.unregisterHelper('log');
  const each = environment.helpers.each as (this: unknown, context: unknown, options: HelperOptions) => string;
  environment.registerHelper('each', function (this: unknown, context: unknown, options: HelperOptions) {
    const fn = options.fn;
    return each.call(this, context, {
      ...options,
      fn: (...args: unknown[]) => spend('{{#each}}', () => fn(...args)),
    });
  });
  for (const [name, quote] of Object.entries(helpers)) {
    environment.registerHelper(name, (...args: unknown[]) => {
      // Handlebars passes its options object last; strict mode does not check helper arguments, so check here.
      const values = args.slice(0, -1);
      if (values.length !== 1 || typeof values[0] !== 'string') {
        throw new Error(
          `{{${name}}} takes one string value, got ${values.map((v) => typeof v).join(', ') || 'nothing'}`,
        );
      }
      return quote(values[0]);
    });
  }
}

const runtimeEnvironment = runtime.create();
registerHelpers(runtimeEnvironment);

/** A template compiled at build time. */
export function fromSpecification(specification: Parameters<typeof runtime.template>[0]): Template {
  return bounded(runtimeEnvironment.template(specification) as Raw);
}

let compiler: Promise<(source: string) => Template> | undefined;

/**
 * Compiles a template's source (line endings and a leading BOM already normalised by the caller), after checking its
 * size, tags and nesting on the text.
 */
export async function compile(source: string): Promise<Template> {
  compiler ??= import('../vendor/handlebars.js').then(({ handlebars: Handlebars }) => {
    const environment = Handlebars.create();
    registerHelpers(environment);
    return (text: string) => {
      scanTemplate(text);
      // Compiled from the string, never from a tree (Handlebars' AST-injection advisories).
      return bounded(environment.compile(text, compileOptions) as Raw);
    };
  });
  return (await compiler)(source);
}

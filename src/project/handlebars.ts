// Our Handlebars: one isolated environment with only our quoting helpers, no HTML escaping, strict lookups. Built-in
// templates arrive precompiled and need only the small runtime; the compiler is loaded only for other templates.
import runtime from 'handlebars/runtime';
import { bashQuote, dotenvQuote, markdownCode, powershellQuote, tsQuote } from './escape.js';
import compileOptions from './handlebars-options.json' with { type: 'json' };

export type Template = (context: object) => string;
type Environment = Pick<typeof runtime, 'registerHelper'>;

export const helpers = {
  sh: bashQuote,
  ps: powershellQuote,
  ts: tsQuote,
  dotenv: dotenvQuote,
  code: markdownCode,
} as const;

export { compileOptions };

function registerHelpers(environment: Environment): void {
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
  return runtimeEnvironment.template(specification) as Template;
}

let compiler: Promise<(source: string) => Template> | undefined;

/** Compiles a template's source (line endings and a leading BOM already normalised by the caller). */
export async function compile(source: string): Promise<Template> {
  compiler ??= import('../vendor/handlebars.js').then(({ createEnvironment }) => {
    const environment = createEnvironment();
    registerHelpers(environment);
    return (text: string) => environment.compile(text, compileOptions) as Template;
  });
  return (await compiler)(source);
}

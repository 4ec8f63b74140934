// The custom template's variables: each from --var name=value, a question, or the manifest's default, checked against
// the manifest's rule. Secret values are never shown, not even in an error.
import { show } from '../shared/validate.js';
import { checkVariable } from '../template/manifest.js';
import type { CliArgs, Manifest, Prompter } from '../types.js';
import type { Problems } from './field.js';

/** The custom template's variables: --var name=value, else a question, else the default; checked against each rule. */
export async function resolveVariables(
  args: CliArgs,
  manifest: Manifest | undefined,
  prompter: Prompter | undefined,
  { messages: problems, missing }: Problems,
): Promise<Record<string, string>> {
  const given = new Map<string, string>();
  for (const raw of args.vars) {
    const match = /^([^=]+)=(.*)$/s.exec(raw);
    if (!match?.[1]) {
      problems.push(`--var ${show(raw)}: write it as name=value`);
      continue;
    }
    const [, name, value = ''] = match;
    if (!manifest?.variables.some((variable) => variable.name === name)) {
      const declared = manifest?.variables.map((variable) => variable.name).join(', ');
      problems.push(
        `--var ${name}: ${manifest ? `the template declares no such variable${declared ? ` (it has: ${declared})` : ''}` : 'goes with --template'}`,
      );
      continue;
    }
    // As with any flag given twice, the last value winning silently would hide a mistake.
    if (given.has(name)) problems.push(`--var ${name}: given more than once: give it once`);
    given.set(name, value);
  }
  const vars: Record<string, string> = {};
  for (const variable of manifest?.variables ?? []) {
    const value = given.get(variable.name);
    const broken =
      value === undefined
        ? undefined
        : value === '' && variable.required
          ? 'is required'
          : checkVariable(variable, value);
    if (value !== undefined && broken === undefined) {
      vars[variable.name] = value;
      continue;
    }
    if (prompter) {
      const validate = (answer: string) =>
        answer === '' && !variable.required
          ? undefined
          : answer === ''
            ? 'is required'
            : checkVariable(variable, answer);
      vars[variable.name] = variable.secret
        ? await prompter.secret({ field: `var.${variable.name}`, message: variable.prompt, validate })
        : await prompter.ask({
            field: `var.${variable.name}`,
            flag: `--var ${variable.name}`,
            message: variable.prompt,
            validate,
            ...(broken === undefined ? {} : { error: broken }),
            ...((value ?? variable.default) === undefined ? {} : { initial: value ?? variable.default }),
          });
      continue;
    }
    // The value is not shown: the variable may be a secret.
    if (broken !== undefined) problems.push(`--var ${variable.name}: ${broken}`);
    else if (variable.default !== undefined) vars[variable.name] = variable.default;
    else if (variable.required) missing.push(`--var ${variable.name}=...`);
    else vars[variable.name] = '';
  }
  return vars;
}

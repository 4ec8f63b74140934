// The provisioning half of the fake az (see fake-az.ts): resource groups, Azure OpenAI accounts, model deployments,
// role assignments, the model list, quota and the data plane, kept in a JSON state file between calls. It checks
// arguments as az's parser does (a flag it does not know, or a required one missing, is exit 2) and answers with
// az's shapes and error texts, including the failures that matter: a taken name, a model not offered in the region,
// no quota left, no permission to assign roles, and a data plane that refuses a new role for a while.
// Usage: node fake-az-provision.mjs <state.json> <az arguments...>
import { readFileSync, writeFileSync } from 'node:fs';

const [stateFile, ...argv] = process.argv.slice(2);
const state = JSON.parse(readFileSync(stateFile, 'utf8'));
const save = () => writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
const out = (value) => process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
const fail = (message, code = 1) => {
  process.stderr.write(`ERROR: ${message}\n`);
  process.exit(code);
};

/** The command words, then --flag value pairs (booleans listed in `switches`). */
function parse(words, spec) {
  const flags = {};
  const unknown = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const name = spec.aliases?.[word] ?? word;
    if (spec.switches?.includes(name)) flags[name] = true;
    else if ([...spec.required, ...(spec.optional ?? [])].includes(name) && i + 1 < words.length) {
      // As argparse: a value that looks like a flag is not taken as the value.
      if (/^-[^\d]/.test(words[i + 1])) fail(`argument ${name}: expected one argument`, 2);
      flags[name] = words[++i];
    } else unknown.push(word);
  }
  const missing = spec.required.filter((flag) => flags[flag] === undefined);
  if (missing.length > 0) fail(`the following arguments are required: ${missing.join(', ')}`, 2);
  if (unknown.length > 0) fail(`unrecognized arguments: ${unknown.join(' ')}`, 2);
  return flags;
}

const COMMANDS = {
  'group exists': { required: ['-n'], optional: ['-o'] },
  'group create': { required: ['-n', '-l'], optional: ['-o'] },
  'cognitiveservices account show': { required: ['-n', '-g'], optional: ['-o'] },
  'cognitiveservices account create': {
    required: ['-n', '-g', '-l', '--kind', '--sku'],
    optional: ['--custom-domain', '-o'],
    switches: ['--yes'],
  },
  'cognitiveservices account keys list': { required: ['-n', '-g'], optional: ['-o'] },
  'cognitiveservices account deployment show': { required: ['-n', '-g', '--deployment-name'], optional: ['-o'] },
  'cognitiveservices account deployment create': {
    required: ['-n', '-g', '--deployment-name', '--model-name', '--model-version', '--model-format'],
    optional: ['--sku-name', '--sku-capacity', '-o'],
  },
  'cognitiveservices model list': { required: ['-l'], optional: ['-o'] },
  'cognitiveservices usage list': { required: ['-l'], optional: ['-o'] },
  'ad signed-in-user show': { required: [], optional: ['--query', '-o'] },
  'role assignment list': { required: [], optional: ['--assignee', '--role', '--scope', '-o'] },
  'role assignment create': {
    required: ['--role', '--scope'],
    optional: ['--assignee-object-id', '--assignee-principal-type', '-o'],
  },
  rest: { required: ['--url'], optional: ['--method', '--body', '--resource', '-o'] },
};

const name = Object.keys(COMMANDS)
  .sort((a, b) => b.length - a.length)
  .find((command) => argv.join(' ').startsWith(`${command} `) || argv.join(' ') === command);
if (!name) fail(`the fake az does not know: ${argv.join(' ')}`, 2);
const flags = parse(argv.slice(name.split(' ').length), COMMANDS[name]);
// A command that never answers, for a run stopped while it waits (killed with the run).
if (state.failures.hang === name) setInterval(() => {}, 60_000);

const accountId = (a) =>
  `/subscriptions/${state.subscription}/resourceGroups/${a.resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${a.name}`;
const accountJson = (a) => ({
  id: accountId(a),
  name: a.name,
  kind: a.kind,
  location: a.location,
  resourceGroup: a.resourceGroup,
  sku: { name: 'S0' },
  properties: { endpoint: a.endpoint, customSubDomainName: a.subdomain, provisioningState: 'Succeeded' },
});
const findAccount = (n, g) => {
  if (!(g in state.groups)) fail(`(ResourceGroupNotFound) Resource group '${g}' could not be found.`, 3);
  const a = state.accounts[n.toLowerCase()];
  if (!a || a.resourceGroup !== g) {
    fail(
      `(ResourceNotFound) The Resource 'Microsoft.CognitiveServices/accounts/${n}' under resource group '${g}' was not found.`,
      3,
    );
  }
  return a;
};
const usageOf = (location, usageName) => {
  state.usage[location] ??= {};
  state.usage[location][usageName] ??= { limit: 0, current: 0 };
  return state.usage[location][usageName];
};

switch (state.failures.hang === name ? '' : name) {
  case 'group exists':
    out(flags['-n'] in state.groups ? 'true' : 'false');
    break;
  case 'group create':
    state.groups[flags['-n']] ??= flags['-l'];
    save();
    out({
      id: `/subscriptions/${state.subscription}/resourceGroups/${flags['-n']}`,
      name: flags['-n'],
      location: flags['-l'],
      properties: { provisioningState: 'Succeeded' },
    });
    break;
  case 'cognitiveservices account show':
    out(accountJson(findAccount(flags['-n'], flags['-g'])));
    break;
  case 'cognitiveservices account create': {
    const n = flags['-n'];
    if (!flags['--yes']) fail('the fake az expects --yes: the real one asks to confirm the terms otherwise', 2);
    if (!(flags['-g'] in state.groups))
      fail(`(ResourceGroupNotFound) Resource group '${flags['-g']}' could not be found.`, 3);
    const subdomain = (flags['--custom-domain'] ?? '').toLowerCase();
    if (state.takenNames.includes(subdomain) || state.takenNames.includes(n.toLowerCase())) {
      fail(`(CustomDomainInUse) Custom domain name '${subdomain}' not available.`);
    }
    if (state.failures.accountCreate) fail(state.failures.accountCreate);
    const account = {
      name: n,
      resourceGroup: flags['-g'],
      location: flags['-l'],
      kind: flags['--kind'],
      subdomain,
      endpoint: state.endpoint ?? `https://${subdomain}.openai.azure.com/`,
    };
    state.accounts[n.toLowerCase()] = account;
    save();
    out(accountJson(account));
    break;
  }
  case 'cognitiveservices account keys list':
    findAccount(flags['-n'], flags['-g']);
    out({ key1: state.key, key2: `${state.key}-2` });
    break;
  case 'cognitiveservices account deployment show': {
    const a = findAccount(flags['-n'], flags['-g']);
    const d = state.deployments[a.name]?.[flags['--deployment-name']];
    if (!d) fail(`(DeploymentNotFound) Deployment '${flags['--deployment-name']}' not found.`, 3);
    out({
      name: flags['--deployment-name'],
      properties: { model: { format: 'OpenAI', name: d.model, version: d.version }, provisioningState: 'Succeeded' },
      sku: { name: d.sku, capacity: d.capacity },
    });
    break;
  }
  case 'cognitiveservices account deployment create': {
    const a = findAccount(flags['-n'], flags['-g']);
    const model = flags['--model-name'];
    const version = flags['--model-version'];
    const sku = flags['--sku-name'] ?? 'Standard';
    const capacity = Number(flags['--sku-capacity'] ?? 1);
    const offered = (state.models[a.location] ?? []).find((m) => m.name === model && m.version === version);
    if (!offered)
      fail(
        `(DeploymentModelNotSupported) The model '${model}' version '${version}' is not supported in '${a.location}'.`,
      );
    const usageName = offered.skus.find((s) => s.name === sku)?.usageName;
    if (!usageName)
      fail(
        `(InvalidResourceProperties) The specified SKU '${sku}' for model '${model} ${version}' is not supported in this region '${a.location}'.`,
      );
    const usage = usageOf(a.location, usageName);
    if (usage.limit - usage.current < capacity) {
      fail(
        `(InsufficientQuota) This operation require ${capacity} new capacity in quota Tokens Per Minute (thousands) - ${model} - ${sku}, which is bigger than the current available capacity ${usage.limit - usage.current}.`,
      );
    }
    usage.current += capacity;
    state.deployments[a.name] ??= {};
    state.deployments[a.name][flags['--deployment-name']] = { model, version, sku, capacity };
    save();
    out({
      name: flags['--deployment-name'],
      properties: { model: { format: 'OpenAI', name: model, version }, provisioningState: 'Succeeded' },
      sku: { name: sku, capacity },
    });
    break;
  }
  case 'cognitiveservices model list':
    out(
      (state.models[flags['-l']] ?? []).map((m) => ({
        kind: 'OpenAI',
        skuName: 'S0',
        model: {
          format: 'OpenAI',
          name: m.name,
          version: m.version,
          isDefaultVersion: m.isDefault ?? false,
          capabilities: { chatCompletion: 'true' },
          skus: m.skus.map((s) => ({ name: s.name, usageName: s.usageName, capacity: { default: 10, maximum: 1000 } })),
        },
      })),
    );
    break;
  case 'cognitiveservices usage list':
    out(
      Object.entries(state.usage[flags['-l']] ?? {}).map(([value, u]) => ({
        name: { value, localizedValue: value },
        currentValue: u.current,
        limit: u.limit,
        unit: 'Count',
      })),
    );
    break;
  case 'ad signed-in-user show':
    if (flags['--query'] !== 'id' || flags['-o'] !== 'tsv') fail('the fake az answers only --query id -o tsv', 2);
    out(state.userId);
    break;
  case 'role assignment list':
    out(
      state.roles.filter(
        (r) => r.assignee === flags['--assignee'] && r.role === flags['--role'] && r.scope === flags['--scope'],
      ),
    );
    break;
  case 'role assignment create': {
    if (flags['--assignee-principal-type'] !== 'User') fail('the fake az expects --assignee-principal-type User', 2);
    if (state.failures.roleCreate) {
      fail(
        `(AuthorizationFailed) The client 'someone@contoso.com' with object id '${state.userId}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '${flags['--scope']}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      );
    }
    const role = { assignee: flags['--assignee-object-id'], role: flags['--role'], scope: flags['--scope'] };
    state.roles.push(role);
    save();
    out({ principalId: role.assignee, principalType: 'User', roleDefinitionName: role.role, scope: role.scope });
    break;
  }
  case 'rest': {
    const url = flags['--url'];
    if (url.includes('/checkDomainAvailability?')) {
      const body = JSON.parse(flags['--body']);
      const taken = state.takenNames.includes(body.subdomainName) || body.subdomainName in state.accounts;
      out({
        isSubdomainAvailable: !taken,
        reason: taken ? 'Sub domain name is not available.' : '',
        subdomainName: body.subdomainName,
        type: body.type,
      });
      break;
    }
    if (url.endsWith('/openai/v1/models') && flags['--resource'] === 'https://cognitiveservices.azure.com') {
      const account = Object.values(state.accounts).find((a) => url.startsWith(a.endpoint.replace(/\/+$/, '')));
      const allowed = account && state.roles.some((r) => r.assignee === state.userId && r.scope === accountId(account));
      if (state.failures.accessDenied > 0 || !allowed) {
        if (state.failures.accessDenied > 0) state.failures.accessDenied -= 1;
        save();
        fail(
          'Unauthorized({"error":{"code":"PermissionDenied","message":"The principal lacks the required data action Microsoft.CognitiveServices/accounts/OpenAI/models/read to perform GET /openai/v1/models operation."}})',
        );
      }
      out({ object: 'list', data: [] });
      break;
    }
    fail(`the fake az does not know the URL ${url}`, 2);
    break;
  }
}

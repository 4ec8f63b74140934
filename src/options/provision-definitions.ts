// The flags and questions of --provision: creating a resource with the user's az. Part of the option table
// (definitions.ts).
import { DEFAULT_CAPACITY, DEFAULT_DEPLOYMENT_SKU } from '../azure/provision/commands.js';
import {
  validateCapacity,
  validateLocation,
  validateModelVersion,
  validateResourceGroup,
  validateSku,
} from '../azure/provision/rules.js';
import { validateModel } from '../shared/validate.js';
import type { FieldDefinition, FlagDefinition } from './shapes.js';

export const PROVISION_FLAGS: readonly FlagDefinition[] = [
  {
    key: 'provision',
    name: 'provision',
    type: 'boolean',
    group: 'Azure',
    help: 'create what is missing with your signed-in az: the resource group, the account (--resource), the deployment (--deployment of --model) and, for --auth entra, your data-plane role; every command is shown before it runs, and a second run reuses what exists',
    replay: (o) => (o.provision ? ['--provision'] : []),
  },
  {
    key: 'resourceGroup',
    name: 'resource-group',
    type: 'string',
    hint: '<name>',
    group: 'Azure',
    help: 'with --provision: the resource group (created if missing)',
    replay: (o) => (o.provision ? ['--resource-group', o.provision.resourceGroup] : []),
  },
  {
    key: 'location',
    name: 'location',
    type: 'string',
    hint: '<region>',
    group: 'Azure',
    help: 'with --provision: the Azure region, such as eastus2 or swedencentral',
    replay: (o) => (o.provision ? ['--location', o.provision.location] : []),
  },
  {
    key: 'modelVersion',
    name: 'model-version',
    type: 'string',
    hint: '<version>',
    group: 'Azure',
    help: "with --provision: the model version (default: the region's default for --model)",
    replay: (o) => (o.provision?.modelVersion ? ['--model-version', o.provision.modelVersion] : []),
  },
  {
    key: 'sku',
    name: 'sku',
    type: 'string',
    hint: '<sku>',
    group: 'Azure',
    help: `with --provision: the deployment SKU (default ${DEFAULT_DEPLOYMENT_SKU})`,
    replay: (o) => (o.provision && o.provision.sku !== DEFAULT_DEPLOYMENT_SKU ? ['--sku', o.provision.sku] : []),
  },
  {
    key: 'capacity',
    name: 'capacity',
    type: 'string',
    hint: '<thousands>',
    group: 'Azure',
    help: `with --provision: the deployment's capacity in thousands of tokens per minute (default ${DEFAULT_CAPACITY})`,
    replay: (o) =>
      o.provision && o.provision.capacity !== DEFAULT_CAPACITY ? ['--capacity', String(o.provision.capacity)] : [],
  },
];

/** The values --provision settles, with their questions and rules. */
export const PROVISION_FIELDS = {
  resourceGroup: {
    flag: '--resource-group',
    validate: validateResourceGroup,
    question: { field: 'resourceGroup', message: 'Resource group (created if missing)' },
  },
  location: {
    flag: '--location',
    validate: validateLocation,
    question: { field: 'location', message: 'Azure region' },
  },
  model: {
    flag: '--model',
    validate: validateModel,
    question: { field: 'model', message: 'Which model to deploy?' },
  },
  modelVersion: {
    flag: '--model-version',
    validate: validateModelVersion,
    question: { field: 'modelVersion', message: 'Model version' },
    asked: false,
  },
  sku: {
    flag: '--sku',
    validate: validateSku,
    question: { field: 'sku', message: 'Deployment SKU' },
    asked: false,
  },
  capacity: {
    flag: '--capacity',
    validate: validateCapacity,
    question: { field: 'capacity', message: 'Capacity (thousands of tokens per minute)' },
    asked: false,
  },
} as const satisfies Record<string, FieldDefinition>;

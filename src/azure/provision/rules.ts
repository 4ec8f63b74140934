// The rules for the values --provision sends to Azure: each validator returns the rule a value breaks, or undefined.
import type { Validator } from '../../types.js';

/** An Azure region's programmatic name, as az account list-locations gives it: eastus2, swedencentral. */
export const validateLocation: Validator = (value) =>
  /^[a-z][a-z0-9]{1,39}$/.test(value)
    ? undefined
    : 'use a region name as az account list-locations gives it: lower-case letters and digits, such as eastus2 or swedencentral';

/**
 * Azure's rule for resource group names: 1-90 letters, digits, _ - . ( ), not ending in a dot; and not starting with a
 * hyphen, which az would read as a flag (`az group create -n --yes`).
 */
export const validateResourceGroup: Validator = (value) =>
  /^[\w.()][\w.()-]{0,88}[\w()-]$|^[\w()]$/.test(value) && !/[^\x20-\x7e]/.test(value)
    ? undefined
    : 'use 1-90 letters, digits, underscores, hyphens, dots and parentheses, not starting with a hyphen and not ending in a dot';

export const validateModelVersion: Validator = (value) =>
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/.test(value)
    ? undefined
    : 'use a version as az cognitiveservices model list gives it, such as 2025-04-14';

export const validateSku: Validator = (value) =>
  /^[A-Za-z][A-Za-z0-9]{1,39}$/.test(value)
    ? undefined
    : 'use a deployment SKU name such as GlobalStandard, DataZoneStandard or Standard';

/** Thousands of tokens per minute, a whole number. */
export const validateCapacity: Validator = (value) =>
  /^[1-9]\d{0,5}$/.test(value) ? undefined : 'use a whole number of thousands of tokens per minute, such as 10';

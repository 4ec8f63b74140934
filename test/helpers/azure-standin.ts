// The Azure stand-in lives in ./azure-standin/ (see its index.ts); this path stays for its callers.
export * from './azure-standin/index.js';

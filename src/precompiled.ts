// Built-in templates compiled ahead of time: scripts/build.js fills this module in the bundle, so a run needs only
// the Handlebars runtime. From source (tests) it is empty and templates are compiled when read.
import type runtime from 'handlebars/runtime';

const precompiled: Readonly<Record<string, Parameters<typeof runtime.template>[0]>> = {};
export default precompiled;

import { it } from 'vitest';
import { buildContext } from '../../src/context.js';
import { renderTemplate } from '../../src/render.js';
import { optionsFrom } from '../helpers/options.js';

it('exp', async () => {
  const ctx = buildContext(await optionsFrom(['app', '--yes']));
  for (const src of [
    '{{constructor.name}}',
    '{{__proto__}}',
    '{{constructor}}',
    '{{__proto__.constructor.name}}',
    '{{#with __proto__}}{{constructor.name}}{{/with}}',
    '{{lookup this "constructor"}}',
    '{{versions.constructor.name}}',
    '{{sh}}',
    '{{sh a b}}',
    '{{sh versions}}',
    '{{shout x}}',
    '{{missing}}',
    '{{toString}}',
    '{{hasOwnProperty}}',
    '{{#each this}}{{@key}} {{/each}}',
  ]) {
    try {
      console.log(JSON.stringify(src), '=>', JSON.stringify(renderTemplate(src, ctx, 'x.hbs')));
    } catch (e) {
      console.log(JSON.stringify(src), 'THROWS', (e as Error).message);
    }
  }
});

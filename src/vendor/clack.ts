// What the terminal conversation uses of @clack/prompts; bundled on its own (dist/vendor/) and loaded only by it.
export { confirm, intro, isCancel, log, outro, password, select, text } from '@clack/prompts';

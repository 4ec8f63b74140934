// execa, for the install and git; bundled on its own (dist/vendor/) and loaded only by runs that start a process.
export { execa } from 'execa';

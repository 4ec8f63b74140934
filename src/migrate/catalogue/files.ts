// The codes of files that are not read or not written as they are (AZM090 to AZM096).
import type { CatalogueEntry } from './entry.js';

export const FILE_CODES = {
  AZM090: {
    levels: ['warning'],
    title: 'the file does not parse: not migrated',
    todo: 'fix the syntax error or migrate the file by hand',
  },
  AZM091: {
    levels: ['error'],
    title: 'the rewrite did not parse: the file was left unchanged',
    todo: 'report it: this is a bug in migrate',
  },
  AZM092: {
    levels: ['error'],
    title: 'the file could not be written',
    todo: 'fix the cause (permissions, disk space) and run again; the summary says what was written',
  },
  AZM093: {
    levels: ['warning'],
    title: 'not valid UTF-8: read as text it would be corrupted, so it is not edited',
    todo: 'convert the file to UTF-8 and run again, or migrate it by hand',
  },
  AZM094: {
    levels: ['info'],
    title: 'a symbolic link: not followed and not replaced',
    todo: 'migrate the file it points to where it lives, or edit it by hand',
  },
  AZM095: {
    levels: ['warning'],
    title: 'larger than 4 MiB: not read (bundled output or data, not hand-written code)',
    todo: 'migrate its source instead; if it is hand-written, edit it by hand',
  },
  AZM096: {
    levels: ['warning'],
    title: 'not a regular file (a FIFO, socket or device): not read',
    todo: 'nothing to migrate there unless it stands in for a real file; migrate that file instead',
  },
} as const satisfies Record<string, CatalogueEntry>;

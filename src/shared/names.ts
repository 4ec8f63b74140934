// The names a run creates on disk for a project folder named <name>, so that a name is refused before anything is
// written when one of them would be too long for the file system (255 bytes a name on Linux, macOS and Windows).
// run/write.ts makes these folders: keep the two in step.

/** The longest name a file system takes, in bytes (NAME_MAX). */
export const NAME_MAX = 255;

/**
 * The folder a run makes beside the project (mkdtemp's six random characters as XXXXXX): the staging folder of a new
 * project. Into an existing folder it stages (and keeps replaced files) inside it, under names of fixed length.
 */
export const CREATED_NAMES = {
  staging: (name: string) => `${stagingPrefix(name)}XXXXXX`,
} as const;

/** The prefix mkdtemp completes for a new project's staging folder beside it. */
export function stagingPrefix(name: string): string {
  return `.${name}-`;
}

/**
 * The longest folder name allowed, in bytes: a new project's staging folder beside it must fit too. The same rule
 * holds for an existing folder (validation cannot know which it will be), which loses names of 248-255 bytes.
 */
export function maxFolderBytes(): number {
  return NAME_MAX - Buffer.byteLength(CREATED_NAMES.staging(''));
}

/** The rule a project folder name breaks because of the names the run will create beside it, or undefined. */
export function checkCreatedNames(name: string): string | undefined {
  const max = maxFolderBytes();
  if (Buffer.byteLength(name) <= max) return undefined;
  const made = CREATED_NAMES.staging('<name>');
  return `must be at most ${max} bytes (it has ${Buffer.byteLength(name)}): the run also makes a folder ${made}, and a name can have at most ${NAME_MAX}`;
}

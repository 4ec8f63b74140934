// The names a run creates on disk for a project folder named <name>, so that a name is refused before anything is
// written when one of them would be too long for the file system (255 bytes a name on Linux, macOS and Windows).
// run/write.ts makes these folders: keep the two in step.

/** The longest name a file system takes, in bytes (NAME_MAX). */
export const NAME_MAX = 255;

/** The folders a run makes besides the project itself (mkdtemp's six random characters as XXXXXX). */
export const CREATED_NAMES = {
  /** Where the project is staged before it is moved into place: always made. */
  staging: (name: string) => `.${name}-XXXXXX`,
  /** Where files replaced by --overwrite are kept until the move succeeds: made when the target holds files. */
  replaced: (name: string) => `.${name}-replaced-XXXXXX`,
} as const;

/** The longest folder name allowed, in bytes, for a run that replaces files (`replacing`) or not. */
export function maxFolderBytes(replacing: boolean): number {
  const overhead = (make: (name: string) => string) => Buffer.byteLength(make(''));
  return NAME_MAX - Math.max(overhead(CREATED_NAMES.staging), replacing ? overhead(CREATED_NAMES.replaced) : 0);
}

/** The rule a project folder name breaks because of the names the run will create beside it, or undefined. */
export function checkCreatedNames(name: string, replacing: boolean): string | undefined {
  const max = maxFolderBytes(replacing);
  if (Buffer.byteLength(name) <= max) return undefined;
  const made = replacing ? CREATED_NAMES.replaced('<name>') : CREATED_NAMES.staging('<name>');
  return `must be at most ${max} bytes (it has ${Buffer.byteLength(name)}): the run also makes a folder ${made}, and a name can have at most ${NAME_MAX}`;
}

import { CONTROL_CHARACTERS, refuseCharacters, UnwritableValueError } from './unwritable';

/**
 * A path as a line of a .dockerignore: its pattern characters (`* ? [ ] \`) and a leading `#`
 * (a comment) or `!` (an exception) escaped with a backslash, so it matches only itself. A line
 * break cannot be written, and the reader trims a line's outer whitespace.
 */
export function ignorePattern(path: string, label: string): string {
  refuseCharacters(path, CONTROL_CHARACTERS, {
    label,
    where: 'a .dockerignore line',
    fix: 'Rename it.',
  });
  if (path.trim() !== path)
    throw new UnwritableValueError(
      `Invalid ${label} ${JSON.stringify(path)} starts or ends with whitespace, which a .dockerignore drops. Rename it.`,
    );
  return path.replace(/[*?[\]\\]/g, (c) => `\\${c}`).replace(/^[#!]/, (c) => `\\${c}`);
}

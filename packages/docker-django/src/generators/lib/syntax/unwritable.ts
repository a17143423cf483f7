/**
 * A value that no escaping can carry into the file it would land in (a line break in a
 * Dockerfile path, a comma in a `--mount` list): the generator refuses it before any write.
 */
export class UnwritableValueError extends Error {}

const NAMES: Record<string, string> = {
  '\n': 'a line break',
  '\r': 'a carriage return',
  '\t': 'a tab',
  '\u2028': 'a line separator',
  '\u2029': 'a paragraph separator',
  ' ': 'a space',
  ',': 'a comma',
  '"': 'a double quote',
  "'": 'a single quote',
  '\\': 'a backslash',
  $: 'a dollar sign',
};

/** `a line break (U+000A)`: how an error names the character it refuses. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const name =
    NAMES[character] ??
    (code >= 0xd800 && code <= 0xdfff
      ? 'an unpaired surrogate'
      : code < 0x20 || (code >= 0x7f && code <= 0x9f)
        ? 'a control character'
        : `"${character}"`);
  return `${name} (U+${hex})`;
}

/**
 * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and unpaired surrogates
 * (no UTF-8 file holds one; with the `u` flag a pair is one code point and does not match).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it matches
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/u;

/** An unpaired surrogate: JavaScript strings can hold one, no UTF-8 file (nor YAML escape) can. */
export const UNPAIRED_SURROGATE = /[\ud800-\udfff]/u;

/**
 * Throws when `value` holds a character `forbidden` matches, in the house error shape: what
 * (`label`, e.g. `--djangoRoot`), the value quoted, the project, the character, where it
 * cannot go, and the fix.
 */
export function refuseCharacters(
  value: string,
  forbidden: RegExp,
  context: { label: string; where: string; fix: string; project?: string },
): string {
  const match = new RegExp(forbidden.source, forbidden.flags.replace('g', '')).exec(value);
  if (match) {
    throw new UnwritableValueError(
      `Invalid ${context.label} ${JSON.stringify(value)}` +
        (context.project === undefined ? '' : ` for project "${context.project}"`) +
        `: it holds ${describeCharacter(match[0])}, which ${context.where} cannot hold. ${context.fix}`,
    );
  }
  return value;
}

/**
 * Refuses, before anything is rendered, the names that reach the generated files and that no
 * file could hold: a line break or other control character in a folder or file name.
 */
export function refuseUnwritableNames(
  names: ReadonlyArray<{ label: string; value: string }>,
  project: string,
): void {
  for (const { label, value } of names)
    refuseCharacters(value, CONTROL_CHARACTERS, {
      label,
      project,
      where: 'a line of the Dockerfile, .dockerignore or compose.yaml',
      fix: 'Rename it.',
    });
}

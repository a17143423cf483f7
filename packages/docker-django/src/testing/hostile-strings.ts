import fc from 'fast-check';
import { spawnSync } from 'node:child_process';

// Strings an attacker or a careless user could put in a name: line breaks, quotes, `$`,
// backslashes, CSV and pattern characters, shell operators, controls, lone surrogates and
// other Unicode, mixed with arbitrary text.
const TRICKY = [
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u0085',
  '\u2028',
  '"',
  "'",
  '\\',
  '$',
  '$HOME',
  '${HOME}',
  '$(id)',
  '$$',
  '&',
  '&amp;',
  ',',
  '=',
  ' ',
  '#',
  '!',
  '*',
  '?',
  '[',
  ']',
  '`',
  ';',
  '|',
  '-',
  '--',
  '/',
  '\\x',
  '\\n',
  '"""',
  'é',
  '日本',
  '😀',
  '\ud800',
  ',from=alpine',
  '\nRUN echo injected',
];

export const hostileString = (maxParts = 6) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...TRICKY),
        fc.string({ unit: 'grapheme', maxLength: 4 }),
        fc.string({ unit: 'binary', maxLength: 2 }),
      ),
      { maxLength: maxParts },
    )
    .map((parts) => parts.join(''));

/**
 * A hostile file or folder name: not empty, no `/`, and no `\\` either (Nx's Tree reads a
 * backslash in a path as a separator, so no workspace file can have one in its name).
 */
export const hostileName = (maxParts = 6) =>
  hostileString(maxParts)
    .map((s) => s.replace(/[/\\]/g, '_').replace(/^\.{1,2}$/, 'dot'))
    .filter((s) => s.trim() !== '' && s !== '.' && s !== '..');

/** Runs a Python script with `input` on stdin; throws with Python's stderr when it fails. */
export function runPython(script: string, input: string): string {
  const result = spawnSync('python3', ['-c', script], { input, encoding: 'utf-8' });
  if (result.error) throw new Error(`python3 could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return result.stdout;
}

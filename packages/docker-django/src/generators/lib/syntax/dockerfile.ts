import { quoteArg } from '../../../shell/command-line';
import { CONTROL_CHARACTERS, refuseCharacters, UnwritableValueError } from './unwritable';

// Values in Dockerfile instructions. BuildKit reads a Dockerfile a line at a time (a line break
// ends an instruction, a trailing backslash continues it), splits COPY's arguments at
// whitespace unless they are a JSON array, then expands `$VAR`, quotes and backslashes in the
// words of COPY, WORKDIR and --mount; RUN's shell form goes to /bin/sh as it is; exec form
// (CMD [...]) is JSON and expands nothing.

const REFUSE_IN_LINE = { where: 'a Dockerfile line', fix: 'Rename it.' };

function oneLine(value: string, label: string): string {
  refuseCharacters(value, CONTROL_CHARACTERS, { label, ...REFUSE_IN_LINE });
  if (value.trim() !== value) {
    throw new UnwritableValueError(
      `Invalid ${label} ${JSON.stringify(value)} starts or ends with whitespace, which a Dockerfile ` +
        'drops from a path. Rename it.',
    );
  }
  return value;
}

/**
 * A word as COPY and WORKDIR read it after their variable expansion: `$`, quotes and
 * backslashes escaped, so `$HOME` or `it's` reach the instruction as they are.
 */
export function expandedWord(value: string, label: string): string {
  return oneLine(value, label).replace(/[\\$'"]/g, (c) => `\\${c}`);
}

const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./][A-Za-z0-9_@%+=:,./-]*$/;

/**
 * `COPY <sources...> <dest>`: the plain form when every word is plain, else the JSON form
 * (the only one whose words may hold spaces or start with `-`), each word escaped for expansion.
 */
export function copyInstruction(paths: string[], label: string): string {
  if (paths.every((path) => PLAIN_WORD.test(path))) return `COPY ${paths.join(' ')}`;
  return `COPY [${paths.map((path) => JSON.stringify(expandedWord(path, label))).join(', ')}]`;
}

/** `WORKDIR <path>`: the rest of the line is the path; a trailing backslash would continue it. */
export function workdirInstruction(path: string, label: string): string {
  const word = expandedWord(path, label);
  if (word.endsWith('\\'))
    throw new UnwritableValueError(
      `Invalid ${label} ${JSON.stringify(path)} ends with a backslash, which continues a Dockerfile line. Rename it.`,
    );
  return `WORKDIR ${word}`;
}

/** Exec form (`CMD [...]`): JSON, which BuildKit reads without a shell or any expansion. */
export function execForm(args: readonly string[]): string {
  return JSON.stringify(args);
}

/** A word of a shell-form RUN: POSIX-quoted for /bin/sh, on one Dockerfile line. */
export function shellWord(value: string, label: string): string {
  refuseCharacters(value, CONTROL_CHARACTERS, { label, ...REFUSE_IN_LINE });
  return quoteArg(value);
}

// Characters a `--mount` value cannot hold in every BuildKit: `,` and `"` are its CSV syntax,
// whitespace and quotes end or open the flag's word, `\` and `$` are expanded by some releases
// and not others. No escaping works for all of them, so such a path is refused.
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const MOUNT_UNSAFE = /[\s,"'\\$\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/u;

/** Refuses a value a `--mount` key=value list cannot hold (see MOUNT_UNSAFE). */
export function refuseInMountList(value: string, label: string, project?: string): string {
  return refuseCharacters(value, MOUNT_UNSAFE, {
    label,
    project,
    where: "a Dockerfile's --mount option list",
    fix: 'Rename the file or folder.',
  });
}

/** `--mount=type=bind,source=...,target=...`, refusing a value the key=value list cannot hold. */
export function mountFlag(fields: ReadonlyArray<[string, string]>, label: string): string {
  for (const [, value] of fields) refuseInMountList(value, label);
  return `--mount=${fields.map(([key, value]) => `${key}=${value}`).join(',')}`;
}

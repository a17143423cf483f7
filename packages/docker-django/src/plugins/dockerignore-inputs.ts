import { COMPOSE_FILE_NAMES } from '../nx/compose-targets';

/**
 * Turns a .dockerignore into Nx input negations, so a file Docker never sees does not
 * change the build's hash (editing a README in .venv must not rebuild the image).
 *
 * Nx filesets cannot re-include a file once a negation excluded it, so a negation that an
 * exception line (`!**\/.env.example`) could overlap is dropped: the hash then covers a few
 * files Docker ignores, which costs a rebuild at worst and never a stale image.
 */
// Files that shape the build though Docker does not copy them; they stay inputs.
const ALWAYS_INPUTS = ['Dockerfile', ...COMPOSE_FILE_NAMES, '.dockerignore', 'project.json'];

function lastSegment(pattern: string): string {
  const segments = pattern.split('/').filter(Boolean);
  return segments[segments.length - 1] ?? '';
}

function segmentRegex(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replace(/\\\[/g, '[');
  return new RegExp(`^${body}$`);
}

// One compiled pattern per segment for the whole call: a .dockerignore of 50 lines is checked
// against every always-input and exception, which recompiled the same few regexes thousands
// of times per graph computation.
type Regexes = Map<string, RegExp | null>;

function compiled(glob: string, regexes: Regexes): RegExp | null {
  if (!regexes.has(glob)) {
    try {
      regexes.set(glob, segmentRegex(glob));
    } catch {
      regexes.set(glob, null);
    }
  }
  return regexes.get(glob) ?? null;
}

function mayOverlap(exclusion: string, exception: string, regexes: Regexes): boolean {
  const a = lastSegment(exclusion);
  const b = lastSegment(exception);
  if (a === '**' || b === '**') return true;
  const ra = compiled(a, regexes);
  const rb = compiled(b, regexes);
  if (ra === null || rb === null) return true;
  return ra.test(b) || rb.test(a);
}

/**
 * A Dockerfile.dockerignore filters a context that is the workspace root: it starts with `*`
 * and `!<root>` lines that let in the app and its libraries, and its own patterns are relative
 * to the workspace. Keep what applies inside the app, relative to the app; the libraries'
 * files are inputs through `^{projectRoot}/**\/*` whole, which costs a rebuild at worst.
 */
function appPatterns(lines: string[], contextPrefix: string): string[] {
  const kept: string[] = [];
  for (const line of lines) {
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/^\/+/, '');
    if (pattern === '*') continue;
    if (pattern.startsWith('**/')) kept.push(line);
    else if (pattern.startsWith(contextPrefix))
      kept.push(`${negated ? '!' : ''}${pattern.slice(contextPrefix.length)}`);
  }
  return kept.filter((line) => line !== '!' && line !== '');
}

/** The lines of a .dockerignore that say something: trimmed, without blanks and comments. */
export function dockerignorePatterns(dockerignore: string | null): string[] {
  if (!dockerignore) return [];
  return dockerignore
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

export function dockerignoreInputs(dockerignore: string | null, contextPrefix?: string): string[] {
  const all = dockerignorePatterns(dockerignore);
  if (all.length === 0) return [];
  const lines = contextPrefix ? appPatterns(all, contextPrefix) : all;
  const exceptions = lines.filter((line) => line.startsWith('!')).map((line) => line.slice(1));
  const negations: string[] = [];
  const regexes: Regexes = new Map();
  for (const line of lines) {
    if (line.startsWith('!')) continue;
    const pattern = line.replace(/^\/+/, '').replace(/\/+$/, '');
    if (!pattern || ALWAYS_INPUTS.some((name) => mayOverlap(pattern, name, regexes))) continue;
    if (exceptions.some((exception) => mayOverlap(pattern, exception, regexes))) continue;
    // A .dockerignore entry matches the path itself and, for a folder, everything below it.
    negations.push(`!{projectRoot}/${pattern}`, `!{projectRoot}/${pattern}/**`);
  }
  return negations;
}

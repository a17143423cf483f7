import { existsSync, readFileSync, statSync, type Stats } from 'fs';
import { basename, dirname, join } from 'path';
import { isMap, parseDocument, type YAMLError } from 'yaml';
import {
  ComposeError,
  composeFileMalformedError,
  composeFileMissingError,
  composeFileUnusableError,
  unknownServicesError,
} from './errors';
import { isRecord } from './records';
import { COMPOSE_FILE_NAMES } from '../../nx/compose-targets';
import { builtImagesOf } from '../../nx/compose-images';
import { recordedComposeProject } from '../../nx/compose-project-name';

/** What the executors need to know about a compose file before running compose. */
export interface ComposeFileSummary {
  path: string;
  /** Service names, in file order. */
  services: string[];
  /**
   * Services another service waits for with `condition: service_completed_successfully`:
   * one-shot jobs (e.g. `migrate`) whose exit code 0 counts as ready, as for `up --wait`.
   */
  completionServices: string[];
  /** `depends_on` of each service (short and long syntax). */
  dependsOn: Record<string, string[]>;
  /** The file has a top-level `include`: services may come from other files. */
  hasInclude: boolean;
  /** Services that compose builds, with the `image:` name the build is tagged with (null: compose names it). */
  builtImages: Record<string, string | null>;
  /** The compose project the generator recorded in `x-docker-django` (see compose-project-name.ts). */
  composeProject?: string;
  /** Host ports each service publishes as one fixed port (only one container can hold it). */
  fixedHostPorts?: Record<string, string[]>;
}

/** `8000:8000`, `127.0.0.1:8000:8000` or long syntax with one `published` port; not a range. */
export function fixedHostPortsOf(ports: unknown): string[] {
  if (!Array.isArray(ports)) return [];
  const fixed: string[] = [];
  for (const port of ports) {
    if (isRecord(port)) {
      const published = port['published'];
      if (published !== undefined && /^\d+$/.test(String(published))) fixed.push(String(published));
      continue;
    }
    const parts = String(port).split('/')[0].split(':');
    if (parts.length < 2) continue; // container port only: compose picks a free host port
    const host = parts[parts.length - 2];
    if (/^\d+$/.test(host)) fixed.push(host);
  }
  return fixed;
}

function yamlProblem(error: YAMLError): {
  problem: string;
  position?: { line: number; col: number };
} {
  // The pretty message repeats the position and adds a code frame; keep the first sentence.
  const problem = error.message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?\s*$/, '')
    .trim();
  const start = error.linePos?.[0];
  return { problem, position: start ? { line: start.line, col: start.col } : undefined };
}

/** Parses compose YAML text; `path` and `project` only feed error messages. */
export function parseComposeText(text: string, path: string, project: string): ComposeFileSummary {
  const doc = parseDocument(text, { merge: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const { problem, position } = yamlProblem(doc.errors[0]);
    throw composeFileMalformedError(project, path, problem, position);
  }
  const root: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (!isRecord(root)) {
    throw composeFileMalformedError(
      project,
      path,
      'the top level must be a mapping with a `services:` key',
      lineOf(doc.contents?.range?.[0], text),
    );
  }
  const hasInclude = root['include'] !== undefined;
  const composeProject = recordedComposeProject(root);
  const services = root['services'];
  if (services === undefined || services === null) {
    if (hasInclude)
      return {
        path,
        services: [],
        completionServices: [],
        dependsOn: {},
        hasInclude,
        builtImages: {},
        composeProject,
      };
    throw composeFileMalformedError(project, path, 'it has no `services:` section');
  }
  if (!isRecord(services)) {
    const node = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    throw composeFileMalformedError(
      project,
      path,
      '`services:` must be a mapping of service names to definitions',
      lineOf(range?.[0], text),
    );
  }
  const completion = new Set<string>();
  const dependsOn: Record<string, string[]> = {};
  const builtImages = builtImagesOf(services);
  const fixedHostPorts: Record<string, string[]> = {};
  for (const [name, definition] of Object.entries(services)) {
    const fixed = isRecord(definition) ? fixedHostPortsOf(definition['ports']) : [];
    if (fixed.length > 0) fixedHostPorts[name] = fixed;
    const deps = isRecord(definition) ? definition['depends_on'] : undefined;
    if (Array.isArray(deps)) {
      // The short syntax means condition: service_started.
      dependsOn[name] = deps.filter((d): d is string => typeof d === 'string');
    } else if (isRecord(deps)) {
      dependsOn[name] = Object.keys(deps);
      for (const [dependency, spec] of Object.entries(deps)) {
        if (isRecord(spec) && spec['condition'] === 'service_completed_successfully') {
          completion.add(dependency);
        }
      }
    } else {
      dependsOn[name] = [];
    }
  }
  return {
    path,
    services: Object.keys(services),
    completionServices: [...completion],
    dependsOn,
    hasInclude,
    builtImages,
    composeProject,
    fixedHostPorts,
  };
}

function lineOf(
  offset: number | undefined,
  text: string,
): { line: number; col: number } | undefined {
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

/** Other compose file names present beside a missing one, for the error message. */
export function findAlternativeComposeFiles(missingPath: string): string[] {
  const dir = dirname(missingPath);
  return COMPOSE_FILE_NAMES.filter((n) => n !== basename(missingPath) && existsSync(join(dir, n)));
}

/** Larger than any hand-written compose file; reading more only risks the memory of the task. */
export const MAX_COMPOSE_FILE_BYTES = 1024 * 1024;

function unreadable(path: string, project: string, e: unknown): ComposeError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return composeFileMissingError(project, path, findAlternativeComposeFiles(path));
  }
  return new ComposeError(
    `Cannot read compose file "${path}" of project "${project}": ${(e as Error).message}. Check its permissions.`,
  );
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function readComposeFile(path: string, project: string): ComposeFileSummary {
  // Checked before reading: /dev/zero or a FIFO would never end, a directory has no text.
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    throw unreadable(path, project, e);
  }
  if (!stats.isFile()) {
    throw composeFileUnusableError(project, path, `it is ${kindOf(stats)}, not a regular file`);
  }
  if (stats.size > MAX_COMPOSE_FILE_BYTES) {
    throw composeFileUnusableError(
      project,
      path,
      `it is ${stats.size} bytes, more than the ${MAX_COMPOSE_FILE_BYTES} a compose file may have here`,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf-8');
  } catch (e) {
    throw unreadable(path, project, e);
  }
  return parseComposeText(text, path, project);
}

/**
 * The services `up <services>` starts: the requested ones and, transitively, what they
 * depend on. All services when none are requested.
 */
export function servicesWithDependencies(
  summary: ComposeFileSummary,
  requested: string[],
): string[] {
  if (requested.length === 0) return summary.services;
  const seen = new Set<string>();
  const visit = (s: string) => {
    if (seen.has(s)) return;
    seen.add(s);
    for (const d of summary.dependsOn[s] ?? []) visit(d);
  };
  requested.forEach(visit);
  return [...seen];
}

/** Fails when a requested service is not defined (unless an `include` may define it). */
export function assertServicesExist(
  summary: ComposeFileSummary,
  requested: string[],
  project: string,
): void {
  if (summary.hasInclude) return;
  const unknown = requested.filter((s) => !summary.services.includes(s));
  if (unknown.length > 0) {
    throw unknownServicesError(project, summary.path, unknown, summary.services);
  }
}

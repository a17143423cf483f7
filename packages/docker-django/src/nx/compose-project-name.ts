import { createHash } from 'crypto';
import { realpathSync } from 'fs';
import { resolve } from 'path';
import { generatorRecordOf } from './generator-record';

/**
 * A name compose accepts as a project name and Docker as an image repository: lowercase
 * letters, digits, `-` and `_`, starting with a letter or digit. Nx project names may hold
 * `@`, `/` and capitals (`@acme/api`), which both reject. Lossy (`api.v1` and `api-v1` both
 * give `api-v1`): stacks whose compose.yaml records no name of its own (written by earlier
 * versions, or by hand) keep using it, so their database volume stays theirs.
 */
export function composeProjectName(nxProjectName: string): string {
  const name = nxProjectName
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '');
  return name || 'django';
}

export const COMPOSE_PROJECT_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * The image repository of a project's stack: the Nx project name made valid, plus 8 hex of the
 * exact name when making it valid lost something, so `api.v1` (`api-v1-<hash>`) and `api-v1`
 * (`api-v1`) never build into one image. Independent of the workspace's path: the same
 * repository on every machine and in CI, which pushing to a registry needs.
 */
export function imageRepositoryName(nxProjectName: string): string {
  const name = composeProjectName(nxProjectName);
  return name === nxProjectName ? name : `${name}-${shortHash(nxProjectName)}`;
}

function realRoot(workspaceRoot: string): string {
  try {
    return realpathSync(workspaceRoot);
  } catch {
    return resolve(workspaceRoot);
  }
}

/**
 * The compose project name the generator gives a new stack: the readable name plus 8 hex of
 * a hash of the workspace's real path and the exact Nx project name. Compose prefixes the
 * containers, network and database volume with it, so `api.v1` and `api-v1` in one
 * workspace, or two workspaces that each have an `api` on one machine, never share a database. Recorded in compose.yaml, so it stays when the workspace
 * moves; a fresh file in a workspace moved elsewhere gets a new one.
 */
export function workspaceComposeProjectName(workspaceRoot: string, nxProjectName: string): string {
  return `${composeProjectName(nxProjectName)}-${shortHash(`${realRoot(workspaceRoot)}\0${nxProjectName}`)}`;
}

/**
 * The compose project name recorded in a parsed compose file's `x-docker-django` block
 * (`composeProject`), when it is a valid one. Compose's own top-level `name:` is not used:
 * docker-compose v1 rejects the key, and the executors pass `-p` anyway.
 */
export function recordedComposeProject(composeRoot: unknown): string | undefined {
  const name = generatorRecordOf(composeRoot)?.composeProject;
  return typeof name === 'string' && COMPOSE_PROJECT_NAME_PATTERN.test(name) ? name : undefined;
}

/** Whether a parsed compose file was written by the generator (it has the record). */
export function hasGeneratorRecord(composeRoot: unknown): boolean {
  return (
    typeof composeRoot === 'object' &&
    composeRoot !== null &&
    typeof (composeRoot as Record<string, unknown>)['x-docker-django'] === 'object'
  );
}

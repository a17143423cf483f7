// The local container registry the registry tests and benchmarks push to (Debian's
// docker-registry, started by tools/engine/registry.sh on 127.0.0.1:5000), and short-lived
// extra registries (read-only, password-protected) for the failure cases.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log } from './log';
import { freePort } from './net';

/** host:port of the shared local registry (`DOCKER_DJANGO_TEST_REGISTRY` overrides it). */
export const registryHost = process.env.DOCKER_DJANGO_TEST_REGISTRY ?? '127.0.0.1:5000';

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

async function registryFetch(
  host: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`http://${host}/v2/${path}`, {
    ...init,
    headers: { Accept: MANIFEST_TYPES, ...(init.headers ?? {}) },
    signal: AbortSignal.timeout(10_000),
  });
}

/** Fails, with what to do, when the registry does not answer `GET /v2/` (never skips). */
export async function assertRegistryWorks(host = registryHost): Promise<void> {
  const hint = 'Start it with `bash tools/engine/registry.sh` (as root; tools/test-all.sh does).';
  try {
    const response = await registryFetch(host, '');
    if (response.status !== 200)
      throw new Error(`GET http://${host}/v2/ answered ${response.status}.`);
  } catch (error) {
    throw new Error(
      `The local registry ${host} does not answer: ${(error as Error).message} ${hint}`,
    );
  }
}

/** The tags the registry holds for `repository` (none when it has never seen it). */
export async function registryTags(repository: string, host = registryHost): Promise<string[]> {
  const response = await registryFetch(host, `${repository}/tags/list`);
  if (response.status === 404) return [];
  const body = (await response.json()) as { tags?: string[] | null };
  return body.tags ?? [];
}

/** The manifest digest of `repository:tag`, or undefined when the registry does not hold it. */
export async function manifestDigest(
  repository: string,
  tag: string,
  host = registryHost,
): Promise<string | undefined> {
  const response = await registryFetch(host, `${repository}/manifests/${tag}`, { method: 'HEAD' });
  return response.ok ? (response.headers.get('docker-content-digest') ?? undefined) : undefined;
}

/** Repositories in the registry's catalog whose name starts with `prefix`. */
export async function repositoriesWithPrefix(
  prefix: string,
  host = registryHost,
): Promise<string[]> {
  const response = await registryFetch(host, '_catalog?n=1000');
  // distribution answers n above 1000 with an error, which would list nothing to clean.
  if (!response.ok) throw new Error(`GET http://${host}/v2/_catalog answered ${response.status}.`);
  const body = (await response.json()) as { repositories?: string[] };
  return (body.repositories ?? []).filter((name) => name.startsWith(prefix));
}

/**
 * Deletes every manifest a run pushed (repositories named with its unique prefix, which may
 * sit under a path: `<prefix>/api`). The registry's catalog keeps the empty repository names
 * until its garbage collector runs; their tags are gone.
 */
export async function deleteRunFromRegistry(prefix: string, host = registryHost): Promise<void> {
  for (const repository of await repositoriesWithPrefix(prefix, host)) {
    const digests = new Set<string>();
    for (const tag of await registryTags(repository, host)) {
      const digest = await manifestDigest(repository, tag, host);
      if (digest) digests.add(digest);
    }
    for (const digest of digests) {
      const response = await registryFetch(host, `${repository}/manifests/${digest}`, {
        method: 'DELETE',
      });
      if (response.status !== 202 && response.status !== 404)
        log(`WARNING: could not delete ${host}/${repository}@${digest}: ${response.status}`);
    }
  }
}

/** A user and a bcrypt hash of its password for the password-protected registry. */
export const TEST_REGISTRY_USER = 'docker-django';
export const TEST_REGISTRY_PASSWORD = 'docker-django-test';
const TEST_REGISTRY_HTPASSWD = `${TEST_REGISTRY_USER}:$2b$05$./XymlIR44iMb35llVHmHulH3GvmIcUMp2kKu08IMusVCOlbq7KXq\n`;

export interface ExtraRegistry {
  host: string;
  stop(): Promise<void>;
}

/**
 * Starts another docker-registry on a free 127.0.0.1 port for one test: `readOnly` refuses
 * every push (the registry's maintenance mode), `password` demands TEST_REGISTRY_USER's
 * password. Storage is a temp folder, removed by stop().
 */
export async function startExtraRegistry(kind: 'readOnly' | 'password'): Promise<ExtraRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'docker-django-registry-'));
  const port = await freePort(19000, 19999);
  const host = `127.0.0.1:${port}`;
  const lines = [
    'version: 0.1',
    'log: { level: warn }',
    'storage:',
    `  filesystem: { rootdirectory: ${join(dir, 'storage')} }`,
    '  delete: { enabled: true }',
    ...(kind === 'readOnly' ? ['  maintenance: { readonly: { enabled: true } }'] : []),
    `http: { addr: "${host}" }`,
    ...(kind === 'password'
      ? ['auth:', `  htpasswd: { realm: docker-django-test, path: ${join(dir, 'htpasswd')} }`]
      : []),
  ];
  writeFileSync(join(dir, 'htpasswd'), TEST_REGISTRY_HTPASSWD);
  writeFileSync(join(dir, 'config.yml'), `${lines.join('\n')}\n`);
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 50; i++) {
    try {
      const response = await registryFetch(host, '');
      if (response.status === 200 || response.status === 401) return { host, stop };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`docker-registry (${kind}) did not answer on ${host}:\n${stderr.slice(-2000)}`);
}

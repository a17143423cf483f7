// The Docker Engine API over its local socket, for the few image calls compose-build makes
// around a build (inspect, tag, list, untag). Each docker CLI start costs 20 to 80 ms here
// (a large Go binary reading its config); a request on the socket costs a few. Used only where
// the CLI would talk to that same socket: docker (not podman), no other context, DOCKER_HOST
// unset or unix://. Any transport error gives `undefined`, and the caller runs the CLI instead.
// DOCKER_DJANGO_ENGINE_API=off keeps every call on the CLI (and lets tests put a fake CLI on
// the PATH without the real engine answering behind its back).
import { readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readInspectOutput, type InspectAnswer } from '../../nx/engine-image-ids';
import { repositoryOf } from './content-tags';

export const ENGINE_API_ENV_VAR = 'DOCKER_DJANGO_ENGINE_API';
const DEFAULT_SOCKET = '/var/run/docker.sock';
const REQUEST_TIMEOUT_MS = 10_000;

/** The context the docker CLI would use: DOCKER_CONTEXT, else its config's currentContext. */
function dockerContext(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT;
  try {
    const dir = env.DOCKER_CONFIG ?? join(homedir(), '.docker');
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf-8')) as {
      currentContext?: unknown;
    };
    return typeof config.currentContext === 'string' ? config.currentContext : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The socket the docker CLI would talk to, when the API can be asked there instead; undefined
 * for podman, another context, a tcp:// or ssh:// DOCKER_HOST, or no socket file.
 */
export function engineApiSocket(
  containerCli: 'docker' | 'podman',
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (containerCli !== 'docker' || env[ENGINE_API_ENV_VAR] === 'off') return undefined;
  const context = dockerContext(env);
  if (context !== undefined && context !== 'default') return undefined;
  const host = env.DOCKER_HOST;
  let socket = DEFAULT_SOCKET;
  if (host) {
    if (!host.startsWith('unix://')) return undefined;
    socket = host.slice('unix://'.length);
  }
  try {
    return statSync(socket).isSocket() ? socket : undefined;
  } catch {
    return undefined;
  }
}

interface ApiResponse {
  status: number;
  body: string;
}

/** One request; undefined when the socket did not answer (the caller falls back to the CLI). */
function call(socket: string, method: string, path: string): Promise<ApiResponse | undefined> {
  return new Promise((resolve) => {
    const req = request(
      {
        socketPath: socket,
        method,
        path,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { Host: 'docker' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf-8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', () => resolve(undefined));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/** An image reference in a request path: `/` and `:` kept, as the engine's router expects. */
const inPath = (ref: string) => encodeURI(ref).replace(/[?#]/g, encodeURIComponent);

function messageOf(response: ApiResponse): string {
  try {
    const message = (JSON.parse(response.body) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the body itself
  }
  return response.body.trim();
}

/** The ids of `refs` (404: not there), read like `docker image inspect`'s output. */
export async function apiImageIds(
  socket: string,
  refs: readonly string[],
): Promise<InspectAnswer | undefined> {
  const answers = await Promise.all(
    refs.map((ref) => call(socket, 'GET', `/images/${inPath(ref)}/json`)),
  );
  if (answers.some((answer) => answer === undefined)) return undefined;
  const ids: string[] = [];
  const missing: string[] = [];
  answers.forEach((answer, i) => {
    if (answer?.status === 200) ids.push(String((JSON.parse(answer.body) as { Id?: unknown }).Id));
    else if (answer?.status === 404) missing.push(`no such image: ${refs[i]}`);
    else ids.push(`unexpected answer ${answer?.status}`);
  });
  return readInspectOutput(refs, ids.join('\n'), missing.join('\n'));
}

export interface ApiTagResult {
  ok: boolean;
  /** What was asked, for the error message: `POST /images/<source>/tag?...`. */
  request: string;
  status: number;
  message: string;
}

/** `docker tag source target`. */
export async function apiTag(
  socket: string,
  source: string,
  target: string,
): Promise<ApiTagResult | undefined> {
  const repo = repositoryOf(target);
  const tag = repo === target ? 'latest' : target.slice(repo.length + 1);
  const path =
    `/images/${inPath(source)}/tag?repo=${encodeURIComponent(repo)}` +
    `&tag=${encodeURIComponent(tag)}`;
  const response = await call(socket, 'POST', path);
  if (!response) return undefined;
  return {
    ok: response.status === 201 || response.status === 200,
    request: `POST ${path} (Engine API on ${socket})`,
    status: response.status,
    message: messageOf(response),
  };
}

/** The tags of `repository`, one a line, as `docker images <repository> --format {{.Tag}}`. */
export async function apiRepositoryTags(
  socket: string,
  repository: string,
): Promise<string | undefined> {
  const filters = encodeURIComponent(JSON.stringify({ reference: [repository] }));
  const response = await call(socket, 'GET', `/images/json?filters=${filters}`);
  if (response?.status !== 200) return undefined;
  try {
    const images = JSON.parse(response.body) as Array<{ RepoTags?: string[] | null }>;
    return images
      .flatMap((image) => image.RepoTags ?? [])
      .filter((ref) => repositoryOf(ref) === repository)
      .map((ref) => ref.slice(ref.lastIndexOf(':') + 1))
      .join('\n');
  } catch {
    return undefined;
  }
}

/** `docker rmi ref` of a tag: true when the engine answered (removed or refused). */
export async function apiRemoveTag(socket: string, ref: string): Promise<boolean> {
  return (await call(socket, 'DELETE', `/images/${inPath(ref)}`)) !== undefined;
}

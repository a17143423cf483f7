import type { Credentials } from './docker-credentials';
import { registryBaseUrl } from './registry-ref';

/**
 * Asks a registry (HTTP API v2) whether it holds a manifest: `HEAD /v2/<repo>/manifests/<tag>`,
 * with docker's login for the host, through the registry's Basic or Bearer token challenge.
 * Asked every time, never remembered: what the registry holds is the truth.
 */
export type ManifestAnswer = { present: true; digest: string | undefined } | { present: false };

export type RegistryFailureKind = 'unreachable' | 'auth' | 'unexpected';

export class RegistryQueryError extends Error {
  constructor(
    readonly kind: RegistryFailureKind,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'RegistryQueryError';
  }
}

type Fetch = typeof fetch;

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** `Bearer realm="https://auth.example/token",service="reg",scope="repository:x:pull"`. */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const [, key, quoted, bare] of match[2].matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g))
    params[key.toLowerCase()] = quoted ?? bare;
  return { scheme: match[1].toLowerCase(), params };
}

function basic(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

function networkDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

async function send(fetchImpl: Fetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(20_000) });
  } catch (error) {
    throw new RegistryQueryError('unreachable', networkDetail(error));
  }
}

/** The Bearer token for `scope`, from the realm the registry named (with the login, if any). */
async function bearerToken(
  fetchImpl: Fetch,
  challenge: Challenge,
  scope: string,
  credentials: Credentials | undefined,
): Promise<string> {
  const realm = challenge.params['realm'];
  if (!realm) throw new RegistryQueryError('auth', 'a Bearer challenge without a realm');
  const url = new URL(realm);
  if (challenge.params['service']) url.searchParams.set('service', challenge.params['service']);
  url.searchParams.set('scope', challenge.params['scope'] ?? scope);
  const response = await send(fetchImpl, url.toString(), {
    headers: credentials ? { Authorization: basic(credentials) } : {},
  });
  if (!response.ok)
    throw new RegistryQueryError('auth', `the token service answered ${response.status}`);
  const body = (await response.json()) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  if (!token) throw new RegistryQueryError('auth', 'the token service returned no token');
  return `Bearer ${token}`;
}

export async function headManifest(
  host: string,
  repository: string,
  tag: string,
  credentials: Credentials | undefined,
  fetchImpl: Fetch = fetch,
): Promise<ManifestAnswer> {
  const url = `${registryBaseUrl(host)}${repository}/manifests/${tag}`;
  const headers: Record<string, string> = { Accept: MANIFEST_TYPES };
  let response = await send(fetchImpl, url, { method: 'HEAD', headers });
  if (response.status === 401) {
    const challenge = parseChallenge(response.headers.get('www-authenticate'));
    let authorization: string | undefined;
    if (challenge?.scheme === 'bearer')
      authorization = await bearerToken(
        fetchImpl,
        challenge,
        `repository:${repository}:pull`,
        credentials,
      );
    else if (credentials) authorization = basic(credentials);
    if (authorization)
      response = await send(fetchImpl, url, {
        method: 'HEAD',
        headers: { ...headers, Authorization: authorization },
      });
  }
  return answerOf(response, credentials !== undefined);
}

/** Maps the final answer: 200 held, 404 not held, 401/403 a login problem, else unexpected. */
export function answerOf(
  response: Pick<Response, 'status' | 'headers'>,
  loggedIn: boolean,
): ManifestAnswer {
  if (response.status === 200)
    return { present: true, digest: response.headers.get('docker-content-digest') ?? undefined };
  if (response.status === 404) return { present: false };
  if (response.status === 401)
    throw new RegistryQueryError(
      'auth',
      loggedIn ? '401 Unauthorized: the stored login was refused' : '401 Unauthorized, no login',
    );
  if (response.status === 403) throw new RegistryQueryError('auth', '403 Forbidden (denied)');
  throw new RegistryQueryError('unexpected', `HTTP ${response.status}`);
}

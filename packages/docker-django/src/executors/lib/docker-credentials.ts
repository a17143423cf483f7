import execa from 'execa';
import { readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';

/**
 * The credentials `docker login` stored for a registry, read the way the docker CLI reads
 * them: a credential helper for that host (`credHelpers`), else the inline `auths` entry,
 * else the default store (`credsStore`). compose-push asks the registry with them whether it
 * already holds an image; the push itself is docker's and uses the same login.
 */
export interface Credentials {
  username: string;
  password: string;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

export function dockerConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['DOCKER_CONFIG'] || join(homedir(), '.docker'), 'config.json');
}

function readConfig(file: string): DockerConfig {
  try {
    return JSON.parse(readFileSync(file, 'utf-8')) as DockerConfig;
  } catch {
    // No login yet (or an unreadable file): ask the registry anonymously.
    return {};
  }
}

/** `auths` keys may be `host`, `https://host` or `https://host/v1/`. */
function authsEntry(config: DockerConfig, host: string) {
  for (const [key, value] of Object.entries(config.auths ?? {})) {
    const bare = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
    if (bare === host) return value;
  }
  return undefined;
}

/** The credentials of an inline `auths` entry (base64 `user:password`, or the two fields). */
export function inlineCredentials(
  entry: { auth?: string; username?: string; password?: string } | undefined,
): Credentials | undefined {
  if (!entry) return undefined;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf-8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password)
    return { username: entry.username, password: entry.password };
  return undefined;
}

async function fromHelper(helper: string, host: string): Promise<Credentials | undefined> {
  const result = await execa(`docker-credential-${helper}`, ['get'], {
    input: host,
    reject: false,
    timeout: 15_000,
  });
  if (result.exitCode !== 0) return undefined;
  try {
    const { Username, Secret } = JSON.parse(result.stdout) as {
      Username?: string;
      Secret?: string;
    };
    return Username && Secret ? { username: Username, password: Secret } : undefined;
  } catch {
    return undefined;
  }
}

export async function credentialsFor(
  host: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Credentials | undefined> {
  const config = readConfig(dockerConfigFile(env));
  const helper = config.credHelpers?.[host];
  if (helper) return fromHelper(helper, host);
  const inline = inlineCredentials(authsEntry(config, host));
  if (inline) return inline;
  if (config.credsStore) return fromHelper(config.credsStore, host);
  return undefined;
}

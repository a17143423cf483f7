import { readRegistryAddress, type RegistryAddress } from '../../nx/registry-address';
import { invalidOptionError } from './errors';
import type { CommandSpec } from './run-compose';

/** Where compose-push sends a project's images (see nx/registry-address.ts). */
export type RegistryTarget = RegistryAddress;

export const REGISTRY_ENV = 'DOCKER_DJANGO_REGISTRY';

/** Docker's tag grammar. */
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Reads the registry option (`host[:port][/namespace]`); throws what to write instead. */
export function parseRegistry(value: string, project: string): RegistryTarget {
  const address = readRegistryAddress(value);
  if ('problem' in address) throw invalidOptionError(project, '--registry', value, address.problem);
  return address;
}

/** Docker's rule for the first component of a reference: a registry host, not a path. */
function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/**
 * The repository an image gets in the registry: `api:latest` → `127.0.0.1:5000/team/api`.
 * A registry host already in the compose file's image name is replaced, its path kept.
 */
export function remoteRepository(registry: RegistryTarget, image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const repository = colon > slash ? image.slice(0, colon) : image;
  const parts = repository.split('/');
  if (parts.length > 1 && isRegistryHost(parts[0])) parts.shift();
  return [registry.host, registry.namespace, parts.join('/')].filter(Boolean).join('/');
}

/** The repository path the registry's HTTP API knows: the remote repository minus the host. */
export function apiRepository(registry: RegistryTarget, remote: string): string {
  return remote.slice(registry.host.length + 1);
}

/** The tag after the last colon of a reference (`api:nx-1a2b` → `nx-1a2b`). */
export function tagOf(reference: string): string {
  return reference.slice(reference.lastIndexOf(':') + 1);
}

/** Docker allows plain HTTP to loopback registries without configuration; others use HTTPS. */
export function isLoopback(host: string): boolean {
  const name = host.replace(/:[0-9]+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

export function registryBaseUrl(host: string): string {
  return `${isLoopback(host) ? 'http' : 'https'}://${host}/v2/`;
}

export interface PushTags {
  /** `nx-<hash>`: what the image was built from; the tag that decides whether to push. */
  content: string;
  /** `sha-<commit>` when the project's files are committed, else undefined. */
  commit?: string;
  /** The moving tag (default `latest`), or undefined when switched off. */
  moving?: string;
}

/** The tags pushed for one image, content tag first (the others follow it). */
export function tagList(tags: PushTags): string[] {
  return [tags.content, tags.commit, tags.moving].filter(
    (tag, i, all): tag is string => tag !== undefined && all.indexOf(tag) === i,
  );
}

export function pushCommand(cli: string, reference: string): CommandSpec {
  return { file: cli, args: ['push', reference] };
}

export function gitCommitCommand(): CommandSpec {
  return { file: 'git', args: ['rev-parse', '--short=12', 'HEAD'] };
}

/** Uncommitted changes under the project: a commit tag would then name other files. */
export function gitDirtyCommand(projectRoot: string): CommandSpec {
  return { file: 'git', args: ['status', '--porcelain', '--', projectRoot] };
}

/** The content tags an image carries (`{{json .RepoTags}}`), for a push outside a task graph. */
export function repoTagsCommand(cli: string, image: string): CommandSpec {
  return { file: cli, args: ['image', 'inspect', '--format', '{{json .RepoTags}}', image] };
}

/** The content tag among an image's tags, when exactly one `<repository>:nx-...` is there. */
export function contentTagAmong(image: string, repoTagsJson: string): string | undefined {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const repository = colon > slash ? image.slice(0, colon) : image;
  let tags: unknown;
  try {
    tags = JSON.parse(repoTagsJson);
  } catch {
    return undefined;
  }
  if (!Array.isArray(tags)) return undefined;
  const found = tags.filter(
    (tag): tag is string => typeof tag === 'string' && tag.startsWith(`${repository}:nx-`),
  );
  return found.length === 1 ? found[0] : undefined;
}

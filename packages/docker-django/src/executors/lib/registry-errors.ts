import { ComposeError } from './errors';
import type { RegistryFailureKind } from './registry-client';
import { REGISTRY_ENV } from './registry-ref';

/**
 * The errors of compose-push, one per way a push fails, each saying what to do. Messages go
 * through ComposeError, which hides any password in a URL.
 */
const LOGIN_HINT = (host: string) =>
  `Log in first with \`docker login ${host}\` (in CI: a login step with the registry's ` +
  'secrets, as `nx g docker-django:ci --registry` writes), and check that the account may push there.';

const ADDRESS_HINT =
  `Check the address (--registry, ${REGISTRY_ENV} or the docker-django plugin's registry ` +
  'option in nx.json) and that the registry is running; a registry on plain HTTP that is not ' +
  "on localhost must be in the engine's insecure-registries.";

export function noRegistryError(project: string, target: string): ComposeError {
  return new ComposeError(
    `No registry to push the images of project "${project}" to. Pass --registry ` +
      `host[:port][/namespace] to \`nx run ${project}:${target}\`, set ${REGISTRY_ENV}, or add ` +
      '"registry" to the docker-django plugin options in nx.json.',
  );
}

export function notBuiltError(
  project: string,
  service: string,
  reference: string,
  buildTarget: string,
): ComposeError {
  return new ComposeError(
    `Image ${reference} of service "${service}" is not in the engine, so project "${project}" ` +
      `has nothing to push. Build it with \`nx run ${project}:${buildTarget}\` (compose-push ` +
      'depends on it when run through nx) and push again.',
  );
}

export function unnamedImagesError(project: string): ComposeError {
  return new ComposeError(
    `The compose file of project "${project}" builds no image with a literal name ` +
      '(`image: api:latest`; a name with ${VARIABLES} or a digest cannot be pushed by tag). ' +
      'Give each built service an `image:` name.',
  );
}

export function registryError(
  kind: RegistryFailureKind,
  project: string,
  host: string,
  what: string,
  detail: string,
): ComposeError {
  if (kind === 'auth')
    return new ComposeError(
      `Registry "${host}" refused ${what} for project "${project}" (${detail}). ${LOGIN_HINT(host)}`,
    );
  if (kind === 'unreachable')
    return new ComposeError(
      `Registry "${host}" does not answer (${detail}), so ${what} failed for project ` +
        `"${project}". ${ADDRESS_HINT}`,
    );
  return new ComposeError(
    `Registry "${host}" rejected ${what} for project "${project}": ${detail}. Its own message ` +
      "is above; check the registry's storage, quota and read-only mode, or the repository's " +
      'rules (immutable tags), then push again.',
  );
}

const AUTH =
  /unauthorized|authentication required|no basic auth credentials|denied|forbidden|\b401\b|\b403\b/i;
const UNREACHABLE =
  /connection refused|no such host|i\/o timeout|dial tcp|server gave HTTP response to HTTPS client|tls: |network is unreachable|context deadline exceeded/i;

/** What a failed `docker push` said: a login problem, an unreachable registry, or a refusal. */
export function classifyPushFailure(output: string): RegistryFailureKind {
  if (UNREACHABLE.test(output)) return 'unreachable';
  if (AUTH.test(output)) return 'auth';
  return 'unexpected';
}

/** The line of a failed push that explains it (docker prints it last). */
export function pushFailureDetail(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const explained = [...lines]
    .reverse()
    .find((line) => /error|denied|unauthorized|refused|invalid|not allowed|failed/i.test(line));
  return (explained ?? lines[lines.length - 1] ?? 'no output').slice(0, 300);
}

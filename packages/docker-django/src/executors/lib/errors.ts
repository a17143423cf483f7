import { redactUrls } from './redact';

/**
 * Errors the compose executors report to the user. Every message follows the house
 * template: what failed, the quoted value, the project, the fix. The executors catch
 * `ComposeError`, log its message and return `{ success: false }`; nothing is swallowed.
 */
export class ComposeError extends Error {
  constructor(message: string) {
    // Messages quote DOCKER_HOST, commands and compose's output: never a URL's password.
    super(redactUrls(message));
    this.name = 'ComposeError';
  }
}

export interface ProbeAttempt {
  /** The command line that was tried, e.g. `docker compose version`. */
  command: string;
  /** Why it did not qualify, e.g. `not found on PATH` or `exit 1: unknown command`. */
  reason: string;
}

export const COMPOSE_INSTALL_HINT =
  "Install Docker Compose v2 (Debian/Ubuntu with Docker's apt repository: `apt-get install docker-compose-plugin`; " +
  'otherwise see https://docs.docker.com/compose/install/) or podman-compose (`pip install podman-compose`)';

export function noComposeCliError(project: string, attempts: ProbeAttempt[]): ComposeError {
  const tried = attempts.map((a) => `\`${a.command}\` (${a.reason})`).join(', ');
  return new ComposeError(
    `No compose CLI found for project "${project}". Tried: ${tried}. ` +
      `${COMPOSE_INSTALL_HINT}, or choose an installed one with --engine or DOCKER_DJANGO_COMPOSE_ENGINE.`,
  );
}

export function engineUnusableError(
  project: string,
  engine: string,
  source: string,
  attempt: ProbeAttempt,
  installHint: string,
): ComposeError {
  return new ComposeError(
    `Compose engine "${engine}" (${source}) is not usable for project "${project}": ` +
      `\`${attempt.command}\` failed (${attempt.reason}). ` +
      `${installHint}, or pick another engine (docker, docker-compose, podman, podman-compose) or "auto".`,
  );
}

export function invalidOptionError(
  project: string,
  option: string,
  value: unknown,
  fix: string,
): ComposeError {
  return new ComposeError(
    `Invalid ${option} ${JSON.stringify(value)} for project "${project}". ${fix}`,
  );
}

export function unsupportedOptionError(
  project: string,
  option: string,
  engineLabel: string,
  detail: string,
): ComposeError {
  return new ComposeError(
    `Option ${option} is not supported by ${engineLabel} (project "${project}"): ${detail}. ` +
      `Upgrade it, choose another engine with --engine, or drop the option.`,
  );
}

export function composeFileMissingError(
  project: string,
  composeFile: string,
  alternatives: string[],
): ComposeError {
  const alt =
    alternatives.length > 0
      ? ` Found ${alternatives.map((a) => `"${a}"`).join(', ')} there: pass --composeFile ${alternatives[0]} to use it.`
      : '';
  return new ComposeError(
    `No compose file "${composeFile}" for project "${project}".${alt} ` +
      `To generate one, run \`nx g docker-django:init --project ${project}\`.`,
  );
}

export function composeFileUnusableError(
  project: string,
  composeFile: string,
  problem: string,
): ComposeError {
  return new ComposeError(
    `Compose file "${composeFile}" of project "${project}" cannot be used: ${problem}. ` +
      'Pass --composeFile with the path of the compose YAML file (relative to the project root), ' +
      'then run the target again.',
  );
}

export function composeFileMalformedError(
  project: string,
  composeFile: string,
  problem: string,
  position?: { line: number; col: number },
): ComposeError {
  const at = position ? ` at line ${position.line}, column ${position.col}` : '';
  const where = position ? `${composeFile}:${position.line}:${position.col}` : composeFile;
  return new ComposeError(
    `Compose file "${composeFile}" of project "${project}" is malformed${at}: ${problem}. ` +
      `Fix ${where} (check indentation and quoting) and run the target again.`,
  );
}

export function unknownServicesError(
  project: string,
  composeFile: string,
  unknown: string[],
  known: string[],
): ComposeError {
  const names = unknown.map((s) => `"${s}"`).join(', ');
  return new ComposeError(
    `Service${unknown.length > 1 ? 's' : ''} ${names} not found in "${composeFile}" of project "${project}". ` +
      `Services defined there: ${known.length > 0 ? known.join(', ') : '(none)'}. Fix --services.`,
  );
}

export function daemonUnreachableError(
  project: string,
  cli: 'docker' | 'podman',
  detail: string,
  env: NodeJS.ProcessEnv,
): ComposeError {
  if (cli === 'podman') {
    const host = env['CONTAINER_HOST'];
    const where = host
      ? `CONTAINER_HOST is "${host}"`
      : 'CONTAINER_HOST is not set, so the local podman service is used';
    return new ComposeError(
      `Cannot reach the podman engine for project "${project}" (\`podman info\` failed: ${detail}). ${where}. ` +
        'Start it (e.g. `podman machine start` or `systemctl --user start podman.socket`) or fix ' +
        'CONTAINER_HOST, then check with `podman info`.',
    );
  }
  const host = env['DOCKER_HOST'];
  const context = env['DOCKER_CONTEXT'] ? ` DOCKER_CONTEXT is "${env['DOCKER_CONTEXT']}".` : '';
  const where = host
    ? `DOCKER_HOST is "${host}".`
    : 'DOCKER_HOST is not set, so the current docker context is used (by default unix:///var/run/docker.sock).';
  return new ComposeError(
    `Cannot reach the Docker daemon for project "${project}" (\`docker info\` failed: ${detail}). ${where}${context} ` +
      'Start Docker (e.g. `sudo systemctl start docker` or Docker Desktop) or fix DOCKER_HOST, ' +
      'then check with `docker info`.',
  );
}

export function commandFailedError(
  project: string,
  target: string,
  command: string,
  exitCode: number | undefined,
  fix: string,
): ComposeError {
  const code = exitCode === undefined ? 'was killed' : `exited with code ${exitCode}`;
  return new ComposeError(
    `${target} failed for project "${project}": \`${command}\` ${code} (its output is above). ${fix}`,
  );
}

export function dockerCliMissingError(project: string, cli: string, purpose: string): ComposeError {
  return new ComposeError(
    `The "${cli}" CLI is needed to ${purpose} for project "${project}" but was not found on PATH. ` +
      `Install it (the compose CLI alone cannot report container health), or pass --wait=false.`,
  );
}

export interface ServiceProblem {
  service: string;
  container: string;
  detail: string;
}

export function waitFailedError(
  project: string,
  composeProject: string,
  reason: 'failed' | 'timeout',
  problems: ServiceProblem[],
  waitTimeout: number | undefined,
  downTarget = 'compose-down',
): ComposeError {
  const list = problems.map((p) => `"${p.service}" (${p.container}: ${p.detail})`).join(', ');
  const what =
    reason === 'timeout'
      ? `did not become healthy within ${waitTimeout}s`
      : 'failed to start or became unhealthy';
  const fix =
    reason === 'timeout'
      ? 'Check the healthcheck and start-up of those services, or raise --waitTimeout'
      : 'Fix the service (its command, configuration or healthcheck)';
  return new ComposeError(
    `Services of project "${project}" (compose project "${composeProject}") ${what}: ${list}. ` +
      `Their last log lines are above. ${fix}, then run the target again; \`nx run ` +
      `${project}:${downTarget}\` removes the containers.`,
  );
}

export function tagFailedError(
  project: string,
  source: string,
  target: string,
  command: string,
  exitCode: number | undefined,
  detail: string,
  buildTarget: string,
): ComposeError {
  const code = exitCode === undefined ? 'was killed' : `exited with code ${exitCode}`;
  return new ComposeError(
    `Could not tag image "${source}" as "${target}" for project "${project}": \`${command}\` ${code}` +
      `${detail ? ` (${detail})` : ''}. Check that the engine is running and has disk space (\`docker system df\`), ` +
      `then run \`nx run ${project}:${buildTarget}\` again.`,
  );
}

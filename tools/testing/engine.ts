// The Docker engine the tests share with other runs and developers: checks that it is there,
// the docker CLI, and names no one else uses.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { cleanEnv } from './env';
import { run, runOrThrow, type RunResult } from './run';

/** docker on the shared engine, from the temp folder; never throws for a non-zero exit. */
export function docker(
  args: readonly string[],
  options: { cwd?: string; timeout?: number; env?: Record<string, string | undefined> } = {},
): Promise<RunResult> {
  return run('docker', args, {
    cwd: options.cwd ?? tmpdir(),
    env: options.env ?? cleanEnv(),
    timeout: options.timeout ?? 5 * 60 * 1000,
  });
}

/** The non-empty, trimmed lines a docker command prints; throws when it fails. */
export async function dockerLines(args: readonly string[]): Promise<string[]> {
  const result = await runOrThrow('docker', args, { cwd: tmpdir(), env: cleanEnv() });
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * Fails, with what to do about it, when no Docker engine with Compose v2 answers. Called
 * before anything else: the tests never skip for want of Docker (CI=true or not), they fail.
 */
export async function assertDockerWorks(): Promise<void> {
  const hint =
    'The e2e suite and the benchmarks need a running Docker engine with Compose v2: run `npm run engine` (tools/engine/setup.sh) as root.';
  const info = await docker(['info', '--format', '{{.ServerVersion}}']).catch(
    (error: Error) =>
      ({ exitCode: -1, output: error.message }) as Pick<RunResult, 'exitCode' | 'output'>,
  );
  if (info.exitCode !== 0)
    throw new Error(
      `\`docker info\` failed${process.env.CI ? ' (CI is set)' : ''}. ${hint}\n${info.output}`,
    );
  const compose = await docker(['compose', 'version', '--short']);
  if (compose.exitCode !== 0)
    throw new Error(
      `\`docker compose version\` failed: Compose v2 is missing. ${hint}\n${compose.output}`,
    );
}

/** Fails when an image the generated Dockerfiles build FROM is absent (no registry to pull it from). */
export async function assertImagePresent(image: string): Promise<void> {
  const result = await docker(['image', 'inspect', image]);
  if (result.exitCode !== 0) {
    throw new Error(
      `Image ${image} is not in the local engine and there is no registry to pull it from. Run \`npm run engine\`.`,
    );
  }
}

/**
 * `<kind>-<label>-<6 hex>`: a name (compose project, image repository, prefix of a run) no
 * other test, run or developer stack uses. `label` is reduced to what compose accepts.
 */
export function uniqueName(kind: string, label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${kind}-${slug}-${randomBytes(3).toString('hex')}`;
}

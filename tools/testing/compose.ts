// Compose projects the tests start, and taking each down with everything it made, even when
// the test failed half-way or its compose file is broken or gone.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { docker } from './engine';
import { cleanEnv } from './env';
import { removeImageTags } from './images';
import { log } from './log';
import { run, type RunResult } from './run';

export function compose(
  project: string | undefined,
  args: readonly string[],
  cwd: string,
  timeout = 10 * 60 * 1000,
): Promise<RunResult> {
  const projectArgs = project ? ['-p', project] : [];
  return run('docker', ['compose', ...projectArgs, ...args], { cwd, env: cleanEnv(), timeout });
}

const projectLabel = (project: string) => `label=com.docker.compose.project=${project}`;

/**
 * Removes what a compose project started: containers, networks, volumes and, unless
 * `keepImages`, the images it built. Runs from a folder without a compose file, so it works
 * even when the project's compose.yaml is broken or gone; then sweeps by compose's project
 * label for anything left.
 */
export async function composeDown(
  project: string,
  options: { keepImages?: boolean } = {},
): Promise<void> {
  const rmi = options.keepImages ? [] : ['--rmi', 'local'];
  const down = await compose(
    project,
    ['down', '--volumes', '--remove-orphans', ...rmi, '--timeout', '5'],
    tmpdir(),
    5 * 60 * 1000,
  );
  if (down.exitCode !== 0)
    log(`compose down ${project} failed (sweeping by label): ${down.output.trim()}`);
  const label = projectLabel(project);
  await removeListed(['ps', '-aq', '--filter', label], ['rm', '-f', '-v']);
  await removeListed(['network', 'ls', '-q', '--filter', label], ['network', 'rm']);
  await removeListed(['volume', 'ls', '-q', '--filter', label], ['volume', 'rm', '-f']);
  if (!options.keepImages)
    await removeListed(['image', 'ls', '-q', '--filter', label], ['image', 'rm', '-f']);
}

/** Lists ids with `docker <list>` and removes them with `docker <remove>`; logs instead of throwing. */
export async function removeListed(list: string[], remove: string[]): Promise<void> {
  const listed = await docker(list);
  const ids = [
    ...new Set(
      listed.stdout
        .split('\n')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length === 0) return;
  const removed = await docker([...remove, ...ids]);
  if (removed.exitCode !== 0)
    log(`\`docker ${remove.join(' ')}\` failed: ${removed.output.trim()}`);
}

/**
 * The compose projects a test file started. Tests `track()` a name before `up`, and an
 * afterEach/afterAll calls `downAll()`, so a failed assertion or a timeout still cleans up.
 * With `keepImages`, `downAll` leaves the built images for later tests (a rebuild costs tens
 * of seconds) and `removeImages` removes them at the end.
 */
export class ComposeProjects {
  private readonly started = new Set<string>();
  private readonly everStarted = new Set<string>();

  constructor(private readonly options: { keepImages?: boolean } = {}) {}

  track(project: string): string {
    this.started.add(project);
    this.everStarted.add(project);
    return project;
  }

  async downAll(): Promise<void> {
    const projects = [...this.started];
    this.started.clear();
    for (const project of projects) await composeDown(project, this.options);
  }

  /**
   * The `:latest` tags and content tags (compose-build's `:nx-*`, compose-up's own build's
   * `:nxup-*`: docker-compose v1 labels neither) made for `repositories`, and every image
   * labelled with a project this instance tracked (compose v2 labels what it builds, dangling
   * builds included).
   */
  async removeImages(repositories: Iterable<string>): Promise<void> {
    for (const repository of repositories) {
      await removeImageTags([repository], {
        only: (tag) =>
          tag === `${repository}:latest` ||
          tag.startsWith(`${repository}:nx-`) ||
          tag.startsWith(`${repository}:nxup-`),
      });
    }
    for (const project of this.everStarted) {
      await removeListed(['image', 'ls', '-q', '--filter', projectLabel(project)], ['rmi', '-f']);
    }
  }
}

/**
 * The compose project of a generated compose file: the one the generator recorded
 * (`x-docker-django.composeProject`, unique per workspace and project), else `fallback` (the
 * Nx project name, which a file without a record runs under).
 */
export function composeProjectOf(composeFile: string, fallback: string): string {
  if (!existsSync(composeFile)) return fallback;
  const doc = parse(readFileSync(composeFile, 'utf-8')) as {
    'x-docker-django'?: { composeProject?: unknown };
  } | null;
  const recorded = doc?.['x-docker-django']?.composeProject;
  return typeof recorded === 'string' ? recorded : fallback;
}

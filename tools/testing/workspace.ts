// Workspaces from a template: the real `create-nx-workspace@<version>` runs once per version
// and its result is kept; every test file or benchmark gets a copy of its own.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv } from './env';
import { isTruthy, log } from './log';
import { nxMajor } from './nx-versions';
import { templatesRoot } from './paths';
import { describeFailure, run, runOrThrow, type RunResult } from './run';
import { timed } from './timing';

const MARKER = '.docker-django-e2e-template.json';
const WORKSPACE_NAME = 'e2e-ws';

/**
 * The flags that make `create-nx-workspace@<version>` ask nothing and set up neither git nor
 * CI nor Nx Cloud. Part of the template's identity: change them and old templates are remade.
 */
export function createWorkspaceArgs(version: string): string[] {
  const args = [
    '--preset=apps',
    '--nxCloud=skip',
    '--pm=npm',
    '--interactive=false',
    '--skipGit',
    '--no-useGitHub',
    '--skipGitHubPush',
    '--analytics=false',
  ];
  // Nx 23 asks which AI agents to configure and accepts "none"; Nx 22 has no "none" choice
  // (yargs rejects it) and asks nothing without --interactive.
  if (nxMajor(version) >= 23) args.push('--aiAgents=none');
  return args;
}

interface TemplateMarker {
  nxVersion: string;
  args: string[];
  createdAt: string;
}

export function templateDir(version: string): string {
  return join(templatesRoot, `nx-${version}`);
}

function templateIsValid(dir: string, version: string): boolean {
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf-8')) as TemplateMarker;
    return (
      marker.nxVersion === version &&
      JSON.stringify(marker.args) === JSON.stringify(createWorkspaceArgs(version)) &&
      hasNx(dir, version) &&
      existsSync(join(dir, 'node_modules', '.bin', 'nx'))
    );
  } catch {
    return false;
  }
}

/** A workspace whose nx.json is there and whose installed nx is exactly `version`. */
function hasNx(dir: string, version: string): boolean {
  try {
    const nx = JSON.parse(
      readFileSync(join(dir, 'node_modules', 'nx', 'package.json'), 'utf-8'),
    ) as { version: string };
    return nx.version === version && existsSync(join(dir, 'nx.json'));
  } catch {
    return false;
  }
}

/**
 * A pristine workspace made by the real `create-nx-workspace@<version>`, made once and kept in
 * tmp/e2e/templates/nx-<version> for later runs (E2E_REFRESH_TEMPLATES=1 remakes it). It is made
 * in a staging folder and renamed into place, so an interrupted run never leaves a half-made
 * template that looks valid.
 */
export async function ensureTemplate(version: string): Promise<string> {
  const dir = templateDir(version);
  if (!isTruthy(process.env.E2E_REFRESH_TEMPLATES) && templateIsValid(dir, version)) {
    log(`reusing workspace template ${dir}`);
    return dir;
  }
  mkdirSync(templatesRoot, { recursive: true });
  const staging = mkdtempSync(join(templatesRoot, `.staging-nx-${version}-`));
  try {
    const args = createWorkspaceArgs(version);
    await timed(`create-nx-workspace@${version}`, () =>
      runOrThrow('npx', ['--yes', `create-nx-workspace@${version}`, WORKSPACE_NAME, ...args], {
        cwd: staging,
        env: cleanEnv(),
        timeout: 10 * 60 * 1000,
      }),
    );
    const created = join(staging, WORKSPACE_NAME);
    if (!hasNx(created, version)) {
      throw new Error(
        `create-nx-workspace@${version} succeeded but ${created} has no nx ${version} in node_modules.`,
      );
    }
    // Project-graph caches hold absolute paths of this folder; every copy computes its own.
    rmSync(join(created, '.nx'), { recursive: true, force: true });
    const marker: TemplateMarker = {
      nxVersion: version,
      args,
      createdAt: new Date().toISOString(),
    };
    writeFileSync(join(created, MARKER), JSON.stringify(marker, null, 2) + '\n');
    rmSync(dir, { recursive: true, force: true });
    renameSync(created, dir);
    log(`created workspace template ${dir}`);
    return dir;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

type NxOptions = { env?: Record<string, string | undefined>; timeout?: number };

export interface TestWorkspace {
  root: string;
  nxVersion: string;
  /** `npx nx <args>` in the workspace root; never throws for a non-zero exit. */
  nx(args: readonly string[], options?: NxOptions): Promise<RunResult>;
  /** Like `nx`, but a non-zero exit throws with the command and its output. */
  mustNx(args: readonly string[], options?: NxOptions): Promise<RunResult>;
  /** Removes the workspace folder (kept when E2E_KEEP_WORKSPACES=1, for debugging). */
  dispose(): void;
}

export interface WorkspaceOptions {
  /** Name prefix of the temp folder. */
  tmpPrefix?: string;
  /** Added to cleanEnv() for every nx run (before each run's own `env`). */
  env?: Record<string, string | undefined>;
  /** Default limit of one nx run, in milliseconds. */
  nxTimeout?: number;
}

/**
 * A workspace of its own: a copy of the version's template (node_modules included, so no
 * install from scratch) in a fresh temp folder, outside any git repository.
 */
export async function createTestWorkspace(
  version: string,
  options: WorkspaceOptions = {},
): Promise<TestWorkspace> {
  const template = await ensureTemplate(version);
  const root = mkdtempSync(join(tmpdir(), options.tmpPrefix ?? `docker-django-e2e-nx-${version}-`));
  try {
    await timed(`copy template nx-${version}`, () =>
      runOrThrow('cp', ['-a', `${template}/.`, root], { cwd: tmpdir() }),
    );
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  rmSync(join(root, MARKER), { force: true });
  log(`workspace for Nx ${version}: ${root}`);
  const nx = (args: readonly string[], nxOptions: NxOptions = {}) =>
    runNx(root, args, {
      env: { ...options.env, ...nxOptions.env },
      timeout: nxOptions.timeout ?? options.nxTimeout,
    });
  return {
    root,
    nxVersion: version,
    nx,
    async mustNx(args, nxOptions) {
      const result = await nx(args, nxOptions);
      if (result.exitCode !== 0) throw new Error(describeFailure(result, 'nx failed'));
      return result;
    },
    dispose() {
      if (isTruthy(process.env.E2E_KEEP_WORKSPACES)) {
        log(`E2E_KEEP_WORKSPACES is set: keeping ${root}`);
        return;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The workspace's own nx (`npx nx` resolves node_modules/.bin/nx of the cwd), daemon and cloud off. */
export function runNx(
  root: string,
  args: readonly string[],
  options: NxOptions = {},
): Promise<RunResult> {
  return run('npx', ['nx', ...args], {
    cwd: root,
    env: cleanEnv(options.env),
    timeout: options.timeout ?? 5 * 60 * 1000,
  });
}

/** `npm install -D <tarball> [npmArgs]`, as a user adds the published plugin. */
export async function installPlugin(
  ws: TestWorkspace,
  tarball: string,
  npmArgs: readonly string[] = [],
): Promise<void> {
  const result = await timed(`npm install -D docker-django (Nx ${ws.nxVersion})`, () =>
    run('npm', ['install', '-D', tarball, '--no-audit', '--no-fund', ...npmArgs], {
      cwd: ws.root,
      env: cleanEnv(),
      timeout: 10 * 60 * 1000,
    }),
  );
  if (result.exitCode !== 0)
    throw new Error(describeFailure(result, 'Installing the packed plugin failed'));
  const installed = join(ws.root, 'node_modules', 'docker-django', 'package.json');
  if (!existsSync(installed)) throw new Error(`npm install succeeded but ${installed} is missing.`);
}

// Real Nx workspaces for the benchmarks: a copy of the shared create-nx-workspace template
// (tools/testing/workspace.ts, made once, kept in tmp/e2e/templates/nx-<version>) with the packed
// plugin installed by npm, and Django projects made by Django's own `django-admin`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPPORTED_NX_VERSIONS } from '../../tools/testing/nx-versions';
import { pluginDistDir, repoRoot } from '../../tools/testing/paths';
import { startDjangoProject } from '../../tools/testing/projects';
import { runOrThrow, type RunResult } from '../../tools/testing/run';
import {
  createTestWorkspace,
  installPlugin,
  type TestWorkspace,
} from '../../tools/testing/workspace';
import { BENCH_ENV, benchEnv } from './env';
import type { Cleanup } from './main';
import { log } from '../../tools/testing/log';

export const NX_VERSION = process.env.BENCH_NX_VERSION ?? SUPPORTED_NX_VERSIONS[0];
/**
 * The built plugin: BENCH_DIST_DIR (bench/run.sh's private copy, safe from a colleague's
 * rebuild of dist/ in the middle of a run), else dist/packages/docker-django.
 */
export const distDir = process.env.BENCH_DIST_DIR ?? pluginDistDir;

/** Fails unless dist holds a built plugin whose executors.json points at existing files. */
export function assertDistBuilt(): void {
  const manifest = join(distDir, 'executors.json');
  if (!existsSync(manifest)) throw new Error(`${manifest} is missing: run \`npm run build\`.`);
  const { executors } = JSON.parse(readFileSync(manifest, 'utf-8')) as {
    executors: Record<string, { implementation: string; schema: string }>;
  };
  for (const name of ['compose-build', 'compose-up', 'compose-down']) {
    const entry = executors[name];
    if (!entry) throw new Error(`dist executors.json has no "${name}" executor.`);
    for (const file of [`${entry.implementation}.js`, entry.schema]) {
      if (!existsSync(join(distDir, file))) {
        throw new Error(`dist executors.json: "${name}" points at ${file}, which does not exist.`);
      }
    }
  }
}

/**
 * The packed plugin: BENCH_PLUGIN_TGZ (bench/run.sh packs dist once for all benchmarks), else
 * packed from dist now into a temporary folder removed at cleanup.
 */
export async function pluginTarball(cleanup: Cleanup): Promise<string> {
  const given = process.env.BENCH_PLUGIN_TGZ;
  if (given) {
    if (!existsSync(given)) throw new Error(`BENCH_PLUGIN_TGZ=${given} does not exist.`);
    return given;
  }
  assertDistBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'bench-pack-'));
  cleanup.add('remove packed plugin', () => rmSync(dir, { recursive: true, force: true }));
  const packed = await runOrThrow('npm', ['pack', distDir, '--pack-destination', dir, '--json'], {
    cwd: repoRoot,
    env: benchEnv(),
  });
  const [entry] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  return join(dir, entry.filename);
}

/**
 * A fresh workspace in the temp folder: the template copied (node_modules included), the
 * packed plugin installed with `npm install -D`, as a user adds it. Removed at cleanup.
 */
export async function createWorkspace(
  cleanup: Cleanup,
  label: string,
  withPlugin = true,
): Promise<TestWorkspace> {
  const ws = await createTestWorkspace(NX_VERSION, {
    tmpPrefix: `bench-ws-${label}-`,
    env: BENCH_ENV,
    nxTimeout: 10 * 60_000,
  });
  // BENCH_KEEP=1 leaves the workspace in place for profiling by hand (its path is logged).
  if (process.env.BENCH_KEEP === '1') log(`keeping workspace ${ws.root} (BENCH_KEEP=1)`);
  else cleanup.add(`remove workspace ${ws.root}`, () => ws.dispose());
  if (withPlugin) await installPlugin(ws, await pluginTarball(cleanup), ['--prefer-offline']);
  return ws;
}

export interface DjangoApp {
  name: string;
  /** Workspace-relative root. */
  root: string;
  /** Absolute path. */
  path: string;
  module: string;
}

/**
 * A Django project as an Nx project: project.json, `django-admin startproject <module>`, and a
 * requirements.txt with what the stand-ins' offline package index serves.
 */
export async function addDjangoApp(
  ws: TestWorkspace,
  name: string,
  options: { module?: string; requirements?: string } = {},
): Promise<DjangoApp> {
  const project = await startDjangoProject(ws.root, {
    name,
    module: options.module,
    files: { 'requirements.txt': options.requirements ?? 'Django>=4.2,<5\ngunicorn\n' },
  });
  return { name, root: project.root, path: project.path, module: project.module };
}

/** `nx g docker-django:init <app> --pythonVersion 3.13`, no prompts, no database. */
export async function initApp(
  ws: TestWorkspace,
  app: DjangoApp,
  extra: string[] = [],
): Promise<RunResult> {
  return ws.mustNx([
    'g',
    'docker-django:init',
    app.name,
    '--pythonVersion',
    '3.13',
    '--database',
    'none',
    '--no-interactive',
    ...extra,
  ]);
}

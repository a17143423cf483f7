// Real Nx workspaces for the benchmarks: a copy of the e2e harness's cached
// create-nx-workspace template (tmp/e2e/templates/nx-<version>, read only) with the packed
// plugin installed by npm, and Django projects made by Django's own `django-admin`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, exec, log, mustRun, repoRoot, type Cleanup, type Result } from './util';

export const NX_VERSION = process.env.BENCH_NX_VERSION ?? '22.7.8';
/**
 * The built plugin: BENCH_DIST_DIR (bench/run.sh's private copy, safe from a colleague's
 * rebuild of dist/ in the middle of a run), else dist/packages/docker-django.
 */
export const distDir = process.env.BENCH_DIST_DIR ?? join(repoRoot, 'dist', 'packages', 'docker-django');

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
  const packed = await mustRun('npm', ['pack', distDir, '--pack-destination', dir, '--json'], {
    cwd: repoRoot,
    env: cleanEnv(),
  });
  const [entry] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  return join(dir, entry.filename);
}

export interface Workspace {
  root: string;
  nx(args: readonly string[], options?: { env?: Record<string, string | undefined>; timeout?: number }): Promise<Result>;
  mustNx(args: readonly string[], options?: { env?: Record<string, string | undefined>; timeout?: number }): Promise<Result>;
}

function templateDir(): string {
  const dir = join(repoRoot, 'tmp', 'e2e', 'templates', `nx-${NX_VERSION}`);
  if (!existsSync(join(dir, 'node_modules', '.bin', 'nx'))) {
    throw new Error(
      `No workspace template ${dir}: run \`npm run e2e\` once (its harness creates it with create-nx-workspace@${NX_VERSION}).`,
    );
  }
  return dir;
}

/**
 * A fresh workspace in the temp folder: the template copied (node_modules included), the
 * packed plugin installed with `npm install -D`, as a user adds it. Removed at cleanup.
 */
export async function createWorkspace(cleanup: Cleanup, label: string, withPlugin = true): Promise<Workspace> {
  const root = mkdtempSync(join(tmpdir(), `bench-ws-${label}-`));
  cleanup.add(`remove workspace ${root}`, () => rmSync(root, { recursive: true, force: true }));
  await mustRun('cp', ['-a', `${templateDir()}/.`, root], { cwd: tmpdir() });
  rmSync(join(root, '.docker-django-e2e-template.json'), { force: true });
  if (withPlugin) {
    const tgz = await pluginTarball(cleanup);
    await mustRun('npm', ['install', '-D', tgz, '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: root,
      env: cleanEnv(),
      timeout: 10 * 60_000,
    });
  }
  const nx: Workspace['nx'] = (args, options = {}) =>
    exec('npx', ['nx', ...args], { cwd: root, env: cleanEnv(options.env), timeout: options.timeout ?? 10 * 60_000 });
  const mustNx: Workspace['mustNx'] = async (args, options) => {
    const r = await nx(args, options);
    if (r.code !== 0) throw new Error(`\`${r.command}\` failed in ${root} (exit ${r.code}):\n${r.output.slice(-4000)}`);
    return r;
  };
  log(`workspace ${root}`);
  return { root, nx, mustNx };
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
 * requirements.txt with only what the offline python:3.11-slim stand-in has.
 */
export async function addDjangoApp(
  ws: Workspace,
  name: string,
  options: { module?: string; requirements?: string } = {},
): Promise<DjangoApp> {
  const root = `apps/${name}`;
  const path = join(ws.root, root);
  const module = options.module ?? 'mysite';
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'project.json'), JSON.stringify({ name, root, projectType: 'application' }, null, 2) + '\n');
  await mustRun('django-admin', ['startproject', module, path], { cwd: ws.root, env: cleanEnv() });
  writeFileSync(join(path, 'requirements.txt'), options.requirements ?? 'Django>=3.2,<4\ngunicorn\n');
  return { name, root, path, module };
}

/** `nx g docker-django:init <app> --pythonVersion 3.11`, no prompts, no database. */
export async function initApp(ws: Workspace, app: DjangoApp, extra: string[] = []): Promise<Result> {
  return ws.mustNx([
    'g',
    'docker-django:init',
    app.name,
    '--pythonVersion',
    '3.11',
    '--database',
    'none',
    '--no-interactive',
    ...extra,
  ]);
}

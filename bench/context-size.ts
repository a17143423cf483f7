// context-size: how many bytes the engine receives as build context for a generated app that
// sits next to a large virtualenv, node_modules and a .git folder.
//
// Why: `docker build` sends the whole context folder to the engine before the first step runs,
// and `COPY . .` puts whatever it received into the image. A Django project in a monorepo
// usually has a local `.venv` (hundreds of MB), node_modules and VCS data beside its source; the
// generated .dockerignore must keep them out, or every build ships them (and they end up in the
// image). This benchmark compares the bytes sent with the generated .dockerignore against the
// app's source size and against the same folder without any .dockerignore.
//
// Bytes are read from BuildKit's `transferring context: X` line (`docker build --progress=plain
// --no-cache`). BuildKit syncs the context incrementally per folder path, so every build runs
// in a fresh copy of the app (a new path) to make the engine receive the full context.
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextBytes, parseBuildkit } from '../tools/testing/buildkit';
import { assertDockerWorks, assertImagePresent, uniqueName } from '../tools/testing/engine';
import { EngineSweep } from '../tools/testing/engine-sweep';
import { log } from '../tools/testing/log';
import { run } from '../tools/testing/run';
import { fmtMs, summarize } from '../tools/testing/timing';
import { benchEnv, envInt } from './lib/env';
import { main } from './lib/main';
import { fmtBytes, fmtRatio, printTable } from './lib/report';
import { addDjangoApp, assertDistBuilt, createWorkspace, initApp } from './lib/workspace';

const N = envInt('BENCH_N', 3);
const VENV_MB = envInt('BENCH_VENV_MB', 200);
const NODE_MODULES_MB = envInt('BENCH_NODE_MODULES_MB', 20);
const GIT_MB = envInt('BENCH_GIT_MB', 20);

/** `mb` MB of incompressible files of ~100 kB each under `dir`, spread over sub-folders. */
function fill(dir: string, mb: number, ext: string): void {
  const fileSize = 100_000;
  const files = Math.round((mb * 1e6) / fileSize);
  for (let i = 0; i < files; i++) {
    const sub = join(dir, `pkg${String(Math.floor(i / 50)).padStart(3, '0')}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `file${i}${ext}`), randomBytes(fileSize));
  }
}

function du(
  dir: string,
  skip: (name: string) => boolean = () => false,
): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = du(path);
      bytes += sub.bytes;
      files += sub.files;
    } else if (entry.isFile()) {
      bytes += statSync(path).size;
      files++;
    }
  }
  return { bytes, files };
}

main('context-size', async (cleanup) => {
  assertDistBuilt();
  await assertDockerWorks();
  await assertImagePresent('python:3.13-slim');
  const prefix = uniqueName('bench', 'ctx');
  const sweep = new EngineSweep(prefix).register(cleanup);

  const ws = await createWorkspace(cleanup, 'ctx');
  const app = await addDjangoApp(ws, `${prefix}-app`);
  await initApp(ws, app);
  const heavy = ['.venv', 'node_modules', '.git'];
  const source = du(app.path, (name) => heavy.includes(name));
  log(`adding .venv (${VENV_MB} MB), node_modules (${NODE_MODULES_MB} MB), .git (${GIT_MB} MB)`);
  fill(join(app.path, '.venv', 'lib', 'python3.11', 'site-packages'), VENV_MB, '.py');
  fill(join(app.path, 'node_modules'), NODE_MODULES_MB, '.js');
  fill(join(app.path, '.git', 'objects'), GIT_MB, '');
  const whole = du(app.path);

  const scratch = mkdtempSync(join(tmpdir(), 'bench-ctx-'));
  cleanup.add('remove context copies', () => rmSync(scratch, { recursive: true, force: true }));

  type Variant = 'generated .dockerignore' | 'no .dockerignore';
  const variants: Variant[] = ['generated .dockerignore', 'no .dockerignore'];
  const results: Record<Variant, { bytes: number[]; transferMs: number[]; buildMs: number[] }> = {
    'generated .dockerignore': { bytes: [], transferMs: [], buildMs: [] },
    'no .dockerignore': { bytes: [], transferMs: [], buildMs: [] },
  };
  let copies = 0;
  for (let i = 0; i < N; i++) {
    for (const variant of i % 2 === 0 ? variants : [...variants].reverse()) {
      // A new path every time: BuildKit would otherwise send only what changed since the last build.
      const dir = join(scratch, `copy-${copies++}`);
      cpSync(app.path, dir, { recursive: true });
      if (variant === 'no .dockerignore') rmSync(join(dir, '.dockerignore'));
      const tag = `${prefix}-${variant === 'no .dockerignore' ? 'noignore' : 'ignore'}:latest`;
      log(`${variant} #${i + 1}`);
      const r = await run(
        'docker',
        ['build', '--no-cache', '--progress=plain', ...sweep.labelArgs(), '-t', tag, '.'],
        { cwd: dir, env: benchEnv(), timeout: 20 * 60_000 },
      );
      if (r.exitCode !== 0)
        throw new Error(`docker build (${variant}) failed:\n${r.output.slice(-4000)}`);
      await sweep.track(tag);
      results[variant].bytes.push(contextBytes(r.output));
      const transfer = parseBuildkit(r.output).find(
        (v) => v.name === '[internal] load build context',
      );
      results[variant].transferMs.push((transfer?.seconds ?? NaN) * 1000);
      results[variant].buildMs.push(r.ms);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const ignored = summarize(results['generated .dockerignore'].bytes);
  const none = summarize(results['no .dockerignore'].bytes);
  const rows: string[][] = [
    [
      'app source on disk (without .venv, node_modules, .git) [baseline]',
      '-',
      fmtBytes(source.bytes),
      '',
      '',
      '1.00x',
      '',
      '',
      `${source.files} files`,
    ],
    [
      'whole app folder on disk',
      '-',
      fmtBytes(whole.bytes),
      '',
      '',
      fmtRatio(whole.bytes, source.bytes),
      '',
      '',
      `${whole.files} files`,
    ],
  ];
  for (const variant of variants) {
    const b = summarize(results[variant].bytes);
    rows.push([
      `context sent, ${variant}`,
      String(b.n),
      fmtBytes(b.median),
      fmtBytes(b.min),
      fmtBytes(b.max),
      fmtRatio(b.median, source.bytes),
      fmtMs(summarize(results[variant].transferMs).median),
      fmtMs(summarize(results[variant].buildMs).median),
      '',
    ]);
  }
  printTable(
    `context-size: build context of a generated app beside a ${VENV_MB} MB .venv, ${NODE_MODULES_MB} MB node_modules, ${GIT_MB} MB .git`,
    [
      'context',
      'n',
      'bytes (median)',
      'min',
      'max',
      'vs source',
      'transfer (median)',
      'docker build --no-cache (median)',
      'files',
    ],
    rows,
    [
      `Without a .dockerignore the engine receives ${fmtRatio(none.median, ignored.median)} the bytes it receives with the generated one ` +
        `(${fmtBytes(none.median)} vs ${fmtBytes(ignored.median)}).`,
      "Bytes are BuildKit's `transferring context` figure (file data plus a little metadata per file); transfer time is that vertex's DONE time.",
    ],
  );
});

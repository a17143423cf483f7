// graph-time: what registering the docker-django plugin adds to Nx's project-graph computation
// in a large Python monorepo.
//
// Why: once nx.json lists "docker-django" in `plugins`, every Nx command runs its createNodes
// (compose targets for each compose.yaml with a Dockerfile and a manage.py) and its
// createDependencies (edges from requirements.txt / pyproject.toml path references). Both scale
// with the workspace; a slow plugin slows every `nx` invocation for everyone.
//
// The floor: any plugin nx.json lists costs Nx a plugin worker process (plugin isolation, on by
// default since Nx 20) and a round of messages to it, whatever the plugin does. The third
// variant, a plugin that infers nothing (its createNodes glob matches no file, it returns no
// dependency), measures that floor in the same run, so the table shows both what any plugin
// costs and what docker-django adds on top of it.
//
// Measured on one generated workspace of 500 projects (450 Python libraries with pyproject.toml,
// 50 Django apps with manage.py, settings, a requirements.txt that installs 9 libraries with
// `-e ../../libs/<lib>`, and the Dockerfile / compose.yaml / .dockerignore that
// `nx g docker-django:init` wrote for the first app), with and without the plugin in nx.json:
//   cold: `nx reset`, then `NX_DAEMON=false nx graph --file=<out>.json`;
//   warm: the same command again, caches in place;
//   warm without the inferred-results cache (with the plugin only): the same command after
//   removing the plugin's cache file (.nx/workspace-data/docker-django-nodes-*.json), which is
//   what every run without the daemon paid before that cache was kept on disk;
//   warm with the Nx daemon (what `nx` uses on a developer's machine): the daemon started by an
//   untimed `nx graph`, then the same command timed, then the daemon stopped.
// Variants alternate in every round. The graph files are checked: with the plugin there must be
// an app -> library edge per reference and compose targets on every app.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log } from '../tools/testing/log';
import { fmtMs, summarize, type Summary } from '../tools/testing/timing';
import { envInt } from './lib/env';
import { main } from './lib/main';
import { fmtRatio, printTable, timingCells } from './lib/report';
import { addDjangoApp, assertDistBuilt, createWorkspace, initApp } from './lib/workspace';

const N = envInt('BENCH_N', 5);
const LIBS = envInt('BENCH_LIBS', 450);
const APPS = envInt('BENCH_APPS', 50);

const pad = (i: number, width: number) => String(i).padStart(width, '0');

main('graph-time', async (cleanup) => {
  assertDistBuilt();
  const ws = await createWorkspace(cleanup, 'graph');
  const libWidth = String(LIBS - 1).length;
  const appWidth = String(APPS - 1).length;
  const libName = (i: number) => `lib-${pad(i, libWidth)}`;
  const appName = (i: number) => `app-${pad(i, appWidth)}`;
  const refsPerApp = Math.ceil(LIBS / APPS);

  // The first app through the real generator; its files are the model for the others.
  log('generating the workspace');
  const model = await addDjangoApp(ws, appName(0), {
    requirements: 'Django>=4.2,<5\ngunicorn\npsycopg2-binary\n',
  });
  await initApp(ws, model);
  const nxJson = JSON.parse(readFileSync(join(ws.root, 'nx.json'), 'utf-8')) as Record<
    string,
    unknown
  >;
  if (!JSON.stringify(nxJson.plugins ?? []).includes('docker-django')) {
    throw new Error('nx g docker-django:init did not register the plugin in nx.json.');
  }

  for (let i = 0; i < LIBS; i++) {
    const name = libName(i);
    const root = join(ws.root, 'libs', name);
    const module = name.replace(/-/g, '_');
    mkdirSync(join(root, 'src', module), { recursive: true });
    mkdirSync(join(root, 'tests'), { recursive: true });
    writeFileSync(
      join(root, 'project.json'),
      JSON.stringify({ name, root: `libs/${name}`, projectType: 'library' }, null, 2) + '\n',
    );
    writeFileSync(
      join(root, 'pyproject.toml'),
      `[project]\nname = "${name}"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = ["Django>=4.2,<5"]\n\n` +
        `[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n`,
    );
    writeFileSync(join(root, 'src', module, '__init__.py'), `"""${name}."""\n`);
    writeFileSync(join(root, 'src', module, 'core.py'), `def answer() -> int:\n    return ${i}\n`);
    writeFileSync(
      join(root, 'tests', 'test_core.py'),
      `from ${module}.core import answer\n\n\ndef test_answer():\n    assert answer() == ${i}\n`,
    );
  }
  const requirements = (i: number) =>
    'Django>=4.2,<5\ngunicorn\npsycopg2-binary\n' +
    Array.from({ length: refsPerApp }, (_, k) => i * refsPerApp + k)
      .filter((lib) => lib < LIBS)
      .map((lib) => `-e ../../libs/${libName(lib)}\n`)
      .join('');
  writeFileSync(join(model.path, 'requirements.txt'), requirements(0));
  for (let i = 1; i < APPS; i++) {
    const name = appName(i);
    const root = join(ws.root, 'apps', name);
    cpSync(model.path, root, { recursive: true });
    // Every file the generator wrote names the app (headers, records, the settings overlay).
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf-8' })) {
      const path = join(root, file);
      if (!statSync(path).isFile()) continue;
      const text = readFileSync(path, 'utf-8');
      if (text.includes(model.name)) writeFileSync(path, text.split(model.name).join(name));
    }
    writeFileSync(join(root, 'requirements.txt'), requirements(i));
  }
  // The apps install libraries the generator did not see: `nx sync` brings their Docker files
  // in step, as a team's workspace would be, so the sync rows below find nothing to do.
  log('nx sync');
  await ws.mustNx(['sync']);
  const projects =
    readdirSync(join(ws.root, 'libs')).length + readdirSync(join(ws.root, 'apps')).length;
  log(`${projects} projects`);

  const scratch = mkdtempSync(join(tmpdir(), 'bench-graph-'));
  cleanup.add('remove graph files', () => rmSync(scratch, { recursive: true, force: true }));

  // The floor: a package Nx loads like docker-django, in its own worker, that infers nothing.
  const emptyPlugin = join(ws.root, 'node_modules', 'bench-empty-plugin');
  mkdirSync(emptyPlugin, { recursive: true });
  writeFileSync(
    join(emptyPlugin, 'package.json'),
    JSON.stringify({ name: 'bench-empty-plugin', version: '1.0.0', main: 'index.js' }) + '\n',
  );
  writeFileSync(
    join(emptyPlugin, 'index.js'),
    "const createNodes = ['**/bench-empty-plugin-matches-nothing', async () => []];\n" +
      'exports.createNodesV2 = createNodes;\nexports.createNodes = createNodes;\n' +
      'exports.createDependencies = () => [];\n',
  );

  type Variant = 'without plugin' | 'empty plugin' | 'with plugin';
  const PLUGINS: Record<Variant, string[] | undefined> = {
    'without plugin': undefined,
    'empty plugin': ['bench-empty-plugin'],
    'with plugin': ['docker-django'],
  };
  const setVariant = (variant: Variant) => {
    const json = { ...nxJson };
    const plugins = PLUGINS[variant];
    if (plugins) json.plugins = plugins;
    else delete json.plugins;
    writeFileSync(join(ws.root, 'nx.json'), JSON.stringify(json, null, 2) + '\n');
  };
  const samples: Record<string, number[]> = {};
  const check: Record<Variant, { edges: number; composeTargets: number; nodes: number }> = {
    'without plugin': { edges: 0, composeTargets: 0, nodes: 0 },
    'empty plugin': { edges: 0, composeTargets: 0, nodes: 0 },
    'with plugin': { edges: 0, composeTargets: 0, nodes: 0 },
  };
  const removeInferredCache = () => {
    const dir = join(ws.root, '.nx', 'workspace-data');
    const files = readdirSync(dir).filter((f) => /^docker-django-nodes-.*\.json$/.test(f));
    if (files.length === 0) throw new Error(`No docker-django cache file in ${dir}.`);
    for (const file of files) rmSync(join(dir, file));
  };
  const DAEMON = { env: { NX_DAEMON: 'true' } };
  type Kind = 'cold' | 'warm' | 'warm-nocache' | 'warm-daemon';
  const graph = async (variant: Variant, kind: Kind, timed = true) => {
    const file = join(scratch, `${variant.replace(/ /g, '-')}-${kind}.json`);
    const r = await ws.nx(['graph', `--file=${file}`], kind === 'warm-daemon' ? DAEMON : {});
    if (r.exitCode !== 0)
      throw new Error(`nx graph (${variant}, ${kind}) failed:\n${r.output.slice(-4000)}`);
    if (!timed) return;
    (samples[`${variant} ${kind}`] ??= []).push(r.ms);
    const g = JSON.parse(readFileSync(file, 'utf-8')) as {
      graph: {
        nodes: Record<string, { data: { targets?: Record<string, unknown> } }>;
        dependencies: Record<string, Array<{ target: string }>>;
      };
    };
    check[variant] = {
      nodes: Object.keys(g.graph.nodes).length,
      edges: Object.values(g.graph.dependencies)
        .flat()
        .filter((d) => d.target.startsWith('lib-')).length,
      composeTargets: Object.values(g.graph.nodes).filter((n) => n.data.targets?.['compose-build'])
        .length,
    };
  };

  const variants: Variant[] = ['without plugin', 'empty plugin', 'with plugin'];
  for (let i = 0; i < N; i++) {
    for (const variant of i % 2 === 0 ? variants : [...variants].reverse()) {
      log(`${variant} #${i + 1}`);
      setVariant(variant);
      const reset = await ws.nx(['reset']);
      if (reset.exitCode !== 0) throw new Error(`nx reset failed:\n${reset.output}`);
      await graph(variant, 'cold');
      await graph(variant, 'warm');
      if (variant === 'with plugin') {
        removeInferredCache();
        await graph(variant, 'warm-nocache');
      }
      await graph(variant, 'warm-daemon', false);
      await graph(variant, 'warm-daemon');
      await ws.nx(['daemon', '--stop'], DAEMON);
    }
  }

  // The sync generator at this scale: Nx runs it before every compose-build of an app that
  // installs workspace libraries (issue 10, item 4 measures it in a workspace of 4 projects).
  setVariant('with plugin');
  const syncVariants = [
    { key: 'sync run', args: ['run', `${model.name}:compose-build`, '--dryRun'] },
    { key: 'sync skip', args: ['run', `${model.name}:compose-build`, '--dryRun', '--skipSync'] },
  ];
  for (const v of syncVariants) await ws.mustNx(v.args);
  for (let i = 0; i < N; i++) {
    for (const v of i % 2 === 0 ? syncVariants : [...syncVariants].reverse()) {
      log(`${v.key} #${i + 1}`);
      (samples[v.key] ??= []).push((await ws.mustNx(v.args)).ms);
    }
  }

  const expectedEdges = Math.min(LIBS, APPS * refsPerApp);
  if (
    check['with plugin'].edges !== expectedEdges ||
    check['with plugin'].composeTargets !== APPS
  ) {
    throw new Error(
      `With the plugin the graph has ${check['with plugin'].edges} app->lib edges (expected ${expectedEdges}) and ` +
        `${check['with plugin'].composeTargets} projects with compose-build (expected ${APPS}).`,
    );
  }

  const s = (key: string): Summary => summarize(samples[key] ?? []);
  const row = (label: string, sum: Summary, base?: Summary) => [
    label,
    ...timingCells(sum),
    base ? fmtMs(sum.median - base.median) : '',
    base ? fmtRatio(sum.median, base.median) : '',
  ];
  const floorNote = (kind: string) => {
    const own = s(`with plugin ${kind}`).median - s(`empty plugin ${kind}`).median;
    return `${fmtMs(own)} over the empty plugin`;
  };
  const syncCost = s('sync run').median - s('sync skip').median;
  printTable(
    `graph-time, sync: nx run ${model.name}:compose-build --dryRun on the same ${projects} projects, NX_DAEMON=false, nothing out of sync`,
    ['measurement', 'n', 'median', 'min', 'max', 'sync cost (minus --skipSync)'],
    [
      ['nx run --skipSync [baseline]', ...timingCells(s('sync skip')), ''],
      ['nx run (docker-django:sync first)', ...timingCells(s('sync run')), fmtMs(syncCost)],
    ],
    [
      `- ${model.name} installs ${refsPerApp} workspace libraries; every app has a compose-build that declares docker-django:sync.`,
    ],
  );
  printTable(
    `graph-time: nx graph --file on ${projects} projects (${LIBS} libraries, ${APPS} Django apps)`,
    ['measurement', 'n', 'median', 'min', 'max', 'minus baseline', 'ratio'],
    [
      row('cold (after nx reset), without plugin [baseline]', s('without plugin cold')),
      row(
        'cold, a plugin that infers nothing [floor]',
        s('empty plugin cold'),
        s('without plugin cold'),
      ),
      row('cold, with docker-django', s('with plugin cold'), s('without plugin cold')),
      row('warm, without plugin [baseline]', s('without plugin warm')),
      row(
        'warm, a plugin that infers nothing [floor]',
        s('empty plugin warm'),
        s('without plugin warm'),
      ),
      row('warm, with docker-django', s('with plugin warm'), s('without plugin warm')),
      row(
        'warm, with docker-django, its cache file removed (before the on-disk cache)',
        s('with plugin warm-nocache'),
        s('without plugin warm'),
      ),
      row('warm with the Nx daemon, without plugin [baseline]', s('without plugin warm-daemon')),
      row(
        'warm with the Nx daemon, with docker-django',
        s('with plugin warm-daemon'),
        s('without plugin warm-daemon'),
      ),
    ],
    [
      `- docker-django's own cost: cold ${floorNote('cold')}, warm ${floorNote('warm')}.`,
      '- Without the daemon (NX_DAEMON=false, as in CI) except the daemon rows.',
      ...variants.map(
        (v) =>
          `- ${v}: ${check[v].nodes} nodes, ${check[v].edges} app -> library edges, ${check[v].composeTargets} projects with compose-build.`,
      ),
    ],
  );
});

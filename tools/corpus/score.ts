// Scores what `nx g docker-django:init` decides for each project of e2e/django-corpus against
// the values an expert chose (corpus.json), field by field. Runs the real generator from
// source on an in-memory Nx tree; builds nothing. Prints a table and the totals.
//   npm run corpus:score            every project
//   npm run corpus:score -- saleor  one project, with its generated Dockerfile
import { addProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { parse } from 'yaml';
import { initGenerator } from '../../packages/docker-django/src/generators/init/generator';
import {
  corpusDir,
  readCorpus,
  type CorpusProject,
  type Expected,
} from '../../packages/docker-django/src/testing/django-corpus';

/** What the generator decided, in the corpus's terms; null where it decided nothing. */
type Decided = Record<string, unknown>;

function copyFixture(tree: Tree, from: string, to: string): void {
  for (const entry of readdirSync(from)) {
    const path = join(from, entry);
    if (statSync(path).isDirectory()) copyFixture(tree, path, posix.join(to, entry));
    else tree.write(posix.join(to, entry), readFileSync(path));
  }
}

function aptPackages(stage: string): string[] {
  const found = new Set<string>();
  for (const match of stage.matchAll(/apt-get install[^\n]*(?:\\\n[^\n]*)*/g)) {
    for (const word of match[0].replace(/\\\n/g, ' ').split(/\s+/)) {
      if (/^[a-z0-9][a-z0-9.+-]+$/.test(word) && !['apt-get', 'install'].includes(word))
        found.add(word);
    }
  }
  return [...found].sort();
}

function server(command: string[]): string {
  const joined = command.join(' ');
  if (command[0] === 'gunicorn' && /uvicorn/.test(joined)) return 'gunicorn+uvicorn-worker';
  return command[0]?.replace(/^.*\//, '') ?? '';
}

async function decide(project: CorpusProject): Promise<{ decided: Decided; dockerfile: string }> {
  const tree = createTreeWithEmptyWorkspace();
  const repoRoot = `apps/${project.slug}`;
  copyFixture(tree, join(corpusDir, project.slug, 'tree'), repoRoot);
  const root = posix.normalize(posix.join(repoRoot, project.projectRoot));
  if (!tree.exists(posix.join(root, 'project.json')))
    addProjectConfiguration(tree, project.slug, { root, projectType: 'application' });
  // overwrite: a Dockerfile the repository already has would be kept, and the score is of what
  // the generator writes. Only the in-memory tree is touched.
  await initGenerator(tree, {
    project: project.slug,
    skipFormat: true,
    addPlugin: false,
    overwrite: true,
  });
  const compose = parse(tree.read(posix.join(root, 'compose.yaml'), 'utf-8') ?? '') as {
    'x-docker-django': Record<string, unknown>;
    services: { server: { build: { context: string } } };
  };
  const record = compose['x-docker-django'];
  const dockerfile = tree.read(posix.join(root, 'Dockerfile'), 'utf-8') ?? '';
  const runtimeAt = dockerfile.indexOf(' AS runtime');
  const manager = /\buv (sync|pip)\b/.test(dockerfile)
    ? 'uv'
    : /\bpoetry\b/.test(dockerfile)
      ? 'poetry'
      : /\bpipenv\b/.test(dockerfile)
        ? 'pipenv'
        : 'pip';
  const djangoRoot = relative(root, posix.join(root, String(record.djangoRoot ?? ''))) || '.';
  return {
    dockerfile,
    decided: {
      djangoRoot: djangoRoot.replace(/\\/g, '/'),
      imageSettingsModule: record.settingsModule,
      appModule: record.wsgiModule,
      server: server(record.command as string[]),
      pythonVersion: record.pythonVersion,
      manager,
      collectStatic: record.collectStatic,
      buildPackages: aptPackages(dockerfile.slice(0, runtimeAt)),
      runtimePackages: aptPackages(dockerfile.slice(runtimeAt)),
      envAtImport: (record.importEnvironment as string[] | undefined) ?? [],
      buildContext: compose.services.server.build.context,
    },
  };
}

function fieldRight(field: string, expected: Expected, got: unknown): boolean {
  const accepted = [expected.value, ...(expected.accept ?? [])];
  if (field === 'buildPackages' || field === 'runtimePackages' || field === 'envAtImport') {
    const gotList = (got as string[]) ?? [];
    const must = expected.required ?? (expected.value as string[]);
    if (must.length === 0) return gotList.length === 0;
    return must.every((name) => gotList.includes(name));
  }
  if (field === 'pythonVersion')
    return accepted.some((v) => String(got).startsWith(String(v).split('.').slice(0, 2).join('.')));
  return accepted.some((v) => JSON.stringify(v) === JSON.stringify(got));
}

async function main(): Promise<void> {
  const corpus = { projects: readCorpus() };
  const only = process.argv[2];
  const projects = corpus.projects.filter((p) => !only || p.slug === only);
  let fullyRight = 0;
  let fields = 0;
  let fieldsRight = 0;
  const rows: string[] = [];
  for (const project of projects) {
    const scored = Object.keys(project.expected).filter((f) => f !== 'notes');
    let decided: Decided = {};
    let failure = '';
    try {
      const result = await decide(project);
      decided = result.decided;
      if (only) process.stdout.write(`${result.dockerfile}\n`);
    } catch (error) {
      failure = (error as Error).message.split('\n')[0];
    }
    const wrong = scored.filter((f) => !fieldRight(f, project.expected[f], decided[f]));
    fields += scored.length;
    fieldsRight += scored.length - wrong.length;
    if (wrong.length === 0) fullyRight++;
    const detail = failure
      ? `generator failed: ${failure}`
      : wrong.map((f) => `${f}=${JSON.stringify(decided[f])}`).join('; ');
    rows.push(`| ${project.slug} | ${scored.length - wrong.length}/${scored.length} | ${detail} |`);
  }
  process.stdout.write(
    ['| project | fields right | wrong (what was decided) |', '| --- | --- | --- |', ...rows].join(
      '\n',
    ) +
      `\n\nfully right: ${fullyRight} of ${projects.length}; fields right: ${fieldsRight} of ${fields}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});

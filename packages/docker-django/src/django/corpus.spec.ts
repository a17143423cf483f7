// Detection against e2e/django-corpus: the shapes of public Django projects with the values an
// expert chose (corpus.json). Each field this module decides is checked for every project
// whose expected value detection reaches; the few it does not reach are listed with why.
import { join } from 'node:path';
import { fsFileSource } from '../files/file-source';
import { detectDependencies } from '../python/dependency-manager';
import { readDependencyDetails } from '../python/dependency-details';
import { readLockedVersions } from '../python/locked-versions';
import { choosePythonVersion } from '../python/python-choice';
import { systemPackagesFor } from '../python/system-packages';
import { chooseAppServer } from './app-server';
import { detectDjangoLayout } from './detect-django-layout';
import { corpusDir, readCorpus, type CorpusProject, type Expected } from '../testing/django-corpus';

const FIELDS = [
  'djangoRoot',
  'imageSettingsModule',
  'appModule',
  'server',
  'pythonVersion',
  'collectStatic',
  'buildPackages',
  'runtimePackages',
  'envAtImport',
] as const;
type Field = (typeof FIELDS)[number];

/** Where detection and the corpus part ways on purpose, or the value is out of its reach. */
const OUT_OF_REACH: Record<string, Partial<Record<Field, string>>> = {
  'channels-multichat': {
    collectStatic:
      'disagreement: the corpus expects no collectstatic without STATIC_ROOT (it would raise), ' +
      'but the generated container settings set STATIC_ROOT, so it runs (the reason says ' +
      'nothing serves the files)',
  },
  'board-backend': { collectStatic: 'as channels-multichat' },
  'paperless-ngx': {
    buildPackages: 'mysqlclient sits in the "mariadb" extra; only production-named extras count',
    runtimePackages: 'psycopg-c and mysqlclient sit in extras that are not production-named',
  },
  'kiwi-tcms': {
    buildPackages: 'mysqlclient is in requirements/mariadb.txt, which base.txt does not include',
    runtimePackages: 'as buildPackages',
  },
};

const corpus = { projects: readCorpus() };

function decide(project: CorpusProject): Record<Field, unknown> {
  const src = fsFileSource(join(corpusDir, project.slug, 'tree'));
  const root = project.projectRoot === '.' ? '' : project.projectRoot;
  const layout = detectDjangoLayout(src, root);
  const dependencies = detectDependencies(src, root, layout.djangoRoot);
  const details = dependencies && readDependencyDetails(src, root, dependencies);
  const requirements = details?.requirements ?? [];
  const locked = dependencies ? readLockedVersions(src, root, dependencies, requirements) : [];
  const pythonVersion = choosePythonVersion(src, root, layout.djangoRoot, locked).version;
  const packages = systemPackagesFor(requirements, { needsGit: details?.needsGit, pythonVersion });
  const entry = layout.entryPoint;
  return {
    djangoRoot: layout.djangoRoot === '' ? '.' : layout.djangoRoot,
    imageSettingsModule: layout.imageSettingsModule,
    appModule: entry && `${entry.module}:${entry.callable}`,
    server: entry && chooseAppServer(entry, requirements, 8000).server,
    pythonVersion,
    collectStatic: layout.staticFiles.collectStatic,
    buildPackages: packages.build,
    runtimePackages: packages.runtime,
    envAtImport: layout.environment.filter((need) => need.atImport).map((need) => need.name),
  };
}

function accepted(field: Field, expected: Expected, got: unknown): boolean {
  const values = [expected.value, ...(expected.accept ?? [])];
  if (field === 'buildPackages' || field === 'runtimePackages' || field === 'envAtImport') {
    const must = expected.required ?? (expected.value as string[]);
    const list = got as string[];
    return must.length === 0 ? list.length === 0 : must.every((name) => list.includes(name));
  }
  if (field === 'pythonVersion') {
    return values.some((v) => {
      const minor = String(v).split('.').slice(0, 2).join('.');
      return String(got) === String(v) || String(got) === minor;
    });
  }
  return values.some((v) => JSON.stringify(v) === JSON.stringify(got));
}

const cases = corpus.projects.flatMap((project) =>
  FIELDS.filter((field) => field in project.expected && !OUT_OF_REACH[project.slug]?.[field]).map(
    (field): [string, Field, CorpusProject] => [project.slug, field, project],
  ),
);

describe('detection on the Django corpus', () => {
  const decided = new Map<string, Record<Field, unknown>>();
  const decisionsOf = (project: CorpusProject) => {
    if (!decided.has(project.slug)) decided.set(project.slug, decide(project));
    return decided.get(project.slug) as Record<Field, unknown>;
  };

  it('reads every project of the corpus', () => {
    expect(corpus.projects.length).toBeGreaterThanOrEqual(35);
  });

  it.each(cases)('%s: %s is what the expert chose', (_, field, project) => {
    const got = decisionsOf(project)[field];
    const expected = project.expected[field];

    expect({ field, got, ok: accepted(field, expected, got) }).toEqual({
      field,
      got,
      ok: true,
    });
  });

  it.each(
    Object.entries(OUT_OF_REACH).flatMap(([slug, fields]) =>
      Object.keys(fields).map((field): [string, Field] => [slug, field as Field]),
    ),
  )('%s: %s is listed as out of reach because detection still differs', (slug, field) => {
    const project = corpus.projects.find((p) => p.slug === slug);
    if (project === undefined) throw new Error(`${slug} is not in the corpus`);

    expect(accepted(field, project.expected[field], decisionsOf(project)[field])).toBe(false);
  });
});

// Issue 9, "How it will be checked": real public Django projects (e2e/real-projects/, each
// with its source, commit and license in its README), not startproject layouts, built and
// served on the real engine. Each project is copied into an Nx workspace as it is, with only a
// project.json added; `nx g docker-django:init --project <p>` gets only what a user would type
// on this machine (a free host port, and the Python the offline engine has: both projects'
// runtime.txt asks for 3.10). Then `nx run <p>:compose-up` must serve the app's own pages
// through gunicorn, static files included, and `nx run <p>:compose-down` must stop it.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComposeProjects, composeProjectOf } from '../../../tools/testing/compose';
import { uniqueName } from '../../../tools/testing/engine';
import { removeImageTags } from '../../../tools/testing/images';
import { freePort, waitForHttp, type HttpAnswer } from '../../../tools/testing/net';
import { repoRoot } from '../../../tools/testing/paths';
import type { RunResult } from '../../../tools/testing/run';
import type { TestWorkspace } from '../../../tools/testing/workspace';
import { PYTHON_VERSION } from './utils/base-images';
import { expectExitCode } from './utils/expect-exit-code';
import {
  assertBaseImages,
  createPluginWorkspace,
  FIXED_NX_VERSION,
  initGeneratorArgs,
} from './utils/plugin-workspace';

interface Page {
  path: string;
  /** Text of the app's own template that the answer must hold. */
  text: string;
}

interface RealProject {
  /** Folder under e2e/real-projects/ (its project/ is what gets copied). */
  slug: string;
  /** What an expert reads from manage.py, wsgi.py and the Procfile. */
  settingsModule: string;
  app: string;
  /** A system-package line the generator must print, when a dependency needs one. */
  systemPackages?: RegExp;
  pages: Page[];
  /** A stylesheet the app's templates link to, served by whitenoise from the collected files. */
  stylesheet: string;
}

const ADMIN_LOGIN: Page = { path: '/admin/login/', text: 'Django administration' };

const REAL_PROJECTS: RealProject[] = [
  {
    slug: 'locallibrary',
    settingsModule: 'locallibrary.settings',
    app: 'locallibrary.wsgi:application',
    pages: [
      { path: '/catalog/', text: 'Local Library Home' },
      { path: '/catalog/books/', text: 'Book List' },
      ADMIN_LOGIN,
    ],
    stylesheet: '/static/css/styles.css',
  },
  {
    slug: 'getting-started',
    settingsModule: 'gettingstarted.settings',
    app: 'gettingstarted.wsgi:application',
    // Plain psycopg2 is a source distribution: a compiler and libpq to build, libpq5 to load.
    systemPackages: /System packages: build-essential libpq-dev libpq5 for psycopg2 /,
    pages: [
      { path: '/', text: 'Getting Started with Python on Heroku' },
      // Saves a Greeting and lists them: the migrations ran against the SQLite volume.
      { path: '/db/', text: 'Page View Report' },
      ADMIN_LOGIN,
    ],
    stylesheet: '/static/admin/css/base.css',
  },
];

const NX_TIMEOUT = 10 * 60 * 1000;
const composeProjects = new ComposeProjects();
let ws: TestWorkspace | undefined;

beforeAll(async () => {
  await assertBaseImages();
  ws = await createPluginWorkspace(FIXED_NX_VERSION);
}, NX_TIMEOUT);

afterAll(async () => {
  await composeProjects.downAll();
  ws?.dispose();
}, NX_TIMEOUT);

describe.each(REAL_PROJECTS)('real project $slug', (real) => {
  const name = uniqueName('dde2e', real.slug);
  const root = `apps/${name}`;
  let generated: RunResult;
  let up: RunResult | undefined;
  let down: RunResult | undefined;
  const answers = new Map<string, HttpAnswer>();

  beforeAll(async () => {
    if (!ws) throw new Error('The workspace was not set up.');
    const path = join(ws.root, root);
    cpSync(join(repoRoot, 'e2e', 'real-projects', real.slug, 'project'), path, {
      recursive: true,
    });
    writeFileSync(
      join(path, 'project.json'),
      JSON.stringify({ name, root, projectType: 'application' }, null, 2) + '\n',
    );
    const port = await freePort();
    generated = await ws.nx(
      initGeneratorArgs(name, '--pythonVersion', PYTHON_VERSION, '--hostPort', String(port)),
      { timeout: NX_TIMEOUT },
    );
    if (generated.exitCode !== 0) return;
    composeProjects.track(composeProjectOf(join(path, 'compose.yaml'), name));
    try {
      up = await ws.nx(['run', `${name}:compose-up`], { timeout: NX_TIMEOUT });
      if (up.exitCode !== 0) return;
      // The generated container settings allow localhost and 127.0.0.1; 127.0.0.1 because
      // Node may resolve localhost to ::1 first.
      for (const page of [...real.pages.map((p) => p.path), real.stylesheet]) {
        answers.set(page, await waitForHttp(`http://127.0.0.1:${port}${page}`, 90_000));
      }
    } finally {
      down = await ws.nx(['run', `${name}:compose-down`], { timeout: NX_TIMEOUT });
      await removeImageTags([name], { force: true });
    }
  }, 2 * NX_TIMEOUT);

  it('init succeeds and detects the settings module and the WSGI app served by gunicorn', () => {
    expectExitCode(generated, 0);
    const settings = real.settingsModule.replace(/\./g, '\\.');
    expect(generated.output).toMatch(new RegExp(`^\\s*Settings: ${settings} \\(`, 'm'));
    const app = real.app.replace(/\./g, '\\.');
    expect(generated.output).toMatch(
      new RegExp(`^\\s*App: ${app} \\(.*\\), served by gunicorn`, 'm'),
    );
    expect(generated.output).toMatch(/Static files: collected at build time/);
  });

  it('init writes a Dockerfile that runs gunicorn on the detected app', () => {
    const dockerfile = readFileSync(join(ws!.root, root, 'Dockerfile'), 'utf-8');
    expect(dockerfile).toContain('gunicorn');
    expect(dockerfile).toContain(real.app);
  });

  if (real.systemPackages) {
    const packages = real.systemPackages;
    it('init names the system packages its dependencies need', () => {
      expect(generated.output).toMatch(packages);
    });
  }

  it('compose-up builds the image and starts the stack', () => {
    expect(up).toBeDefined();
    expectExitCode(up!, 0);
  });

  it.each(real.pages)('gunicorn answers $path with the app page', (page) => {
    const answer = answers.get(page.path);
    expect(answer?.status).toBe(200);
    expect(answer?.body).toContain(page.text);
  });

  it('whitenoise serves the collected stylesheet', () => {
    const answer = answers.get(real.stylesheet);
    expect(answer?.status).toBe(200);
    expect(answer?.headers['content-type']).toContain('text/css');
  });

  it('compose-down stops the stack', () => {
    expect(down).toBeDefined();
    expectExitCode(down!, 0);
  });
});

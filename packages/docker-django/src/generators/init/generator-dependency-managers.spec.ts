import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import { addDjangoProject } from '../../testing/django-fixtures';
import { callbackWarnings } from '../../testing/generator-callback';
import { read } from '../../testing/tree-files';
import { initGenerator } from './generator';

/**
 * Every dependency manager, as a real project of that shape has it (issue 9 item 6): the
 * groups, extras and categories meant for production are installed, gunicorn found there is
 * not asked for again, and VCS requirements get git in the builder only.
 */
describe('init generator: dependency managers', () => {
  let tree: Tree;

  async function run(files: Record<string, string>) {
    tree = createTreeWithEmptyWorkspace();
    addDjangoProject(tree, {
      name: 'api',
      root: 'apps/api',
      requirements: null,
      pythonVersionFile: '3.12\n',
      extraFiles: files,
    });
    const callback = await initGenerator(tree, {
      project: 'api',
      skipFormat: true,
      addPlugin: false,
    });
    const warnings = await callbackWarnings(callback);
    const dockerfile = read(tree, 'apps/api/Dockerfile');
    const runtimeAt = dockerfile.indexOf(' AS runtime');
    return {
      warnings,
      builder: dockerfile.slice(0, runtimeAt),
      runtime: dockerfile.slice(runtimeAt),
    };
  }

  const UV_LOCK = 'version = 1\nrevision = 3\n';
  const POETRY_LOCK = '[metadata]\nlock-version = "2.1"\n';

  describe('uv', () => {
    it('syncs the prod dependency group and does not ask for the gunicorn it holds', async () => {
      const { builder, warnings } = await run({
        'pyproject.toml':
          '[project]\nname = "api"\ndependencies = ["django>=5.2"]\n[dependency-groups]\ndev = ["pytest"]\nprod = ["gunicorn>=23"]\n',
        'uv.lock': UV_LOCK,
      });

      expect(builder).toContain('uv sync --locked --no-install-project --no-dev --group prod\n');
      expect(warnings).not.toContain('gunicorn');
    });

    it('syncs the production extra', async () => {
      const { builder } = await run({
        'pyproject.toml':
          '[project]\nname = "api"\ndependencies = ["django>=5.2"]\n[project.optional-dependencies]\nproduction = ["gunicorn>=23"]\ndocs = ["sphinx"]\n',
        'uv.lock': UV_LOCK,
      });

      expect(builder).toContain('--no-dev --extra production\n');
    });

    it('says gunicorn sits in a group the image does not install', async () => {
      const { builder, warnings } = await run({
        'pyproject.toml':
          '[project]\nname = "api"\ndependencies = ["django>=5.2"]\n[dependency-groups]\ndev = ["gunicorn>=23", "pytest"]\n',
        'uv.lock': UV_LOCK,
      });

      expect(builder).toContain('--no-dev\n');
      expect(warnings).toContain('Run `uv add gunicorn` in apps/api');
      expect(warnings).toContain(
        'gunicorn sits in the "dev" dependency group, which the image does not install',
      );
    });

    it('installs git in the builder, not the runtime, for a git source', async () => {
      const { builder, runtime } = await run({
        'pyproject.toml':
          '[project]\nname = "api"\ndependencies = ["django>=5.2", "gunicorn", "django-push"]\n[tool.uv.sources]\ndjango-push = { git = "https://github.com/brutasse/django-push.git", rev = "22fda99" }\n',
        'uv.lock': UV_LOCK,
      });

      expect(builder).toContain('git+ requirements (git)');
      expect(builder).toMatch(/apt-get install -y --no-install-recommends git\n/);
      expect(runtime).not.toMatch(/\bgit\b/);
    });
  });

  describe('Poetry', () => {
    it('installs main and the prod group, and does not ask for the gunicorn it holds', async () => {
      const { builder, warnings } = await run({
        'pyproject.toml':
          '[tool.poetry]\nname = "api"\npackage-mode = false\n[tool.poetry.dependencies]\npython = "^3.12"\ndjango = "^5.2"\n[tool.poetry.group.prod.dependencies]\ngunicorn = "^23.0"\n[tool.poetry.group.dev.dependencies]\npytest = "*"\n',
        'poetry.lock': POETRY_LOCK,
      });

      expect(builder).toContain('poetry install --only main,prod --no-root\n');
      expect(warnings).not.toContain('gunicorn');
    });

    it('says gunicorn sits in a group the image does not install', async () => {
      const { warnings } = await run({
        'pyproject.toml':
          '[tool.poetry]\nname = "api"\n[tool.poetry.dependencies]\npython = "^3.12"\ndjango = "^5.2"\n[tool.poetry.group.docker.dependencies]\ngunicorn = "^23.0"\n',
        'poetry.lock': POETRY_LOCK,
      });

      expect(warnings).toContain('Run `poetry add gunicorn` in apps/api');
      expect(warnings).toContain('gunicorn sits in the "docker" dependency group');
    });

    it('installs git in the builder for a git dependency', async () => {
      const { builder, runtime } = await run({
        'pyproject.toml':
          '[tool.poetry]\nname = "api"\n[tool.poetry.dependencies]\npython = "^3.12"\ndjango = "^5.2"\ngunicorn = "*"\nwagtail-x = { git = "https://github.com/example/wagtail-x.git", tag = "v1" }\n',
        'poetry.lock': POETRY_LOCK,
      });

      expect(builder).toMatch(/apt-get install -y --no-install-recommends git\n/);
      expect(runtime).not.toMatch(/\bgit\b/);
    });
  });

  describe('Pipenv', () => {
    const PIPFILE =
      '[packages]\ndjango = "*"\ngunicorn = "*"\n[dev-packages]\npytest = "*"\n[requires]\npython_version = "3.12"\n';

    it('installs [packages] from Pipfile.lock, refusing a lock that is out of date', async () => {
      const { builder } = await run({
        Pipfile: PIPFILE,
        'Pipfile.lock': '{"_meta": {"sources": []}, "default": {}, "develop": {}}',
      });

      expect(builder).toContain('pipenv verify');
      expect(builder).toContain('pipenv requirements > /tmp/requirements.txt');
      expect(builder).not.toContain('--dev');
    });

    it('locks first when there is no Pipfile.lock', async () => {
      const { builder } = await run({ Pipfile: PIPFILE });

      expect(builder).toContain('pipenv lock');
      expect(builder).not.toContain('pipenv verify');
    });

    it('installs a production category with [packages], and finds gunicorn there', async () => {
      const { builder, warnings } = await run({
        Pipfile:
          '[packages]\ndjango = "*"\n[production]\ngunicorn = "*"\n[dev-packages]\npytest = "*"\n',
        'Pipfile.lock': '{"_meta": {"sources": []}, "default": {}, "production": {}}',
      });

      expect(builder).toContain("pipenv requirements --categories='packages production'");
      expect(warnings).not.toContain('gunicorn');
    });
  });

  describe('pip', () => {
    it('keeps the checkout of an editable VCS requirement where the installed package points', async () => {
      const { builder, runtime } = await run({
        'requirements.txt':
          'Django==5.2.8\ngunicorn==23.0.0\n-e git+https://github.com/example/django-x.git@v1#egg=django-x\n',
      });

      expect(builder).toContain('    PIP_SRC=/opt/pip-src\n');
      expect(runtime).toContain('COPY --from=builder /opt/pip-src /opt/pip-src\n');
    });

    it('copies no checkout folder when nothing is an editable VCS requirement', async () => {
      const { builder, runtime } = await run({
        'requirements.txt': 'Django==5.2.8\ngunicorn==23.0.0\n',
      });

      expect(`${builder}${runtime}`).not.toContain('pip-src');
    });

    it('installs git in the builder, not the runtime, for a git+https requirement', async () => {
      const { builder, runtime } = await run({
        'requirements.txt':
          'Django==5.2.8\ngunicorn==23.0.0\ngit+https://github.com/example/django-x.git@v1#egg=django-x\n',
      });

      expect(builder).toContain(
        '# System packages the dependencies need to build: git+ requirements (git).',
      );
      expect(runtime).not.toMatch(/\bgit\b/);
    });
  });
});

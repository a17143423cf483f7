import { useProjectTree } from '../testing/project-tree';
import { detectDjangoLayout } from './detect-django-layout';
import { managePy, PROJECT, wsgiPy } from '../testing/django-sources';

/** mysite with base.py holding `base` and prod.py (`from .base import *` then `prod`). */
function project(base: string, prod = ''): Record<string, string> {
  return {
    'manage.py': managePy('mysite.settings.prod'),
    'mysite/__init__.py': '',
    'mysite/settings/__init__.py': '',
    'mysite/settings/base.py': base,
    'mysite/settings/prod.py': `from .base import *  # noqa\n${prod}`,
    'mysite/wsgi.py': wsgiPy('mysite.settings.prod'),
  };
}

const ENVIRON = 'import environ\nenv = environ.Env()\n';

describe('environment the settings need at import', () => {
  const tree = useProjectTree(PROJECT);
  const needs = () => detectDjangoLayout(tree.src, PROJECT).environment;
  const namesAtImport = () =>
    needs()
      .filter((n) => n.atImport)
      .map((n) => n.name);

  it.each([
    ['os.environ["X"]', 'import os\nSECRET_KEY = os.environ["DJANGO_KEY"]\n', ['DJANGO_KEY']],
    [
      'os.environ.get("X").split()',
      'import os\nALLOWED_HOSTS = os.environ.get("HOSTS").split(",")\n',
      ['HOSTS'],
    ],
    ['os.getenv("X").lower()', 'import os\nMODE = os.getenv("MODE").lower()\n', ['MODE']],
    ['SECRET_KEY = os.getenv("X")', 'import os\nSECRET_KEY = os.getenv("KEY")\n', ['KEY']],
    [
      'SECRET_KEY = os.getenv("X") or an empty string',
      'import os\nSECRET_KEY = os.getenv("KEY") or ""\n',
      ['KEY'],
    ],
    ['django-environ env("X")', `${ENVIRON}SECRET_KEY = env("SECRET_KEY")\n`, ['SECRET_KEY']],
    ['env.db()', `${ENVIRON}DATABASES = {"default": env.db()}\n`, ['DATABASE_URL']],
    ['env.bool("X")', `${ENVIRON}DEBUG = env.bool("DEBUG")\n`, ['DEBUG']],
    ['env.email_url()', `${ENVIRON}EMAIL = env.email_url()\n`, ['EMAIL_URL']],
    ['decouple config("X")', 'from decouple import config\nKEY = config("API_KEY")\n', ['API_KEY']],
    [
      'a raise when unset',
      'import os\nif not os.getenv("DB_NAME"):\n    raise ValueError("set DB_NAME")\n',
      ['DB_NAME'],
    ],
    [
      'the production branch of `"dev" if DEBUG else os.getenv("X")`',
      'import os\nDEBUG = os.getenv("DJANGO_DEBUG") != "FALSE"\nSECRET_KEY = "dev" if DEBUG else os.getenv("DJANGO_SECRET_KEY")\n',
      ['DJANGO_SECRET_KEY'],
    ],
    [
      "the settings' own helper that raises without the variable",
      'import os\n\n\ndef env_required(name: str) -> str:\n    value = os.getenv(name)\n\n    if not value:\n        raise RuntimeError(f"{name} is required")\n\n    return value.strip()\n\n\nHOST = env_required("DEPLOYMENT_HOST")\n',
      ['DEPLOYMENT_HOST'],
    ],
    [
      'django-configurations SecretValue',
      'from configurations import Configuration, values\nclass Base(Configuration):\n    KEY = values.SecretValue()\n',
      ['DJANGO_KEY'],
    ],
  ])('%s is needed', (_, base, names) => {
    tree.write(project(base));
    expect(namesAtImport()).toEqual(names);
  });

  it('does not count a helper that falls back to a default as required', () => {
    tree.write(
      project(
        'import os\n\n\ndef env_str(name, default=""):\n    return os.getenv(name, default)\n\n\nHOST = env_str("DEPLOYMENT_HOST")\n',
      ),
    );
    expect(namesAtImport()).toEqual([]);
  });

  it.each([
    ['os.getenv with a default', 'import os\nSECRET_KEY = os.getenv("KEY", "dev")\n'],
    ['env("X", default=...)', `${ENVIRON}SECRET_KEY = env("KEY", default="dev")\n`],
    [
      'a schema default',
      'import environ\nenv = environ.Env(KEY=(str, "x"))\nSECRET_KEY = env("KEY")\n',
    ],
    [
      'config with a default',
      'from decouple import config\nDEBUG = config("DEBUG", default=False, cast=bool)\n',
    ],
    [
      'a read guarded by "in os.environ"',
      'import os\nif "KEY" in os.environ:\n    SECRET_KEY = os.environ["KEY"]\n',
    ],
    [
      'a read in a branch the image may not take',
      `${ENVIRON}if USE_S3:\n    BUCKET = env("BUCKET")\n`,
    ],
    ['os.getenv("X") compared', 'import os\nif os.getenv("DB") == "postgres":\n    pass\n'],
    ['a split of an empty default', 'import os\nHOSTS = os.getenv("HOSTS", "").split(",")\n'],
    [
      'a SECRET_KEY with a fallback',
      'import os\nSECRET_KEY = os.environ.get("KEY")\nif not SECRET_KEY:\n    SECRET_KEY = "generated"\n',
    ],
    ['a commented-out read', 'import os\n# SECRET_KEY = os.environ["KEY"]\n'],
    [
      'os.environ.get("X") or a literal',
      'import os\nSECRET_KEY = os.environ.get("KEY") or "dev"\n',
    ],
    [
      'a read over two lines, then or a literal',
      'import os\nSECRET_KEY = os.environ.get(\n    "KEY") or "dev"\nPORT = int(os.getenv("PORT") or 3306)\n',
    ],
  ])('%s is not needed', (_, base) => {
    tree.write(project(base));
    expect(namesAtImport()).toEqual([]);
  });

  it('reads the whole chain: base and the production module', () => {
    tree.write(
      project(
        `${ENVIRON}DATABASES = {"default": env.db("DATABASE_URL")}\n`,
        'SECRET_KEY = env("DJANGO_SECRET_KEY")\n',
      ),
    );
    expect(needs()).toEqual([
      expect.objectContaining({ name: 'DATABASE_URL', kind: 'database-url', atImport: true }),
      expect.objectContaining({
        name: 'DJANGO_SECRET_KEY',
        kind: 'secret-key',
        reason: 'mysite/settings/prod.py reads env("DJANGO_SECRET_KEY") with no default',
      }),
    ]);
  });

  it('knows `env` imported from a module of the project', () => {
    tree.write({
      ...project('from mysite.env import env\nSECRET_KEY = env("SECRET_KEY")\n'),
      'mysite/env.py': 'import environ\nenv = environ.Env()\n',
    });
    expect(namesAtImport()).toEqual(['SECRET_KEY']);
  });

  it('keeps the separator a list is split on', () => {
    tree.write(project('import os\nALLOWED_HOSTS = os.environ["HOSTS"].split(" ")\n'));
    expect(needs()).toEqual([
      expect.objectContaining({ name: 'HOSTS', kind: 'list', separator: ' ' }),
    ]);
  });

  it('needs DATABASE_URL to serve (not to import) when DATABASES come from dj_database_url.config()', () => {
    tree.write(
      project('import dj_database_url\nDATABASES = {"default": dj_database_url.config()}\n'),
    );
    expect(needs()).toEqual([
      expect.objectContaining({ name: 'DATABASE_URL', kind: 'database-url', atImport: false }),
    ]);
  });
});

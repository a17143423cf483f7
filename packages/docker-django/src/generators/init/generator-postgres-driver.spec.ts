import { type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { addDjangoProject } from '../../testing/django-fixtures';
import { callbackWarnings } from '../../testing/generator-callback';
import { read } from '../../testing/tree-files';
import { initGenerator } from './generator';
import { POSTGRES_API_INIT } from '../../testing/postgres-api';

// Issue 9 item 12: --database postgres makes sure Django has a PostgreSQL driver to load.
// The e2e suite cannot install psycopg[binary] (the offline index has no psycopg-binary wheel),
// so its postgres projects list psycopg2-binary themselves; this is where the addition is proved.
describe('init generator --database postgres: the PostgreSQL driver', () => {
  let tree: Tree;
  const postgres = POSTGRES_API_INIT;

  const messages = async (schema = postgres) => callbackWarnings(await initGenerator(tree, schema));

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  it('adds psycopg[binary] to requirements.txt when no driver is listed, and says why', async () => {
    addDjangoProject(tree, { name: 'api', root: 'apps/api', requirements: 'Django>=4.2\n' });
    const text = await messages();
    expect(read(tree, 'apps/api/requirements.txt')).toBe(
      'Django>=4.2\ngunicorn\npsycopg[binary]\n',
    );
    expect(text).toContain(
      'Added psycopg[binary] to apps/api/requirements.txt: --database postgres needs a PostgreSQL driver',
    );
    expect(read(tree, 'apps/api/Dockerfile')).not.toMatch(/libpq/);
  });

  it.each(['psycopg2-binary', 'psycopg[c]>=3.1', 'psycopg2==2.9.9', 'psycopg-binary'])(
    'adds nothing when %s is there',
    async (driver) => {
      addDjangoProject(tree, {
        name: 'api',
        root: 'apps/api',
        requirements: `Django\ngunicorn\n${driver}\n`,
      });
      await messages();
      expect(read(tree, 'apps/api/requirements.txt')).toBe(`Django\ngunicorn\n${driver}\n`);
    },
  );

  it('adds nothing without --database postgres', async () => {
    addDjangoProject(tree, { name: 'api', root: 'apps/api', requirements: 'Django\ngunicorn\n' });
    await messages({ ...postgres, database: 'none' } as never);
    expect(read(tree, 'apps/api/requirements.txt')).toBe('Django\ngunicorn\n');
  });

  it('prints the exact uv command, quoted for the shell, instead of editing a lock-file project', async () => {
    addDjangoProject(tree, {
      name: 'api',
      root: 'apps/api',
      requirements: null,
      extraFiles: {
        'pyproject.toml': '[project]\nname = "api"\ndependencies = ["django", "gunicorn"]\n',
        'uv.lock': 'version = 1\n',
      },
    });
    const text = await messages();
    expect(text).toContain('Run `uv add "psycopg[binary]"` in apps/api');
    expect(tree.read('apps/api/pyproject.toml', 'utf-8')).not.toContain('psycopg');
  });
});

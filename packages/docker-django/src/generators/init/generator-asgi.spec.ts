import { type Tree } from '@nx/devkit';
import { settingsPy, workspaceWithApi } from '../../testing/django-fixtures';
import { read } from '../../testing/tree-files';
import { initGenerator } from './generator';

const ASGI_PY = [
  'import os',
  'from django.core.asgi import get_asgi_application',
  "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')",
  'application = get_asgi_application()',
  '',
].join('\n');

// An ASGI-only project runs under gunicorn's uvicorn worker unless it depends on an ASGI
// server: the image must then install both, or the container dies at start.
describe('init generator: an ASGI-only project', () => {
  let tree: Tree;
  const base = { project: 'api', skipFormat: true, addPlugin: false };

  beforeEach(() => {
    tree = workspaceWithApi('3.13');
    tree.delete('apps/api/mysite/wsgi.py');
    tree.write('apps/api/mysite/asgi.py', ASGI_PY);
    tree.write(
      'apps/api/mysite/settings.py',
      settingsPy('mysite')
        .replace('WSGI_APPLICATION', 'ASGI_APPLICATION')
        .replace('.wsgi.', '.asgi.'),
    );
  });

  it('runs the ASGI application under gunicorn with the uvicorn worker', async () => {
    await initGenerator(tree, base);
    expect(read(tree, 'apps/api/Dockerfile')).toContain(
      'CMD ["gunicorn","mysite.asgi:application","--worker-class=uvicorn.workers.UvicornWorker"',
    );
  });

  it('adds gunicorn and uvicorn to requirements.txt when neither is there', async () => {
    await initGenerator(tree, base);
    const lines = read(tree, 'apps/api/requirements.txt').split('\n');
    expect(lines).toEqual(expect.arrayContaining(['gunicorn', 'uvicorn']));
  });

  it('runs uvicorn itself, adding nothing, when the project depends on it', async () => {
    tree.write('apps/api/requirements.txt', 'Django>=4.2,<5\nuvicorn\n');
    await initGenerator(tree, base);
    expect(read(tree, 'apps/api/requirements.txt')).toBe('Django>=4.2,<5\nuvicorn\n');
    expect(read(tree, 'apps/api/Dockerfile')).toContain('CMD ["uvicorn","mysite.asgi:application"');
  });
});

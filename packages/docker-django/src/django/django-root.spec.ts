import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { findDjangoRoot } from './django-root';
import type { FileSource } from '../files/file-source';
import { treeFileSource } from '../nx/tree-file-source';

const PROJECT = 'apps/api';

function managePy(settings: string, quote: '"' | "'" = '"'): string {
  return [
    'import os',
    'import sys',
    '',
    'if __name__ == "__main__":',
    `    os.environ.setdefault(${quote}DJANGO_SETTINGS_MODULE${quote}, ${quote}${settings}${quote})`,
    '    from django.core.management import execute_from_command_line',
    '    execute_from_command_line(sys.argv)',
    '',
  ].join('\n');
}

function wsgiPy(settings: string, callable = 'application'): string {
  return [
    'import os',
    'from django.core.wsgi import get_wsgi_application',
    '',
    `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${settings}")`,
    `${callable} = get_wsgi_application()`,
    '',
  ].join('\n');
}

function asgiPy(settings: string): string {
  return [
    'import os',
    'from django.core.asgi import get_asgi_application',
    '',
    `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${settings}")`,
    'application = get_asgi_application()',
    '',
  ].join('\n');
}

function settingsPy(wsgiApplication: string, quote: '"' | "'" = '"'): string {
  return [
    'from pathlib import Path',
    '',
    'BASE_DIR = Path(__file__).resolve().parent.parent',
    'DEBUG = False',
    `WSGI_APPLICATION = ${quote}${wsgiApplication}${quote}`,
    '',
  ].join('\n');
}

/** `django-admin startproject mysite` in `folder` (relative to the project). */
function startproject(folder = ''): Record<string, string> {
  const at = (path: string) => (folder === '' ? path : `${folder}/${path}`);
  return {
    [at('manage.py')]: managePy('mysite.settings', "'"),
    [at('mysite/__init__.py')]: '',
    [at('mysite/settings.py')]: settingsPy('mysite.wsgi.application', "'"),
    [at('mysite/urls.py')]: 'urlpatterns = []\n',
    [at('mysite/wsgi.py')]: wsgiPy('mysite.settings'),
    [at('mysite/asgi.py')]: asgiPy('mysite.settings'),
  };
}

describe('Django root detection', () => {
  let tree: Tree;
  let src: FileSource;

  const write = (files: Record<string, string>, root = PROJECT) => {
    for (const [path, content] of Object.entries(files)) {
      tree.write(root === '' ? path : `${root}/${path}`, content);
    }
  };

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    src = treeFileSource(tree);
  });

  describe('findDjangoRoot', () => {
    it('returns "" when manage.py is in the project root', () => {
      write(startproject());

      expect(findDjangoRoot(src, PROJECT)).toBe('');
    });

    it.each([
      ['in src/', 'src'],
      ['one level down', 'backend'],
      ['two levels down', 'backend/server'],
      ['two levels down inside src/', 'src/django'],
    ])('finds manage.py %s', (_, folder) => {
      write(startproject(folder));

      expect(findDjangoRoot(src, PROJECT)).toBe(folder);
    });

    it('does not look three levels down', () => {
      write(startproject('a/b/c'));

      expect(findDjangoRoot(src, PROJECT)).toBeNull();
    });

    it('returns null when there is no manage.py', () => {
      write({ 'main.py': 'print("hi")\n' });

      expect(findDjangoRoot(src, PROJECT)).toBeNull();
    });

    it('prefers the shallowest candidate', () => {
      write({
        'aaa/deep/manage.py': managePy('deep.settings'),
        'zzz/manage.py': managePy('z.settings'),
      });

      expect(findDjangoRoot(src, PROJECT)).toBe('zzz');
    });

    it('prefers the project root over any sub-folder', () => {
      write({ 'manage.py': managePy('a.settings'), 'src/manage.py': managePy('b.settings') });

      expect(findDjangoRoot(src, PROJECT)).toBe('');
    });

    it('breaks ties at the same depth alphabetically', () => {
      write({ 'web/manage.py': managePy('w.settings'), 'api/manage.py': managePy('a.settings') });

      expect(findDjangoRoot(src, PROJECT)).toBe('api');
    });

    it('prefers src/ over its alphabetically earlier siblings', () => {
      write({ 'app/manage.py': managePy('a.settings'), 'src/manage.py': managePy('s.settings') });

      expect(findDjangoRoot(src, PROJECT)).toBe('src');
    });

    it.each([
      '.venv',
      'venv',
      'env',
      'node_modules',
      '.git',
      'dist',
      'build',
      '__pycache__',
      '.tox',
      '.nx',
      'site-packages',
      '.mypy_cache',
      'mysite.egg-info',
    ])('never picks a manage.py inside %s', (skipped) => {
      write({
        [`${skipped}/manage.py`]: managePy('bad.settings'),
        [`${skipped}/x/manage.py`]: managePy('bad.settings'),
      });
      write(startproject('server/app'));

      expect(findDjangoRoot(src, PROJECT)).toBe('server/app');
    });

    it('never picks a manage.py inside a virtualenv with another name (pyvenv.cfg)', () => {
      write({ 'aaa/pyvenv.cfg': 'home = /usr/bin\n', 'aaa/manage.py': managePy('bad.settings') });
      write(startproject('server'));

      expect(findDjangoRoot(src, PROJECT)).toBe('server');
    });

    it('ignores a folder named manage.py', () => {
      write({ 'manage.py/readme.txt': 'not a script\n' });
      write(startproject('src'));

      expect(findDjangoRoot(src, PROJECT)).toBe('src');
    });
  });
});

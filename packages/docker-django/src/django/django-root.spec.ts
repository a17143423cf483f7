import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { findDjangoRoot } from './django-root';
import type { FileSource } from '../files/file-source';
import { treeFileSource } from '../nx/tree-file-source';
import { managePy, PROJECT, startproject } from '../testing/django-sources';

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

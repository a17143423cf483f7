import { useProjectTree } from '../testing/project-tree';
import { findDjangoRoot } from './django-root';
import { managePy, PROJECT, startproject } from '../testing/django-sources';

describe('Django root detection', () => {
  const project = useProjectTree(PROJECT);

  describe('findDjangoRoot', () => {
    it('returns "" when manage.py is in the project root', () => {
      project.write(startproject());

      expect(findDjangoRoot(project.src, PROJECT)).toBe('');
    });

    it.each([
      ['in src/', 'src'],
      ['one level down', 'backend'],
      ['two levels down', 'backend/server'],
      ['two levels down inside src/', 'src/django'],
      ['three levels down', 'src/backend/App'],
      ['four levels down', 'services/python/src/api'],
    ])('finds manage.py %s', (_, folder) => {
      project.write(startproject(folder));

      expect(findDjangoRoot(project.src, PROJECT)).toBe(folder);
    });

    it('does not look five levels down', () => {
      project.write(startproject('a/b/c/d/e'));

      expect(findDjangoRoot(project.src, PROJECT)).toBeNull();
    });

    it.each(['vendor', 'third_party', 'static', 'media', 'node_modules', 'app/migrations'])(
      'never picks a manage.py under %s/',
      (folder) => {
        project.write({ [`${folder}/pkg/manage.py`]: managePy('pkg.settings') });

        expect(findDjangoRoot(project.src, PROJECT)).toBeNull();
      },
    );

    it('prefers a deeper project over a test or docs project', () => {
      project.write({
        'tests/testproject/manage.py': managePy('testproject.settings'),
        'docs/manage.py': managePy('docs.settings'),
        'src/backend/site/manage.py': managePy('site.settings'),
      });

      expect(findDjangoRoot(project.src, PROJECT)).toBe('src/backend/site');
    });

    it('falls back to a tests/ project when it is the only one', () => {
      project.write({ 'tests/testproject/manage.py': managePy('testproject.settings') });

      expect(findDjangoRoot(project.src, PROJECT)).toBe('tests/testproject');
    });

    it('returns null when there is no manage.py', () => {
      project.write({ 'main.py': 'print("hi")\n' });

      expect(findDjangoRoot(project.src, PROJECT)).toBeNull();
    });

    it('prefers the shallowest candidate', () => {
      project.write({
        'aaa/deep/manage.py': managePy('deep.settings'),
        'zzz/manage.py': managePy('z.settings'),
      });

      expect(findDjangoRoot(project.src, PROJECT)).toBe('zzz');
    });

    it('prefers the project root over any sub-folder', () => {
      project.write({
        'manage.py': managePy('a.settings'),
        'src/manage.py': managePy('b.settings'),
      });

      expect(findDjangoRoot(project.src, PROJECT)).toBe('');
    });

    it('breaks ties at the same depth alphabetically', () => {
      project.write({
        'web/manage.py': managePy('w.settings'),
        'api/manage.py': managePy('a.settings'),
      });

      expect(findDjangoRoot(project.src, PROJECT)).toBe('api');
    });

    it('prefers src/ over its alphabetically earlier siblings', () => {
      project.write({
        'app/manage.py': managePy('a.settings'),
        'src/manage.py': managePy('s.settings'),
      });

      expect(findDjangoRoot(project.src, PROJECT)).toBe('src');
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
      project.write({
        [`${skipped}/manage.py`]: managePy('bad.settings'),
        [`${skipped}/x/manage.py`]: managePy('bad.settings'),
      });
      project.write(startproject('server/app'));

      expect(findDjangoRoot(project.src, PROJECT)).toBe('server/app');
    });

    it('never picks a manage.py inside a virtualenv with another name (pyvenv.cfg)', () => {
      project.write({
        'aaa/pyvenv.cfg': 'home = /usr/bin\n',
        'aaa/manage.py': managePy('bad.settings'),
      });
      project.write(startproject('server'));

      expect(findDjangoRoot(project.src, PROJECT)).toBe('server');
    });

    it('ignores a folder named manage.py', () => {
      project.write({ 'manage.py/readme.txt': 'not a script\n' });
      project.write(startproject('src'));

      expect(findDjangoRoot(project.src, PROJECT)).toBe('src');
    });
  });
});

import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { detectDjangoLayout } from '../django/detect-django-layout';
import { fsFileSource, joinPath, normalizeRelativePath, type FileSource } from './file-source';
import { treeFileSource } from '../nx/tree-file-source';

describe('joinPath', () => {
  it.each([
    [['', 'manage.py'], 'manage.py'],
    [['apps/api', '', 'manage.py'], 'apps/api/manage.py'],
    [['apps/api', '.', 'src/'], 'apps/api/src'],
    [['apps/api', '../../libs/x'], 'libs/x'],
    [['', ''], ''],
    [['.'], ''],
  ])('joins %j into %j', (segments, joined) => {
    expect(joinPath(...segments)).toBe(joined);
  });
});

describe('normalizeRelativePath', () => {
  it.each([
    ['./src/', 'src'],
    ['src\\server', 'src/server'],
    ['.', ''],
    [' backend ', 'backend'],
  ])('normalises %j to %j', (path, normalised) => {
    expect(normalizeRelativePath(path)).toBe(normalised);
  });
});

/** The FileSource contract, run against both implementations. */
function describeFileSource(name: string, setup: (files: Record<string, string>) => FileSource) {
  describe(name, () => {
    let src: FileSource;

    beforeEach(() => {
      src = setup({
        'apps/api/manage.py': 'import os\n',
        'apps/api/mysite/settings.py': 'DEBUG = True\n',
      });
    });

    it('tells files from folders', () => {
      expect(src.isFile('apps/api/manage.py')).toBe(true);
      expect(src.isDirectory('apps/api/manage.py')).toBe(false);
      expect(src.isFile('apps/api/mysite')).toBe(false);
      expect(src.isDirectory('apps/api/mysite')).toBe(true);
    });

    it('treats the empty path as the workspace root folder', () => {
      expect(src.isDirectory('')).toBe(true);
      expect(src.isFile('')).toBe(false);
      expect(src.children('')).toContain('apps');
    });

    it('reports missing paths as neither file nor folder', () => {
      expect(src.isFile('apps/api/missing.py')).toBe(false);
      expect(src.isDirectory('apps/missing')).toBe(false);
    });

    it('reads a file as text', () => {
      expect(src.read('apps/api/manage.py')).toBe('import os\n');
    });

    it('reads a missing file or a folder as null', () => {
      expect(src.read('apps/api/missing.py')).toBeNull();
      expect(src.read('apps/api/mysite')).toBeNull();
    });

    it('lists the names of files and folders in a folder', () => {
      expect([...src.children('apps/api')].sort()).toEqual(['manage.py', 'mysite']);
    });

    it('lists nothing for a missing folder', () => {
      expect(src.children('apps/missing')).toEqual([]);
    });
  });
}

describeFileSource('treeFileSource', (files) => {
  const tree = createTreeWithEmptyWorkspace();
  for (const [path, content] of Object.entries(files)) {
    tree.write(path, content);
  }
  return treeFileSource(tree);
});

describe('fsFileSource', () => {
  const roots: string[] = [];

  const makeWorkspace = (files: Record<string, string>): string => {
    const root = mkdtempSync(join(tmpdir(), 'docker-django-fs-'));
    roots.push(root);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    return root;
  };

  afterEach(() => {
    for (const root of roots.splice(0)) {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describeFileSource('contract', (files) => fsFileSource(makeWorkspace(files)));

  it('detects a Django layout on disk, independently of the current directory', () => {
    const root = makeWorkspace({
      'apps/api/src/manage.py':
        'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      'apps/api/src/mysite/__init__.py': '',
      'apps/api/src/mysite/settings.py': 'WSGI_APPLICATION = "mysite.wsgi.application"\n',
      'apps/api/src/mysite/wsgi.py':
        'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
      'apps/api/.venv/manage.py':
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bad.settings")\n',
    });

    const layout = detectDjangoLayout(fsFileSource(root), 'apps/api');

    expect(layout.djangoRoot).toBe('src');
    expect(layout.settingsModule).toBe('mysite.settings');
    expect(layout.settingsPath).toBe('src/mysite/settings.py');
    expect(layout.wsgiModule).toBe('mysite.wsgi');
    expect(layout.wsgiPath).toBe('src/mysite/wsgi.py');
    expect(layout.asgiModule).toBeNull();
  });
});

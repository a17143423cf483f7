import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import {
  DjangoDetectionError,
  detectDjangoLayout,
  type DjangoLayout,
} from './detect-django-layout';
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

describe('Django layout detection', () => {
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

  describe('detectDjangoLayout', () => {
    it('reads a django-admin startproject layout in the project root', () => {
      write(startproject());

      expect(detectDjangoLayout(src, PROJECT)).toEqual<DjangoLayout>({
        djangoRoot: '',
        settingsModule: 'mysite.settings',
        imageSettingsModule: 'mysite.settings',
        wsgiModule: 'mysite.wsgi',
        wsgiCallable: 'application',
        settingsPath: 'mysite/settings.py',
        imageSettingsPath: 'mysite/settings.py',
        wsgiPath: 'mysite/wsgi.py',
        asgiModule: 'mysite.asgi',
      });
    });

    it('reads a src/ layout, with paths relative to the project root', () => {
      write(startproject('src'));

      expect(detectDjangoLayout(src, PROJECT)).toEqual<DjangoLayout>({
        djangoRoot: 'src',
        settingsModule: 'mysite.settings',
        imageSettingsModule: 'mysite.settings',
        wsgiModule: 'mysite.wsgi',
        wsgiCallable: 'application',
        settingsPath: 'src/mysite/settings.py',
        imageSettingsPath: 'src/mysite/settings.py',
        wsgiPath: 'src/mysite/wsgi.py',
        asgiModule: 'mysite.asgi',
      });
    });

    it('reads a layout two levels down', () => {
      write(startproject('backend/server'));

      const layout = detectDjangoLayout(src, PROJECT);

      expect(layout.djangoRoot).toBe('backend/server');
      expect(layout.settingsPath).toBe('backend/server/mysite/settings.py');
      expect(layout.wsgiModule).toBe('mysite.wsgi');
    });

    it('works for a project at the workspace root', () => {
      write(startproject(), '');

      const layout = detectDjangoLayout(src, '');

      expect(layout.djangoRoot).toBe('');
      expect(layout.settingsPath).toBe('mysite/settings.py');
    });

    it.each([
      ['double quotes', `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")`],
      ['single quotes', `os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')`],
      [
        'mixed quotes and spaces',
        `os.environ.setdefault( 'DJANGO_SETTINGS_MODULE' ,  "mysite.settings" )`,
      ],
      [
        'black-style line breaks',
        `os.environ.setdefault(\n        "DJANGO_SETTINGS_MODULE",\n        "mysite.settings",\n    )`,
      ],
      ['an item assignment', `os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"`],
      [
        'an item assignment with single quotes',
        `os.environ[ 'DJANGO_SETTINGS_MODULE' ] = 'mysite.settings'`,
      ],
    ])('reads DJANGO_SETTINGS_MODULE written with %s', (_, line) => {
      write({ ...startproject(), 'manage.py': `import os\n\ndef main():\n    ${line}\n` });

      expect(detectDjangoLayout(src, PROJECT).settingsModule).toBe('mysite.settings');
    });

    it('ignores a commented-out DJANGO_SETTINGS_MODULE', () => {
      write({
        ...startproject(),
        'manage.py': [
          'import os',
          '# os.environ.setdefault("DJANGO_SETTINGS_MODULE", "old.settings")',
          'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")  # the real one',
          '',
        ].join('\n'),
      });

      expect(detectDjangoLayout(src, PROJECT).settingsModule).toBe('mysite.settings');
    });

    it('follows `from .base import *` in a split settings module', () => {
      write({
        'manage.py': managePy('mysite.settings.production'),
        'mysite/__init__.py': '',
        'mysite/settings/__init__.py': '',
        'mysite/settings/base.py': settingsPy('mysite.wsgi.application'),
        'mysite/settings/production.py': 'from .base import *  # noqa\n\nDEBUG = False\n',
        // No wsgi.py, so only the setting can name the module.
      });

      const layout = detectDjangoLayout(src, PROJECT);

      expect(layout.settingsModule).toBe('mysite.settings.production');
      expect(layout.settingsPath).toBe('mysite/settings/production.py');
      expect(layout.wsgiModule).toBe('mysite.wsgi');
      expect(layout.wsgiCallable).toBe('application');
    });

    it('searches base.py of a settings package whose __init__.py is empty', () => {
      write({
        'manage.py': managePy('mysite.settings'),
        'mysite/__init__.py': '',
        'mysite/settings/__init__.py': '',
        'mysite/settings/base.py': settingsPy('mysite.wsgi.application'),
        'mysite/settings/production.py': 'from .base import *\n',
      });

      const layout = detectDjangoLayout(src, PROJECT);

      expect(layout.settingsPath).toBe('mysite/settings');
      expect(layout.wsgiModule).toBe('mysite.wsgi');
    });

    it('follows absolute imports of local settings modules', () => {
      write({
        'manage.py': managePy('project.settings.prod'),
        'project/settings/__init__.py': '',
        'project/settings/prod.py':
          'from django.conf import global_settings\nfrom project.settings.common import *\n',
        'project/settings/common.py': settingsPy('project.wsgi.application'),
      });

      expect(detectDjangoLayout(src, PROJECT).wsgiModule).toBe('project.wsgi');
    });

    it('lets a later assignment in the settings file win over an imported one', () => {
      write({
        'manage.py': managePy('mysite.settings.production'),
        'mysite/settings/__init__.py': '',
        'mysite/settings/base.py': settingsPy('mysite.wsgi.application'),
        'mysite/settings/production.py':
          'from .base import *\n\nWSGI_APPLICATION = "mysite.prod_wsgi.app"\n',
        'mysite/wsgi.py': wsgiPy('mysite.settings.production'),
      });

      const layout = detectDjangoLayout(src, PROJECT);

      expect(layout.wsgiModule).toBe('mysite.prod_wsgi');
      expect(layout.wsgiCallable).toBe('app');
    });

    it('reads django-split-settings include() (wemake-django-template)', () => {
      write({
        'manage.py': managePy('server.settings'),
        'server/__init__.py': '',
        'server/settings/__init__.py': [
          'from split_settings.tools import include, optional',
          '_ENV = "production"',
          '_base_settings = (',
          "    'components/common.py',",
          "    'environments/{0}.py'.format(_ENV),",
          "    optional('environments/local.py'),",
          ')',
          'include(*_base_settings)',
          '',
        ].join('\n'),
        'server/settings/components/__init__.py': '',
        'server/settings/components/common.py': settingsPy('server.wsgi.application', "'"),
      });

      expect(detectDjangoLayout(src, PROJECT).wsgiModule).toBe('server.wsgi');
    });

    it('expands a wildcard in a django-split-settings include()', () => {
      write({
        'manage.py': managePy('server.settings'),
        'server/settings/__init__.py':
          "from split_settings.tools import include\ninclude('parts/*.py')\n",
        'server/settings/parts/a_logging.py': 'LOGGING = {}\n',
        'server/settings/parts/b_web.py': settingsPy('server.web.application'),
      });

      expect(detectDjangoLayout(src, PROJECT).wsgiModule).toBe('server.web');
    });

    it('reads a cookiecutter-django layout: local settings for manage.py, production for the image', () => {
      write({
        'manage.py': managePy('config.settings.local'),
        'config/__init__.py': '',
        'config/settings/__init__.py': '',
        'config/settings/base.py': settingsPy('config.wsgi.application'),
        'config/settings/local.py': 'from .base import *  # noqa: F403\n\nDEBUG = True\n',
        'config/settings/production.py': 'from .base import *  # noqa: F403\n',
        'config/wsgi.py': wsgiPy('config.settings.production'),
        'config/asgi.py': asgiPy('config.settings.production'),
      });

      expect(detectDjangoLayout(src, PROJECT)).toEqual<DjangoLayout>({
        djangoRoot: '',
        settingsModule: 'config.settings.local',
        imageSettingsModule: 'config.settings.production',
        wsgiModule: 'config.wsgi',
        wsgiCallable: 'application',
        settingsPath: 'config/settings/local.py',
        imageSettingsPath: 'config/settings/production.py',
        wsgiPath: 'config/wsgi.py',
        asgiModule: 'config.asgi',
      });
    });

    it('accepts WSGI_APPLICATION read from the environment with a default', () => {
      write({
        ...startproject(),
        'mysite/settings.py':
          'WSGI_APPLICATION = env("DJANGO_WSGI", default="mysite.server.app")\n',
      });

      const layout = detectDjangoLayout(src, PROJECT);

      expect(layout.wsgiModule).toBe('mysite.server');
      expect(layout.wsgiCallable).toBe('app');
    });

    it('trusts WSGI_APPLICATION over wsgi.py files found by searching', () => {
      write({
        'manage.py': managePy('core.settings'),
        'core/settings.py': settingsPy('core.server.application'),
        'core/server.py': wsgiPy('core.settings'),
        'core/wsgi.py': wsgiPy('core.settings'),
      });

      const layout = detectDjangoLayout(src, PROJECT);

      expect(layout.wsgiModule).toBe('core.server');
      expect(layout.wsgiPath).toBe('core/server.py');
    });

    it('falls back to a wsgi.py calling get_wsgi_application when no setting names it', () => {
      write({
        'manage.py': managePy('core.settings'),
        'core/__init__.py': '',
        'core/settings.py': 'DEBUG = False\n',
        'core/wsgi.py': wsgiPy('core.settings', 'app'),
        '.venv/lib/other/wsgi.py': wsgiPy('bad.settings'),
      });

      const layout = detectDjangoLayout(src, PROJECT);

      expect(layout.wsgiModule).toBe('core.wsgi');
      expect(layout.wsgiCallable).toBe('app');
      expect(layout.wsgiPath).toBe('core/wsgi.py');
    });

    it('prefers the fallback wsgi.py in the settings package over others', () => {
      write({
        'manage.py': managePy('site_b.settings'),
        'site_a/wsgi.py': wsgiPy('site_a.settings'),
        'site_b/settings.py': 'DEBUG = False\n',
        'site_b/wsgi.py': wsgiPy('site_b.settings'),
      });

      expect(detectDjangoLayout(src, PROJECT).wsgiModule).toBe('site_b.wsgi');
    });

    it('ignores a wsgi.py that does not call get_wsgi_application', () => {
      write({
        'manage.py': managePy('core.settings'),
        'core/settings.py': 'DEBUG = False\n',
        'core/wsgi.py': '# get_wsgi_application() is called elsewhere\n',
      });

      expect(() => detectDjangoLayout(src, PROJECT)).toThrow(DjangoDetectionError);
    });

    it('takes the settings module from wsgi.py when manage.py does not set one', () => {
      write({
        'manage.py': 'import sys\nfrom django.core.management import execute_from_command_line\n',
        'mysite/settings.py': settingsPy('mysite.wsgi.application'),
        'mysite/wsgi.py': wsgiPy('mysite.settings'),
      });

      expect(detectDjangoLayout(src, PROJECT).settingsModule).toBe('mysite.settings');
    });

    it('returns a null settingsPath when the settings module is not in the project', () => {
      write({
        'manage.py': managePy('elsewhere.settings'),
        'mysite/wsgi.py': wsgiPy('elsewhere.settings'),
      });

      const layout = detectDjangoLayout(src, PROJECT);

      expect(layout.settingsPath).toBeNull();
      expect(layout.wsgiModule).toBe('mysite.wsgi');
    });

    it('returns a null asgiModule when there is no asgi.py', () => {
      const { 'mysite/asgi.py': _asgi, ...files } = startproject();
      write(files);

      expect(detectDjangoLayout(src, PROJECT).asgiModule).toBeNull();
    });

    it('finds an asgi.py that is not beside wsgi.py', () => {
      const { 'mysite/asgi.py': _asgi, ...files } = startproject();
      write({ ...files, 'realtime/asgi.py': asgiPy('mysite.settings') });

      expect(detectDjangoLayout(src, PROJECT).asgiModule).toBe('realtime.asgi');
    });

    it('does not let a manage.py inside .venv win', () => {
      write({
        '.venv/manage.py': managePy('venv.settings'),
        'venv/manage.py': managePy('venv.settings'),
      });
      write(startproject('backend/server'));

      const layout = detectDjangoLayout(src, PROJECT);

      expect(layout.djangoRoot).toBe('backend/server');
      expect(layout.settingsModule).toBe('mysite.settings');
    });

    describe('errors', () => {
      it('throws when there is no manage.py', () => {
        write({ 'main.py': '' });

        expect(() => detectDjangoLayout(src, PROJECT)).toThrow(
          new DjangoDetectionError(
            'No manage.py found under "apps/api" (looked in the project root, src/ and two ' +
              'levels down). Pass --djangoRoot or add a manage.py.',
            PROJECT,
          ),
        );
      });

      it('shows a project at the workspace root as "."', () => {
        expect(() => detectDjangoLayout(src, '')).toThrow('No manage.py found under "." (');
      });

      it('throws a DjangoDetectionError carrying the project root', () => {
        let error: unknown;
        try {
          detectDjangoLayout(src, PROJECT);
        } catch (e) {
          error = e;
        }

        expect(error).toBeInstanceOf(DjangoDetectionError);
        expect((error as DjangoDetectionError).projectRoot).toBe(PROJECT);
        expect((error as DjangoDetectionError).name).toBe('DjangoDetectionError');
      });

      it('throws when the WSGI module cannot be found', () => {
        write({ 'manage.py': managePy('mysite.settings'), 'mysite/settings.py': 'DEBUG = True\n' });

        expect(() => detectDjangoLayout(src, PROJECT)).toThrow(
          'Could not find the WSGI module for "apps/api": no WSGI_APPLICATION in ' +
            'mysite/settings.py and no wsgi.py calling get_wsgi_application. Pass --wsgiModule.',
        );
      });

      it('names the missing settings module when the WSGI module cannot be found', () => {
        write({ 'manage.py': managePy('gone.settings') });

        expect(() => detectDjangoLayout(src, PROJECT)).toThrow(
          'Could not find the WSGI module for "apps/api": settings module "gone.settings" not ' +
            'found and no wsgi.py calling get_wsgi_application. Pass --wsgiModule.',
        );
      });

      it('throws when no settings module is named anywhere', () => {
        write({
          'manage.py': 'import sys\n',
          'mysite/settings.py': settingsPy('mysite.wsgi.application'),
        });

        expect(() => detectDjangoLayout(src, PROJECT)).toThrow(
          'Could not find the settings module for "apps/api": no ' +
            'os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...) in manage.py and no wsgi.py ' +
            'setting a default. Pass --settingsModule.',
        );
      });

      it.each([
        [
          'outside the project',
          { djangoRoot: '../other' },
          'Django root "../other" is outside the project "apps/api". Pass a --djangoRoot ' +
            'relative to the project root, such as "src".',
        ],
        [
          'missing',
          { djangoRoot: 'backend' },
          'Django root "backend" does not exist in "apps/api". Pass a --djangoRoot relative to ' +
            'the project root, such as "src".',
        ],
        [
          'not a module',
          { settingsModule: 'my-site.settings' },
          'Invalid settings module "my-site.settings" for "apps/api": expected a dotted module ' +
            'such as "mysite.settings". Pass a valid --settingsModule.',
        ],
        [
          'not a module',
          { wsgiModule: 'mysite/wsgi.py' },
          'Invalid WSGI module "mysite/wsgi.py" for "apps/api": expected a dotted module such as ' +
            '"mysite.wsgi" or "mysite.wsgi:application". Pass a valid --wsgiModule.',
        ],
      ])('rejects an override that is %s: %j', (_, overrides, message) => {
        write(startproject());

        expect(() => detectDjangoLayout(src, PROJECT, overrides)).toThrow(message);
      });
    });

    describe('overrides', () => {
      it('uses the djangoRoot override instead of the detected one', () => {
        write(startproject());
        write({
          'legacy/manage.py': managePy('old.settings'),
          'legacy/old/settings.py': settingsPy('old.wsgi.application'),
          'legacy/old/wsgi.py': wsgiPy('old.settings'),
        });

        const layout = detectDjangoLayout(src, PROJECT, { djangoRoot: './legacy/' });

        expect(layout.djangoRoot).toBe('legacy');
        expect(layout.settingsModule).toBe('old.settings');
        expect(layout.settingsPath).toBe('legacy/old/settings.py');
        expect(layout.wsgiModule).toBe('old.wsgi');
      });

      it('accepts a djangoRoot override without manage.py when wsgi.py names the settings', () => {
        write({
          'app/core/settings.py': settingsPy('core.wsgi.application'),
          'app/core/wsgi.py': wsgiPy('core.settings'),
        });

        const layout = detectDjangoLayout(src, PROJECT, { djangoRoot: 'app' });

        expect(layout.djangoRoot).toBe('app');
        expect(layout.settingsModule).toBe('core.settings');
        expect(layout.wsgiModule).toBe('core.wsgi');
      });

      it('uses the settingsModule override for manage.py and the image', () => {
        write({
          'manage.py': managePy('config.settings.local'),
          'config/settings/__init__.py': '',
          'config/settings/base.py': settingsPy('config.wsgi.application'),
          'config/settings/local.py': 'from .base import *\n',
          'config/settings/staging.py': 'from .base import *\n',
          'config/wsgi.py': wsgiPy('config.settings.production'),
        });

        const layout = detectDjangoLayout(src, PROJECT, {
          settingsModule: 'config.settings.staging',
        });

        expect(layout.settingsModule).toBe('config.settings.staging');
        expect(layout.imageSettingsModule).toBe('config.settings.staging');
        expect(layout.settingsPath).toBe('config/settings/staging.py');
        expect(layout.wsgiModule).toBe('config.wsgi');
      });

      it.each([
        ['a module', 'mysite.custom_wsgi', 'mysite.custom_wsgi', 'application'],
        ['a module and callable', 'mysite.custom_wsgi:app', 'mysite.custom_wsgi', 'app'],
      ])('uses the wsgiModule override given as %s', (_, wsgiModule, module, callable) => {
        write({ ...startproject(), 'mysite/custom_wsgi.py': wsgiPy('mysite.settings', callable) });

        const layout = detectDjangoLayout(src, PROJECT, { wsgiModule });

        expect(layout.wsgiModule).toBe(module);
        expect(layout.wsgiCallable).toBe(callable);
        expect(layout.wsgiPath).toBe('mysite/custom_wsgi.py');
      });

      it('treats blank overrides as not given', () => {
        write(startproject('src'));

        const layout = detectDjangoLayout(src, PROJECT, {
          djangoRoot: '',
          settingsModule: ' ',
          wsgiModule: '',
        });

        expect(layout.djangoRoot).toBe('src');
        expect(layout.settingsModule).toBe('mysite.settings');
        expect(layout.wsgiModule).toBe('mysite.wsgi');
      });

      it('accepts "." as a djangoRoot override meaning the project root', () => {
        write({ ...startproject(), 'src/manage.py': managePy('other.settings') });

        const layout = detectDjangoLayout(src, PROJECT, { djangoRoot: '.' });

        expect(layout.djangoRoot).toBe('');
        expect(layout.settingsModule).toBe('mysite.settings');
      });

      it('makes detection succeed where it would fail', () => {
        write({ 'manage.py': 'import sys\n' });

        const layout = detectDjangoLayout(src, PROJECT, {
          settingsModule: 'a.settings',
          wsgiModule: 'a.wsgi',
        });

        expect(layout).toEqual<DjangoLayout>({
          djangoRoot: '',
          settingsModule: 'a.settings',
          imageSettingsModule: 'a.settings',
          wsgiModule: 'a.wsgi',
          wsgiCallable: 'application',
          settingsPath: null,
          imageSettingsPath: null,
          wsgiPath: null,
          asgiModule: null,
        });
      });
    });
  });
});

import { useProjectTree } from '../testing/project-tree';
import {
  DjangoDetectionError,
  detectDjangoLayout,
  type DjangoLayout,
} from './detect-django-layout';
import {
  asgiPy,
  managePy,
  PROJECT,
  settingsPy,
  startproject,
  wsgiPy,
} from '../testing/django-sources';

describe('Django layout detection', () => {
  const project = useProjectTree(PROJECT);

  describe('detectDjangoLayout', () => {
    it('reads a django-admin startproject layout in the project root', () => {
      project.write(startproject());

      expect(detectDjangoLayout(project.src, PROJECT)).toEqual<DjangoLayout>({
        djangoRoot: '',
        settingsModule: 'mysite.settings',
        imageSettingsModule: 'mysite.settings',
        imageSettingsReason: 'manage.py and mysite/wsgi.py default to mysite.settings',
        wsgiModule: 'mysite.wsgi',
        wsgiCallable: 'application',
        entryPoint: {
          kind: 'wsgi',
          module: 'mysite.wsgi',
          callable: 'application',
          reason: 'mysite/wsgi.py builds the WSGI application',
        },
        extraPythonPath: [],
        staticFiles: expect.objectContaining({ installed: false, collectStatic: false }),
        environment: [],
        settingsPath: 'mysite/settings.py',
        imageSettingsPath: 'mysite/settings.py',
        wsgiPath: 'mysite/wsgi.py',
        asgiModule: 'mysite.asgi',
      });
    });

    it('reads a src/ layout, with paths relative to the project root', () => {
      project.write(startproject('src'));

      expect(detectDjangoLayout(project.src, PROJECT)).toEqual<DjangoLayout>({
        djangoRoot: 'src',
        settingsModule: 'mysite.settings',
        imageSettingsModule: 'mysite.settings',
        imageSettingsReason: 'manage.py and src/mysite/wsgi.py default to mysite.settings',
        wsgiModule: 'mysite.wsgi',
        wsgiCallable: 'application',
        entryPoint: {
          kind: 'wsgi',
          module: 'mysite.wsgi',
          callable: 'application',
          reason: 'src/mysite/wsgi.py builds the WSGI application',
        },
        extraPythonPath: [],
        staticFiles: expect.objectContaining({ installed: false, collectStatic: false }),
        environment: [],
        settingsPath: 'src/mysite/settings.py',
        imageSettingsPath: 'src/mysite/settings.py',
        wsgiPath: 'src/mysite/wsgi.py',
        asgiModule: 'mysite.asgi',
      });
    });

    it('reads a layout two levels down', () => {
      project.write(startproject('backend/server'));

      const layout = detectDjangoLayout(project.src, PROJECT);

      expect(layout.djangoRoot).toBe('backend/server');
      expect(layout.settingsPath).toBe('backend/server/mysite/settings.py');
      expect(layout.wsgiModule).toBe('mysite.wsgi');
    });

    it('works for a project at the workspace root', () => {
      project.write(startproject(), '');

      const layout = detectDjangoLayout(project.src, '');

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
      project.write({ ...startproject(), 'manage.py': `import os\n\ndef main():\n    ${line}\n` });

      expect(detectDjangoLayout(project.src, PROJECT).settingsModule).toBe('mysite.settings');
    });

    it('ignores a commented-out DJANGO_SETTINGS_MODULE', () => {
      project.write({
        ...startproject(),
        'manage.py': [
          'import os',
          '# os.environ.setdefault("DJANGO_SETTINGS_MODULE", "old.settings")',
          'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")  # the real one',
          '',
        ].join('\n'),
      });

      expect(detectDjangoLayout(project.src, PROJECT).settingsModule).toBe('mysite.settings');
    });

    it('follows `from .base import *` in a split settings module', () => {
      project.write({
        'manage.py': managePy('mysite.settings.production'),
        'mysite/__init__.py': '',
        'mysite/settings/__init__.py': '',
        'mysite/settings/base.py': settingsPy('mysite.wsgi.application'),
        'mysite/settings/production.py': 'from .base import *  # noqa\n\nDEBUG = False\n',
        // No wsgi.py, so only the setting can name the module.
      });

      const layout = detectDjangoLayout(project.src, PROJECT);

      expect(layout.settingsModule).toBe('mysite.settings.production');
      expect(layout.settingsPath).toBe('mysite/settings/production.py');
      expect(layout.wsgiModule).toBe('mysite.wsgi');
      expect(layout.wsgiCallable).toBe('application');
    });

    it('searches base.py of a settings package whose __init__.py is empty', () => {
      project.write({
        'manage.py': managePy('mysite.settings'),
        'mysite/__init__.py': '',
        'mysite/settings/__init__.py': '',
        'mysite/settings/base.py': settingsPy('mysite.wsgi.application'),
        'mysite/settings/production.py': 'from .base import *\n',
      });

      const layout = detectDjangoLayout(project.src, PROJECT);

      expect(layout.settingsPath).toBe('mysite/settings');
      expect(layout.wsgiModule).toBe('mysite.wsgi');
    });

    it('follows absolute imports of local settings modules', () => {
      project.write({
        'manage.py': managePy('project.settings.prod'),
        'project/settings/__init__.py': '',
        'project/settings/prod.py':
          'from django.conf import global_settings\nfrom project.settings.common import *\n',
        'project/settings/common.py': settingsPy('project.wsgi.application'),
      });

      expect(detectDjangoLayout(project.src, PROJECT).wsgiModule).toBe('project.wsgi');
    });

    it('lets a later assignment in the settings file win over an imported one', () => {
      project.write({
        'manage.py': managePy('mysite.settings.production'),
        'mysite/settings/__init__.py': '',
        'mysite/settings/base.py': settingsPy('mysite.wsgi.application'),
        'mysite/settings/production.py':
          'from .base import *\n\nWSGI_APPLICATION = "mysite.prod_wsgi.app"\n',
        'mysite/wsgi.py': wsgiPy('mysite.settings.production'),
      });

      const layout = detectDjangoLayout(project.src, PROJECT);

      expect(layout.wsgiModule).toBe('mysite.prod_wsgi');
      expect(layout.wsgiCallable).toBe('app');
    });

    it('reads django-split-settings include() (wemake-django-template)', () => {
      project.write({
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

      expect(detectDjangoLayout(project.src, PROJECT).wsgiModule).toBe('server.wsgi');
    });

    it('expands a wildcard in a django-split-settings include()', () => {
      project.write({
        'manage.py': managePy('server.settings'),
        'server/settings/__init__.py':
          "from split_settings.tools import include\ninclude('parts/*.py')\n",
        'server/settings/parts/a_logging.py': 'LOGGING = {}\n',
        'server/settings/parts/b_web.py': settingsPy('server.web.application'),
      });

      expect(detectDjangoLayout(project.src, PROJECT).wsgiModule).toBe('server.web');
    });

    it('reads a cookiecutter-django layout: local settings for manage.py, production for the image', () => {
      project.write({
        'manage.py': managePy('config.settings.local'),
        'config/__init__.py': '',
        'config/settings/__init__.py': '',
        'config/settings/base.py': settingsPy('config.wsgi.application'),
        'config/settings/local.py': 'from .base import *  # noqa: F403\n\nDEBUG = True\n',
        'config/settings/production.py': 'from .base import *  # noqa: F403\n',
        'config/wsgi.py': wsgiPy('config.settings.production'),
        'config/asgi.py': asgiPy('config.settings.production'),
      });

      expect(detectDjangoLayout(project.src, PROJECT)).toEqual<DjangoLayout>({
        djangoRoot: '',
        settingsModule: 'config.settings.local',
        imageSettingsModule: 'config.settings.production',
        imageSettingsReason:
          'config/wsgi.py defaults to config.settings.production (manage.py to config.settings.local)',
        wsgiModule: 'config.wsgi',
        wsgiCallable: 'application',
        entryPoint: {
          kind: 'wsgi',
          module: 'config.wsgi',
          callable: 'application',
          reason: 'config/wsgi.py builds the WSGI application',
        },
        extraPythonPath: [],
        staticFiles: expect.objectContaining({ installed: false, collectStatic: false }),
        environment: [],
        settingsPath: 'config/settings/local.py',
        imageSettingsPath: 'config/settings/production.py',
        wsgiPath: 'config/wsgi.py',
        asgiModule: 'config.asgi',
      });
    });

    it('accepts WSGI_APPLICATION read from the environment with a default', () => {
      project.write({
        ...startproject(),
        'mysite/settings.py':
          'WSGI_APPLICATION = env("DJANGO_WSGI", default="mysite.server.app")\n',
      });

      const layout = detectDjangoLayout(project.src, PROJECT);

      expect(layout.wsgiModule).toBe('mysite.server');
      expect(layout.wsgiCallable).toBe('app');
    });

    it('trusts WSGI_APPLICATION over wsgi.py files found by searching', () => {
      project.write({
        'manage.py': managePy('core.settings'),
        'core/settings.py': settingsPy('core.server.application'),
        'core/server.py': wsgiPy('core.settings'),
        'core/wsgi.py': wsgiPy('core.settings'),
      });

      const layout = detectDjangoLayout(project.src, PROJECT);

      expect(layout.wsgiModule).toBe('core.server');
      expect(layout.wsgiPath).toBe('core/server.py');
    });

    it('falls back to a wsgi.py calling get_wsgi_application when no setting names it', () => {
      project.write({
        'manage.py': managePy('core.settings'),
        'core/__init__.py': '',
        'core/settings.py': 'DEBUG = False\n',
        'core/wsgi.py': wsgiPy('core.settings', 'app'),
        '.venv/lib/other/wsgi.py': wsgiPy('bad.settings'),
      });

      const layout = detectDjangoLayout(project.src, PROJECT);

      expect(layout.wsgiModule).toBe('core.wsgi');
      expect(layout.wsgiCallable).toBe('app');
      expect(layout.wsgiPath).toBe('core/wsgi.py');
    });

    it('prefers the fallback wsgi.py in the settings package over others', () => {
      project.write({
        'manage.py': managePy('site_b.settings'),
        'site_a/wsgi.py': wsgiPy('site_a.settings'),
        'site_b/settings.py': 'DEBUG = False\n',
        'site_b/wsgi.py': wsgiPy('site_b.settings'),
      });

      expect(detectDjangoLayout(project.src, PROJECT).wsgiModule).toBe('site_b.wsgi');
    });

    it('ignores a wsgi.py that does not call get_wsgi_application', () => {
      project.write({
        'manage.py': managePy('core.settings'),
        'core/settings.py': 'DEBUG = False\n',
        'core/wsgi.py': '# get_wsgi_application() is called elsewhere\n',
      });

      expect(() => detectDjangoLayout(project.src, PROJECT)).toThrow(DjangoDetectionError);
    });

    it('takes the settings module from wsgi.py when manage.py does not set one', () => {
      project.write({
        'manage.py': 'import sys\nfrom django.core.management import execute_from_command_line\n',
        'mysite/settings.py': settingsPy('mysite.wsgi.application'),
        'mysite/wsgi.py': wsgiPy('mysite.settings'),
      });

      expect(detectDjangoLayout(project.src, PROJECT).settingsModule).toBe('mysite.settings');
    });

    it('returns a null settingsPath when the settings module is not in the project', () => {
      project.write({
        'manage.py': managePy('elsewhere.settings'),
        'mysite/wsgi.py': wsgiPy('elsewhere.settings'),
      });

      const layout = detectDjangoLayout(project.src, PROJECT);

      expect(layout.settingsPath).toBeNull();
      expect(layout.wsgiModule).toBe('mysite.wsgi');
    });

    it('returns a null asgiModule when there is no asgi.py', () => {
      const { 'mysite/asgi.py': _asgi, ...files } = startproject();
      project.write(files);

      expect(detectDjangoLayout(project.src, PROJECT).asgiModule).toBeNull();
    });

    it('finds an asgi.py that is not beside wsgi.py', () => {
      const { 'mysite/asgi.py': _asgi, ...files } = startproject();
      project.write({ ...files, 'realtime/asgi.py': asgiPy('mysite.settings') });

      expect(detectDjangoLayout(project.src, PROJECT).asgiModule).toBe('realtime.asgi');
    });

    it('does not let a manage.py inside .venv win', () => {
      project.write({
        '.venv/manage.py': managePy('venv.settings'),
        'venv/manage.py': managePy('venv.settings'),
      });
      project.write(startproject('backend/server'));

      const layout = detectDjangoLayout(project.src, PROJECT);

      expect(layout.djangoRoot).toBe('backend/server');
      expect(layout.settingsModule).toBe('mysite.settings');
    });
  });
});

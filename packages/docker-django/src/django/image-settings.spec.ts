import { useProjectTree } from '../testing/project-tree';
import { detectDjangoLayout } from './detect-django-layout';
import { managePy, PROJECT, settingsPy, wsgiPy } from '../testing/django-sources';

const BASE = settingsPy('mysite.wsgi.application');
const FROM_BASE = 'from .base import *  # noqa: F403\n';

/** A settings package mysite/settings/ with the given modules and defaults. */
function settingsPackage(
  manageDefault: string,
  wsgiDefault: string | null,
  modules: Record<string, string>,
): Record<string, string> {
  const files: Record<string, string> = {
    'manage.py': managePy(manageDefault),
    'mysite/__init__.py': '',
    'mysite/settings/__init__.py': '',
    'mysite/settings/base.py': BASE,
    'mysite/wsgi.py':
      wsgiDefault === null
        ? 'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n'
        : wsgiPy(wsgiDefault),
  };
  for (const [name, text] of Object.entries(modules)) files[`mysite/settings/${name}.py`] = text;
  return files;
}

describe('the settings module the image runs', () => {
  const project = useProjectTree(PROJECT);

  it.each(['dev', 'develop', 'development', 'local', 'devel'])(
    'chooses the production sibling of a %s default and says why',
    (dev) => {
      project.write(
        settingsPackage(`mysite.settings.${dev}`, `mysite.settings.${dev}`, {
          [dev]: FROM_BASE,
          production: FROM_BASE,
        }),
      );

      const layout = detectDjangoLayout(project.src, PROJECT);

      expect(layout.settingsModule).toBe(`mysite.settings.${dev}`);
      expect(layout.imageSettingsModule).toBe('mysite.settings.production');
      expect(layout.imageSettingsPath).toBe('mysite/settings/production.py');
      expect(layout.imageSettingsReason).toBe(
        `manage.py and mysite/wsgi.py default to mysite.settings.${dev}, a development ` +
          'module; mysite/settings/production.py is its production sibling',
      );
    },
  );

  it.each(['production', 'prod', 'product', 'deploy', 'live', 'docker'])(
    'recognises a production module named %s',
    (name) => {
      project.write(
        settingsPackage('mysite.settings.dev', 'mysite.settings.dev', {
          dev: FROM_BASE,
          [name]: FROM_BASE,
        }),
      );

      expect(detectDjangoLayout(project.src, PROJECT).imageSettingsModule).toBe(
        `mysite.settings.${name}`,
      );
    },
  );

  it('passes over a sibling that imports the development module (a docker.py for local compose)', () => {
    project.write(
      settingsPackage('mysite.settings.dev', 'mysite.settings.dev', {
        dev: FROM_BASE,
        docker: 'from .dev import *  # noqa: F403\n',
        prod: FROM_BASE,
      }),
    );

    expect(detectDjangoLayout(project.src, PROJECT).imageSettingsModule).toBe(
      'mysite.settings.prod',
    );
  });

  it('keeps a development default when there is no production sibling', () => {
    project.write(
      settingsPackage('mysite.settings.dev', 'mysite.settings.dev', { dev: FROM_BASE }),
    );

    expect(detectDjangoLayout(project.src, PROJECT).imageSettingsModule).toBe(
      'mysite.settings.dev',
    );
  });

  it('chooses a sibling named after its platform when it turns DEBUG off and reads SECRET_KEY', () => {
    project.write(
      settingsPackage('mysite.settings.local', 'mysite.settings.local', {
        local: FROM_BASE,
        static: `${FROM_BASE}DEBUG = TEMPLATE_DEBUG = False\n`,
        cabotage: `${FROM_BASE}DEBUG = TEMPLATE_DEBUG = False\nSECRET_KEY = config("SECRET_KEY")\n`,
      }),
    );

    const layout = detectDjangoLayout(project.src, PROJECT);

    expect(layout.imageSettingsModule).toBe('mysite.settings.cabotage');
    expect(layout.imageSettingsReason).toBe(
      'manage.py and mysite/wsgi.py default to mysite.settings.local, a development module; ' +
        'mysite/settings/cabotage.py turns DEBUG off and reads SECRET_KEY from the environment, ' +
        "so it is the deployment's",
    );
  });

  const DEPLOYMENT = `${FROM_BASE}DEBUG = False\nSECRET_KEY = os.environ["SECRET_KEY"]\n`;
  it.each([
    ['two siblings read like deployments', { eu: DEPLOYMENT, us: DEPLOYMENT }],
    ['the only sibling that reads like one is a test module', { test: DEPLOYMENT }],
  ])('keeps a development default when %s', (_, siblings) => {
    project.write(
      settingsPackage('mysite.settings.local', 'mysite.settings.local', {
        local: FROM_BASE,
        ...siblings,
      }),
    );

    expect(detectDjangoLayout(project.src, PROJECT).imageSettingsModule).toBe(
      'mysite.settings.local',
    );
  });

  it('chooses the production sibling of a shared base named as the default', () => {
    project.write(
      settingsPackage('mysite.settings.base', 'mysite.settings.base', { production: FROM_BASE }),
    );

    expect(detectDjangoLayout(project.src, PROJECT).imageSettingsModule).toBe(
      'mysite.settings.production',
    );
  });

  it("keeps wsgi.py's production default over manage.py's local one (cookiecutter-django)", () => {
    project.write(
      settingsPackage('mysite.settings.local', 'mysite.settings.prod', {
        local: FROM_BASE,
        production: FROM_BASE,
        prod: FROM_BASE,
      }),
    );

    expect(detectDjangoLayout(project.src, PROJECT).imageSettingsModule).toBe(
      'mysite.settings.prod',
    );
  });

  it('looks inside a named settings package whose __init__.py is empty', () => {
    project.write(
      settingsPackage('mysite.settings', null, { dev: FROM_BASE, production: FROM_BASE }),
    );

    const layout = detectDjangoLayout(project.src, PROJECT);

    expect(layout.imageSettingsModule).toBe('mysite.settings.production');
    expect(layout.imageSettingsReason).toContain('a package with nothing in its __init__.py');
  });

  it('keeps a settings package whose __init__.py chooses a module itself', () => {
    project.write({
      ...settingsPackage('mysite.settings', 'mysite.settings', {
        dev: FROM_BASE,
        prod: FROM_BASE,
      }),
      'mysite/settings/__init__.py':
        'import os\nif os.environ.get("ENVIRONMENT") == "dev":\n    from .dev import *\nelse:\n    from .prod import *\n',
    });

    expect(detectDjangoLayout(project.src, PROJECT).imageSettingsModule).toBe('mysite.settings');
  });

  it('picks the production module, else base, when nothing names a settings module', () => {
    project.write({
      ...settingsPackage('unused', null, { dev: FROM_BASE, production: FROM_BASE }),
      'manage.py': 'import sys\n',
    });

    const layout = detectDjangoLayout(project.src, PROJECT);

    expect(layout.settingsModule).toBe('mysite.settings.production');
    expect(layout.imageSettingsModule).toBe('mysite.settings.production');
  });

  it('picks base when nothing names a settings module and there is no production module', () => {
    project.write({ ...settingsPackage('unused', null, { dev: FROM_BASE }), 'manage.py': '' });

    expect(detectDjangoLayout(project.src, PROJECT).imageSettingsModule).toBe(
      'mysite.settings.base',
    );
  });

  it('lets --settingsModule win over every default', () => {
    project.write(
      settingsPackage('mysite.settings.dev', 'mysite.settings.dev', {
        dev: FROM_BASE,
        production: FROM_BASE,
      }),
    );

    const layout = detectDjangoLayout(project.src, PROJECT, {
      settingsModule: 'mysite.settings.dev',
    });

    expect(layout.imageSettingsModule).toBe('mysite.settings.dev');
    expect(layout.imageSettingsReason).toBe('--settingsModule names it');
  });

  it.each([
    ['settings_prod', 'from .settings import *  # noqa: F403\nDEBUG = False\n'],
    ['prod_settings', 'from mysite.settings import *\nDEBUG = False\n'],
    ['settings_production', 'from .settings import *\n'],
  ])('chooses the production overlay %s.py beside a flat settings.py', (name, text) => {
    project.write({
      'manage.py': managePy('mysite.settings'),
      'mysite/__init__.py': '',
      'mysite/settings.py': BASE,
      'mysite/wsgi.py': wsgiPy('mysite.settings'),
      [`mysite/${name}.py`]: text,
    });

    const layout = detectDjangoLayout(project.src, PROJECT);

    expect(layout.imageSettingsModule).toBe(`mysite.${name}`);
    expect(layout.imageSettingsReason).toBe(
      `manage.py and mysite/wsgi.py default to mysite.settings; mysite/${name}.py imports it ` +
        'and overrides it for production',
    );
  });

  it('chooses the production variant of a named module the repository does not hold', () => {
    project.write({
      'manage.py': managePy('mysite.settings'),
      'mysite/__init__.py': '',
      'mysite/settings_common.py': BASE,
      'mysite/settings_dev.py': 'from mysite.settings_common import *\nDEBUG = True\n',
      'mysite/settings_production.py': 'from mysite.settings_common import *\nDEBUG = False\n',
      'mysite/wsgi.py': wsgiPy('mysite.settings'),
    });

    const layout = detectDjangoLayout(project.src, PROJECT);

    expect(layout.imageSettingsModule).toBe('mysite.settings_production');
    expect(layout.imageSettingsReason).toBe(
      'manage.py and mysite/wsgi.py default to mysite.settings, which the repository does not ' +
        'hold; mysite/settings_production.py is its production variant',
    );
  });

  it('keeps a missing named module when no production variant sits beside it', () => {
    project.write({
      'manage.py': managePy('mysite.settings'),
      'mysite/__init__.py': '',
      'mysite/settings_dev.py': BASE,
      'mysite/wsgi.py': wsgiPy('mysite.settings'),
    });

    expect(detectDjangoLayout(project.src, PROJECT).imageSettingsModule).toBe('mysite.settings');
  });

  it('keeps a flat settings.py when the production-named module beside it does not import it', () => {
    project.write({
      'manage.py': managePy('mysite.settings'),
      'mysite/__init__.py': '',
      'mysite/settings.py': BASE,
      'mysite/wsgi.py': wsgiPy('mysite.settings'),
      'mysite/settings_prod.py': 'DEBUG = False\n',
    });

    expect(detectDjangoLayout(project.src, PROJECT).imageSettingsModule).toBe('mysite.settings');
  });
});

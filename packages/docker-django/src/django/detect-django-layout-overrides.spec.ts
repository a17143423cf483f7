import { useProjectTree } from '../testing/project-tree';
import {
  DjangoDetectionError,
  detectDjangoLayout,
  type DjangoLayout,
} from './detect-django-layout';
import { managePy, PROJECT, settingsPy, startproject, wsgiPy } from '../testing/django-sources';

describe('Django layout detection', () => {
  const project = useProjectTree(PROJECT);

  describe('detectDjangoLayout', () => {
    describe('errors', () => {
      it('throws when there is no manage.py', () => {
        project.write({ 'main.py': '' });

        expect(() => detectDjangoLayout(project.src, PROJECT)).toThrow(
          new DjangoDetectionError(
            'No manage.py found under "apps/api" (looked in the project root, src/ and up to four ' +
              'levels down). Pass --djangoRoot or add a manage.py.',
            PROJECT,
          ),
        );
      });

      it('shows a project at the workspace root as "."', () => {
        expect(() => detectDjangoLayout(project.src, '')).toThrow('No manage.py found under "." (');
      });

      it('throws a DjangoDetectionError carrying the project root', () => {
        let error: unknown;
        try {
          detectDjangoLayout(project.src, PROJECT);
        } catch (e) {
          error = e;
        }

        expect(error).toBeInstanceOf(DjangoDetectionError);
        expect((error as DjangoDetectionError).projectRoot).toBe(PROJECT);
        expect((error as DjangoDetectionError).name).toBe('DjangoDetectionError');
      });

      it('throws when the WSGI module cannot be found', () => {
        project.write({
          'manage.py': managePy('mysite.settings'),
          'mysite/settings.py': 'DEBUG = True\n',
        });

        expect(() => detectDjangoLayout(project.src, PROJECT)).toThrow(
          'Could not find the WSGI module for "apps/api": no WSGI_APPLICATION in ' +
            'mysite/settings.py, no wsgi.py calling get_wsgi_application and no asgi.py. Pass ' +
            '--wsgiModule, or --command to run something else.',
        );
      });

      it('names the missing settings module when the WSGI module cannot be found', () => {
        project.write({ 'manage.py': managePy('gone.settings') });

        expect(() => detectDjangoLayout(project.src, PROJECT)).toThrow(
          'Could not find the WSGI module for "apps/api": settings module "gone.settings" not ' +
            'found, no wsgi.py calling get_wsgi_application and no asgi.py. Pass --wsgiModule, or ' +
            '--command to run something else.',
        );
      });

      it('throws when no settings module is named anywhere and none exists', () => {
        project.write({
          'manage.py': 'import sys\n',
          'mysite/conf.py': settingsPy('mysite.wsgi.application'),
        });

        expect(() => detectDjangoLayout(project.src, PROJECT)).toThrow(
          'Could not find the settings module for "apps/api": no ' +
            'os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...) in manage.py, no wsgi.py ' +
            'setting a default and no settings module to pick. Pass --settingsModule.',
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
        project.write(startproject());

        expect(() => detectDjangoLayout(project.src, PROJECT, overrides)).toThrow(message);
      });
    });

    describe('overrides', () => {
      it('uses the djangoRoot override instead of the detected one', () => {
        project.write(startproject());
        project.write({
          'legacy/manage.py': managePy('old.settings'),
          'legacy/old/settings.py': settingsPy('old.wsgi.application'),
          'legacy/old/wsgi.py': wsgiPy('old.settings'),
        });

        const layout = detectDjangoLayout(project.src, PROJECT, { djangoRoot: './legacy/' });

        expect(layout.djangoRoot).toBe('legacy');
        expect(layout.settingsModule).toBe('old.settings');
        expect(layout.settingsPath).toBe('legacy/old/settings.py');
        expect(layout.wsgiModule).toBe('old.wsgi');
      });

      it('accepts a djangoRoot override without manage.py when wsgi.py names the settings', () => {
        project.write({
          'app/core/settings.py': settingsPy('core.wsgi.application'),
          'app/core/wsgi.py': wsgiPy('core.settings'),
        });

        const layout = detectDjangoLayout(project.src, PROJECT, { djangoRoot: 'app' });

        expect(layout.djangoRoot).toBe('app');
        expect(layout.settingsModule).toBe('core.settings');
        expect(layout.wsgiModule).toBe('core.wsgi');
      });

      it('uses the settingsModule override for manage.py and the image', () => {
        project.write({
          'manage.py': managePy('config.settings.local'),
          'config/settings/__init__.py': '',
          'config/settings/base.py': settingsPy('config.wsgi.application'),
          'config/settings/local.py': 'from .base import *\n',
          'config/settings/staging.py': 'from .base import *\n',
          'config/wsgi.py': wsgiPy('config.settings.production'),
        });

        const layout = detectDjangoLayout(project.src, PROJECT, {
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
        project.write({
          ...startproject(),
          'mysite/custom_wsgi.py': wsgiPy('mysite.settings', callable),
        });

        const layout = detectDjangoLayout(project.src, PROJECT, { wsgiModule });

        expect(layout.wsgiModule).toBe(module);
        expect(layout.wsgiCallable).toBe(callable);
        expect(layout.wsgiPath).toBe('mysite/custom_wsgi.py');
      });

      it('treats blank overrides as not given', () => {
        project.write(startproject('src'));

        const layout = detectDjangoLayout(project.src, PROJECT, {
          djangoRoot: '',
          settingsModule: ' ',
          wsgiModule: '',
        });

        expect(layout.djangoRoot).toBe('src');
        expect(layout.settingsModule).toBe('mysite.settings');
        expect(layout.wsgiModule).toBe('mysite.wsgi');
      });

      it('accepts "." as a djangoRoot override meaning the project root', () => {
        project.write({ ...startproject(), 'src/manage.py': managePy('other.settings') });

        const layout = detectDjangoLayout(project.src, PROJECT, { djangoRoot: '.' });

        expect(layout.djangoRoot).toBe('');
        expect(layout.settingsModule).toBe('mysite.settings');
      });

      it('makes detection succeed where it would fail', () => {
        project.write({ 'manage.py': 'import sys\n' });

        const layout = detectDjangoLayout(project.src, PROJECT, {
          settingsModule: 'a.settings',
          wsgiModule: 'a.wsgi',
        });

        expect(layout).toEqual<DjangoLayout>({
          djangoRoot: '',
          settingsModule: 'a.settings',
          imageSettingsModule: 'a.settings',
          imageSettingsReason: '--settingsModule names it',
          wsgiModule: 'a.wsgi',
          wsgiCallable: 'application',
          entryPoint: {
            kind: 'wsgi',
            module: 'a.wsgi',
            callable: 'application',
            reason: '--wsgiModule names it',
          },
          extraPythonPath: [],
          staticFiles: expect.objectContaining({ installed: false, collectStatic: false }),
          environment: [],
          settingsPath: null,
          imageSettingsPath: null,
          wsgiPath: null,
          asgiModule: null,
        });
      });
    });
  });
});

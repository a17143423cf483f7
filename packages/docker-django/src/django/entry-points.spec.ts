import { useProjectTree } from '../testing/project-tree';
import { detectDjangoLayout } from './detect-django-layout';
import { asgiPy, managePy, PROJECT, settingsPy, startproject } from '../testing/django-sources';

const CHANNELS_ASGI = [
  'import os',
  'from channels.routing import ProtocolTypeRouter',
  'from django.core.asgi import get_asgi_application',
  'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")',
  'application = ProtocolTypeRouter({"http": get_asgi_application()})',
  '',
].join('\n');

describe('entry points', () => {
  const project = useProjectTree(PROJECT);

  it('serves WSGI when asgi.py is plain Django', () => {
    project.write(startproject());

    expect(detectDjangoLayout(project.src, PROJECT).entryPoint).toMatchObject({
      kind: 'wsgi',
      module: 'mysite.wsgi',
    });
  });

  it('serves ASGI when asgi.py routes Channels consumers', () => {
    project.write({ ...startproject(), 'mysite/asgi.py': CHANNELS_ASGI });

    const layout = detectDjangoLayout(project.src, PROJECT);

    expect(layout.entryPoint).toEqual({
      kind: 'asgi',
      module: 'mysite.asgi',
      callable: 'application',
      reason: 'mysite/asgi.py routes Channels consumers, which a WSGI server cannot serve',
    });
    expect(`${layout.wsgiModule}:${layout.wsgiCallable}`).toBe('mysite.asgi:application');
  });

  it('serves ASGI for a Channels 2 asgi.py (get_default_application)', () => {
    project.write({
      ...startproject(),
      'mysite/asgi.py':
        'import django\nfrom channels.routing import get_default_application\ndjango.setup()\napplication = get_default_application()\n',
    });

    expect(detectDjangoLayout(project.src, PROJECT).entryPoint?.kind).toBe('asgi');
  });

  it('finds an ASGI-only project whose asgi is a package', () => {
    project.write({
      'manage.py': managePy('shop.settings'),
      'shop/__init__.py': '',
      'shop/settings.py': 'DEBUG = False\n',
      'shop/asgi/__init__.py':
        'from .handler import get_asgi_application\napplication = get_asgi_application()\n',
      'shop/asgi/handler.py':
        'from django.core.handlers.asgi import ASGIHandler\ndef get_asgi_application():\n    return ASGIHandler()\n',
    });

    const layout = detectDjangoLayout(project.src, PROJECT);

    expect(layout.entryPoint).toMatchObject({ kind: 'asgi', module: 'shop.asgi' });
    expect(layout.asgiModule).toBe('shop.asgi');
  });

  it('finds a WSGI callable in wsgi/app.py', () => {
    project.write({
      'manage.py': managePy('site.settings'),
      'site/__init__.py': '',
      'site/settings.py': 'DEBUG = False\n',
      'site/wsgi/__init__.py': '',
      'site/wsgi/app.py':
        'from django.core.wsgi import get_wsgi_application\napp = get_wsgi_application()\n',
    });

    expect(detectDjangoLayout(project.src, PROJECT).entryPoint).toMatchObject({
      kind: 'wsgi',
      module: 'site.wsgi.app',
      callable: 'app',
    });
  });

  it('needs no entry point when a --command is given', () => {
    project.write({ 'manage.py': managePy('a.settings'), 'a/settings.py': 'DEBUG = 1\n' });

    const layout = detectDjangoLayout(project.src, PROJECT, { commandGiven: true });

    expect(layout.entryPoint).toBeNull();
    expect(layout.wsgiModule).toBe('');
  });

  it('reads an ASGI module given as --wsgiModule as ASGI', () => {
    project.write({ ...startproject(), 'mysite/asgi.py': asgiPy('mysite.settings') });

    const layout = detectDjangoLayout(project.src, PROJECT, {
      wsgiModule: 'mysite.asgi:application',
    });

    expect(layout.entryPoint).toMatchObject({ kind: 'asgi', module: 'mysite.asgi' });
  });

  it('resolves modules from a folder manage.py puts on sys.path, named without it', () => {
    project.write({
      'manage.py': [
        'import os, sys',
        'sys.path.insert(0, os.path.join(os.path.dirname(__file__), "src"))',
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")',
        '',
      ].join('\n'),
      'src/app/__init__.py': '',
      'src/app/settings.py': settingsPy('app.wsgi.application'),
      'src/app/wsgi.py':
        'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
    });

    const layout = detectDjangoLayout(project.src, PROJECT);

    expect(layout.djangoRoot).toBe('');
    expect(layout.wsgiModule).toBe('app.wsgi');
    expect(layout.settingsPath).toBe('src/app/settings.py');
    expect(layout.extraPythonPath).toEqual(['src']);
  });
});

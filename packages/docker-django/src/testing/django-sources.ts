// Source files of small Django projects for the layout detection specs.

export const PROJECT = 'apps/api';

export function managePy(settings: string, quote: '"' | "'" = '"'): string {
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

export function wsgiPy(settings: string, callable = 'application'): string {
  return [
    'import os',
    'from django.core.wsgi import get_wsgi_application',
    '',
    `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${settings}")`,
    `${callable} = get_wsgi_application()`,
    '',
  ].join('\n');
}

export function asgiPy(settings: string): string {
  return [
    'import os',
    'from django.core.asgi import get_asgi_application',
    '',
    `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${settings}")`,
    'application = get_asgi_application()',
    '',
  ].join('\n');
}

export function settingsPy(wsgiApplication: string, quote: '"' | "'" = '"'): string {
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
export function startproject(folder = ''): Record<string, string> {
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

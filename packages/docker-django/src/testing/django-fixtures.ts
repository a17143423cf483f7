import { addProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';

/**
 * In-memory Django projects shaped like `django-admin startproject` output, for generator
 * and plugin unit tests.
 */
export interface DjangoFixture {
  name: string;
  root: string;
  /** Folder holding manage.py, relative to root ('' for the root itself). */
  djangoRoot?: string;
  /** Django's project package (startproject's first argument). */
  packageName?: string;
  quote?: "'" | '"';
  requirements?: string | null;
  pythonVersionFile?: string;
  extraFiles?: Record<string, string>;
}

export function managePy(settingsModule: string, quote: "'" | '"' = "'"): string {
  return [
    '#!/usr/bin/env python',
    '"""Django\'s command-line utility for administrative tasks."""',
    'import os',
    'import sys',
    '',
    '',
    'def main():',
    `    os.environ.setdefault(${quote}DJANGO_SETTINGS_MODULE${quote}, ${quote}${settingsModule}${quote})`,
    '    from django.core.management import execute_from_command_line',
    '    execute_from_command_line(sys.argv)',
    '',
    '',
    "if __name__ == '__main__':",
    '    main()',
    '',
  ].join('\n');
}

export function wsgiPy(settingsModule: string): string {
  return [
    'import os',
    '',
    'from django.core.wsgi import get_wsgi_application',
    '',
    `os.environ.setdefault('DJANGO_SETTINGS_MODULE', '${settingsModule}')`,
    '',
    'application = get_wsgi_application()',
    '',
  ].join('\n');
}

export function settingsPy(packageName: string): string {
  return [
    'from pathlib import Path',
    'BASE_DIR = Path(__file__).resolve().parent.parent',
    "SECRET_KEY = 'django-insecure-test'",
    'DEBUG = True',
    'ALLOWED_HOSTS = []',
    `ROOT_URLCONF = '${packageName}.urls'`,
    `WSGI_APPLICATION = '${packageName}.wsgi.application'`,
    "STATIC_URL = 'static/'",
    '',
  ].join('\n');
}

export function addDjangoProject(tree: Tree, fixture: DjangoFixture): void {
  const pkg = fixture.packageName ?? 'mysite';
  const djangoDir = fixture.djangoRoot ? `${fixture.root}/${fixture.djangoRoot}` : fixture.root;
  addProjectConfiguration(tree, fixture.name, {
    root: fixture.root,
    projectType: 'application',
    targets: {},
  });
  tree.write(`${djangoDir}/manage.py`, managePy(`${pkg}.settings`, fixture.quote));
  tree.write(`${djangoDir}/${pkg}/__init__.py`, '');
  tree.write(`${djangoDir}/${pkg}/settings.py`, settingsPy(pkg));
  tree.write(`${djangoDir}/${pkg}/urls.py`, 'urlpatterns = []\n');
  tree.write(`${djangoDir}/${pkg}/wsgi.py`, wsgiPy(`${pkg}.settings`));
  const requirements =
    fixture.requirements === undefined ? 'Django>=3.2,<4\n' : fixture.requirements;
  if (requirements !== null) tree.write(`${fixture.root}/requirements.txt`, requirements);
  if (fixture.pythonVersionFile)
    tree.write(`${fixture.root}/.python-version`, fixture.pythonVersionFile);
  for (const [path, content] of Object.entries(fixture.extraFiles ?? {})) {
    tree.write(`${fixture.root}/${path}`, content);
  }
}

/**
 * A new in-memory workspace with the project most generator specs work on: "api" at apps/api,
 * startproject-shaped, with `pythonVersion` in its .python-version.
 */
export function workspaceWithApi(pythonVersion: string): Tree {
  const tree = createTreeWithEmptyWorkspace();
  addDjangoProject(tree, {
    name: 'api',
    root: 'apps/api',
    pythonVersionFile: `${pythonVersion}\n`,
  });
  return tree;
}

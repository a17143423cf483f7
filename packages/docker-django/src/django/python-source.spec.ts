import {
  isDottedModule,
  readApplicationFactory,
  readDottedSetting,
  readFromImports,
  readSettingsModuleDefault,
  stripPythonComments,
} from './python-source';

describe('stripPythonComments', () => {
  it('removes comments but keeps # inside strings and keeps line numbers', () => {
    const source = [
      'x = "a # b"  # comment',
      "y = '''",
      '# inside a docstring',
      "'''",
      '# whole line',
    ].join('\n');

    expect(stripPythonComments(source)).toBe(
      ['x = "a # b"  ', "y = '''", '# inside a docstring', "'''", ''].join('\n'),
    );
  });

  it('handles escaped quotes inside strings', () => {
    expect(stripPythonComments('x = "a \\" # b" # c')).toBe('x = "a \\" # b" ');
  });
});

describe('isDottedModule', () => {
  it.each([
    ['mysite.settings', true],
    ['config.settings.production', true],
    ['_private.mod', true],
    ['settings', true],
    ['my-site.settings', false],
    ['.base', false],
    ['mysite.', false],
    ['1st.settings', false],
    ['', false],
    ['class.settings', false],
    ['mysite.import', false],
    ['None', false],
    ['classes.settings', true],
  ])('%j -> %s', (name, valid) => {
    expect(isDottedModule(name)).toBe(valid);
  });
});

describe('readSettingsModuleDefault', () => {
  it('takes the first default when there are several', () => {
    const source = [
      'if DEBUG:',
      '    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "a.settings")',
      'else:',
      '    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b.settings")',
    ].join('\n');

    expect(readSettingsModuleDefault(source)).toBe('a.settings');
  });

  it('returns null for a template placeholder', () => {
    expect(
      readSettingsModuleDefault(
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{ project }}.settings")',
      ),
    ).toBeNull();
  });

  it('returns null for a value computed at run time', () => {
    expect(
      readSettingsModuleDefault('os.environ.setdefault("DJANGO_SETTINGS_MODULE", os.getenv("X"))'),
    ).toBeNull();
  });
});

describe('readDottedSetting', () => {
  it.each([
    ['WSGI_APPLICATION = "a.wsgi.application"', 'a.wsgi.application'],
    ["WSGI_APPLICATION: str = 'a.wsgi.application'", 'a.wsgi.application'],
    ['WSGI_APPLICATION = "a.wsgi.application"\nWSGI_APPLICATION = "b.wsgi.app"', 'b.wsgi.app'],
    ['# WSGI_APPLICATION = "a.wsgi.application"', null],
    ['if WSGI_APPLICATION == "a.wsgi.application": pass', null],
    ['WSGI_APPLICATION = get_app()', null],
  ])('reads %j as %j', (source, value) => {
    expect(readDottedSetting(source, 'WSGI_APPLICATION')).toBe(value);
  });
});

describe('readFromImports', () => {
  it('lists absolute and relative from-imports in order', () => {
    const source = [
      'import os',
      'from .base import *  # noqa',
      'from config.settings.common import X',
      'from . import y',
      '    from ..shared import *',
    ].join('\n');

    expect(readFromImports(source)).toEqual(['.base', 'config.settings.common', '.', '..shared']);
  });
});

describe('readApplicationFactory', () => {
  it.each([
    ['application = get_wsgi_application()', { callable: 'application' }],
    ['app = get_wsgi_application()', { callable: 'app' }],
    ['app = WhiteNoise(get_wsgi_application())', { callable: 'app' }],
    ['from django.core.wsgi import get_wsgi_application', null],
    ['# application = get_wsgi_application()', null],
  ])('reads %j as %j', (source, result) => {
    expect(readApplicationFactory(source, 'get_wsgi_application')).toEqual(result);
  });
});

import { useProjectTree } from '../testing/project-tree';
import { detectDjangoLayout } from './detect-django-layout';
import { managePy, PROJECT, wsgiPy } from '../testing/django-sources';

const APPS =
  'INSTALLED_APPS = [\n    "django.contrib.auth",\n    "django.contrib.staticfiles",\n]\n';

/** mysite with a settings package: base.py, and prod.py (what manage.py and wsgi.py name). */
function project(base: string, prod = 'from .base import *  # noqa\n'): Record<string, string> {
  return {
    'manage.py': managePy('mysite.settings.prod'),
    'mysite/__init__.py': '',
    'mysite/settings/__init__.py': '',
    'mysite/settings/base.py': base,
    'mysite/settings/prod.py': prod,
    'mysite/wsgi.py': wsgiPy('mysite.settings.prod'),
  };
}

describe('static files read through the settings chain', () => {
  const tree = useProjectTree(PROJECT);
  const detect = () => detectDjangoLayout(tree.src, PROJECT).staticFiles;

  it('finds staticfiles and STATIC_ROOT in the module the image imports', () => {
    tree.write(project(`${APPS}STATIC_ROOT = BASE_DIR / "static"\n`));

    expect(detect()).toMatchObject({
      installed: true,
      staticRoot: 'BASE_DIR / "static"',
      collectStatic: true,
    });
  });

  it('follows an absolute import of the base module', () => {
    tree.write(
      project(`${APPS}STATIC_ROOT = "/srv/static"\n`, 'from mysite.settings.base import *\n'),
    );

    expect(detect()).toMatchObject({ staticRoot: '"/srv/static"', collectStatic: true });
  });

  it('counts staticfiles added with INSTALLED_APPS += [...]', () => {
    tree.write(
      project(
        'INSTALLED_APPS = ["django.contrib.auth"]\n',
        'from .base import *\nINSTALLED_APPS += ["django.contrib.staticfiles"]\nSTATIC_ROOT = "s"\n',
      ),
    );

    expect(detect()).toMatchObject({ installed: true, collectStatic: true });
  });

  it('reads django-split-settings include()', () => {
    tree.write({
      ...project(''),
      'mysite/settings/prod.py':
        'from split_settings.tools import include\ninclude("components/*.py")\n',
      'mysite/settings/components/apps.py': APPS,
      'mysite/settings/components/static.py': 'STATIC_ROOT = "collected"\n',
    });

    expect(detect()).toMatchObject({ installed: true, collectStatic: true });
  });

  it('reads class-based settings (django-configurations)', () => {
    tree.write(
      project(
        '',
        `from configurations import Configuration\nclass Base(Configuration):\n    ${APPS.replace(/\n(?!$)/g, '\n    ')}    STATIC_ROOT = "/data/static"\n`,
      ),
    );

    expect(detect()).toMatchObject({ staticRoot: '"/data/static"', collectStatic: true });
  });

  it('lets the last module in the chain decide the storage', () => {
    tree.write(
      project(
        `${APPS}STATIC_ROOT = "s"\nSTORAGES = {\n    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},\n}\n`,
        'from .base import *\nSTORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"\n',
      ),
    );

    expect(detect()).toMatchObject({
      storage: 'whitenoise.storage.CompressedManifestStaticFilesStorage',
      manifest: true,
      whitenoise: true,
      remote: false,
      collectStatic: true,
    });
  });

  it('does not collect into remote storage set unconditionally', () => {
    tree.write(
      project(
        `${APPS}STATIC_ROOT = "s"\nSTATICFILES_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"\n`,
      ),
    );

    expect(detect()).toMatchObject({ remote: true, collectStatic: false });
  });

  it('ignores remote storage behind a switch the image does not flip', () => {
    tree.write(
      project(
        `${APPS}STATIC_ROOT = "s"\nif USE_S3:\n    STATICFILES_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"\n`,
      ),
    );

    expect(detect()).toMatchObject({ remote: false, collectStatic: true });
  });

  it("collects without STATIC_ROOT into the container settings' one, and says nothing serves them", () => {
    tree.write(project(APPS));

    expect(detect()).toMatchObject({ staticRoot: null, whitenoise: false, collectStatic: true });
    expect(detect().reason).toContain('nothing serves them until WhiteNoise or a web server');
  });

  it('collects without STATIC_ROOT when WhiteNoise serves the files', () => {
    tree.write(project(`${APPS}MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]\n`));

    expect(detect()).toMatchObject({ whitenoise: true, collectStatic: true });
  });

  it('does not collect without django.contrib.staticfiles', () => {
    tree.write(project('INSTALLED_APPS = ["django.contrib.auth"]\nSTATIC_ROOT = "s"\n'));

    expect(detect()).toMatchObject({ installed: false, collectStatic: false });
  });

  it('does not collect when the collected files are committed', () => {
    tree.write({
      ...project(`${APPS}STATIC_ROOT = "staticfiles"\n`),
      'staticfiles/staticfiles.json': '{"paths": {}}',
    });

    expect(detect()).toMatchObject({
      committedManifest: 'staticfiles/staticfiles.json',
      collectStatic: false,
    });
  });

  it('collects when the manifest on disk is git-ignored (a local collectstatic run)', () => {
    tree.write({
      ...project(`${APPS}STATIC_ROOT = "staticfiles"\n`),
      'staticfiles/staticfiles.json': '{"paths": {}}',
      '.gitignore': '/staticfiles/\n',
    });

    expect(detect()).toMatchObject({ committedManifest: null, collectStatic: true });
  });

  it('reads COMPRESS_OFFLINE', () => {
    tree.write(project(`${APPS}STATIC_ROOT = "s"\nCOMPRESS_OFFLINE = True\n`));

    expect(detect().compressOffline).toBe(true);
  });
});

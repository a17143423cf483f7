import { dockerignoreInputs } from './dockerignore-inputs';

describe('dockerignoreInputs', () => {
  it('turns each ignored path into a negation of the path and everything below it', () => {
    expect(dockerignoreInputs('**/.venv\n/node_modules/\n')).toEqual([
      '!{projectRoot}/**/.venv',
      '!{projectRoot}/**/.venv/**',
      '!{projectRoot}/node_modules',
      '!{projectRoot}/node_modules/**',
    ]);
  });

  it('passes over comments and blank lines', () => {
    expect(dockerignoreInputs('# caches\n\n**/__pycache__\n')).toEqual([
      '!{projectRoot}/**/__pycache__',
      '!{projectRoot}/**/__pycache__/**',
    ]);
  });

  it.each(['**/Dockerfile*', '**/compose*.y*ml', '**/.dockerignore', 'project.json'])(
    'keeps %s an input: it shapes the build though Docker does not copy it',
    (pattern) => {
      expect(dockerignoreInputs(`${pattern}\n`)).toEqual([]);
    },
  );

  it('drops a negation that an exception line could overlap, so no file Docker copies is left out', () => {
    expect(dockerignoreInputs('**/.env\n**/.env.*\n!**/.env.example\n')).toEqual([
      '!{projectRoot}/**/.env',
      '!{projectRoot}/**/.env/**',
    ]);
  });

  it('gives nothing for a missing .dockerignore', () => {
    expect(dockerignoreInputs(null)).toEqual([]);
  });

  it('reads a Dockerfile.dockerignore of the workspace root for the app alone', () => {
    const text = '*\n!apps/api\n!libs/shared\n**/.venv\napps/api/staticfiles\nlibs/shared/build\n';
    expect(dockerignoreInputs(text, 'apps/api/')).toEqual([
      '!{projectRoot}/**/.venv',
      '!{projectRoot}/**/.venv/**',
      '!{projectRoot}/staticfiles',
      '!{projectRoot}/staticfiles/**',
    ]);
  });
});

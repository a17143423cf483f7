import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageStateFile, imageStateRuntimeInput, renewImageState } from './image-state';

describe('imageStateRuntimeInput', () => {
  it('reads the token relative to the workspace root, then inspects every image in one call', () => {
    expect(imageStateRuntimeInput('/ws', 'apps/api', ['api:latest', 'w:1'], {}, 'linux')).toBe(
      "cat '.nx/workspace-data/docker-django/image-state/apps%2Fapi' 2>&1; " +
        "docker image inspect --format '{{.Id}}' 'api:latest' 'w:1' 2>&1 || echo \"absent $$\"",
    );
  });

  it('names a token outside the workspace by its absolute path', () => {
    const input = imageStateRuntimeInput(
      '/ws',
      '.',
      ['api'],
      { NX_WORKSPACE_DATA_DIRECTORY: '/data' },
      'linux',
    );
    expect(input).toMatch(/^cat '\/data\/docker-django\/image-state\/%2E' 2>&1; /);
  });

  it('quotes an image name for the shell', () => {
    expect(imageStateRuntimeInput('/ws', 'a', ["it's"], {}, 'linux')).toContain(`'it'\\''s'`);
  });

  it.each([
    ['no image', [] as string[], 'linux' as NodeJS.Platform],
    ['Windows, where Nx runs runtime inputs with cmd.exe', ['api'], 'win32' as NodeJS.Platform],
  ])('gives no input for %s', (_, images, platform) => {
    expect(imageStateRuntimeInput('/ws', 'apps/api', images, {}, platform)).toBeUndefined();
  });
});

describe('renewImageState', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'docker-django-state-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes a new token on every call, creating the folder', () => {
    const file = imageStateFile(root, 'apps/api', {});
    renewImageState(file);
    const first = readFileSync(file, 'utf-8');
    renewImageState(file);
    expect(readFileSync(file, 'utf-8')).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f]{32}\n$/);
  });

  it('does not throw when the file cannot be written (its folder is a file)', () => {
    writeFileSync(join(root, 'blocker'), '');
    expect(() => renewImageState(join(root, 'blocker', 'token'))).not.toThrow();
    expect(existsSync(join(root, 'blocker', 'token'))).toBe(false);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  imageStateFile,
  imageStateLine,
  readImageStateToken,
  renewImageState,
} from './image-state';

describe('imageStateLine', () => {
  it('gives the token, then each image with its id', () => {
    const ids = new Map([
      ['api:latest', 'sha256:aa'],
      ['w:1', 'sha256:bb'],
    ]);
    expect(imageStateLine('t0k3n', ['api:latest', 'w:1'], ids)).toBe(
      't0k3n api:latest=sha256:aa w:1=sha256:bb',
    );
  });

  it('never writes the same line twice for an image the engine does not hold', () => {
    const ids = new Map([['api:latest', undefined]]);
    const first = imageStateLine('t', ['api:latest'], ids);
    expect(first).toMatch(/^t api:latest=absent [0-9a-f]{16}$/);
    expect(imageStateLine('t', ['api:latest'], ids)).not.toBe(first);
  });
});

describe('readImageStateToken', () => {
  it('never gives the same answer twice when there is no token yet', () => {
    const missing = join(tmpdir(), 'docker-django-no-such-token', 'x');
    expect(readImageStateToken(missing)).not.toBe(readImageStateToken(missing));
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
    expect(readImageStateToken(file)).toBe(first.trim());
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

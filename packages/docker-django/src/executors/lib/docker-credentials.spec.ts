import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { credentialsFor, inlineCredentials } from './docker-credentials';

describe('docker credentials', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dd-docker-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (config: unknown) =>
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const auth = (user: string, password: string) =>
    Buffer.from(`${user}:${password}`).toString('base64');

  it('reads the login docker stored for the host, whichever form its key has', async () => {
    write({ auths: { 'https://r.example.com/v1/': { auth: auth('u', 'p:w') } } });
    await expect(credentialsFor('r.example.com', { DOCKER_CONFIG: dir })).resolves.toEqual({
      username: 'u',
      password: 'p:w',
    });
  });

  it('has none for another host, or without a config file', async () => {
    write({ auths: { 'r.example.com': { auth: auth('u', 'p') } } });
    await expect(credentialsFor('127.0.0.1:5000', { DOCKER_CONFIG: dir })).resolves.toBeUndefined();
    await expect(
      credentialsFor('r.example.com', { DOCKER_CONFIG: join(dir, 'missing') }),
    ).resolves.toBeUndefined();
  });

  it('takes the user and password fields when there is no auth string', () => {
    expect(inlineCredentials({ username: 'u', password: 'p' })).toEqual({
      username: 'u',
      password: 'p',
    });
    expect(inlineCredentials({ auth: Buffer.from('nocolon').toString('base64') })).toBeUndefined();
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apiImageIds,
  apiRemoveTag,
  apiRepositoryTags,
  apiTag,
  engineApiSocket,
} from './engine-api';

// A stand-in for the engine's socket: a real HTTP server on a unix socket that answers the
// few requests compose-build makes, as the Docker Engine API does.
describe('engine-api', () => {
  let dir: string;
  let socket: string;
  let server: Server;
  const requests: string[] = [];
  const images: Record<string, { Id: string; RepoTags: string[] }> = {
    'sha256:aa': { Id: 'sha256:aa', RepoTags: ['api:latest', 'api:nx-1', 'apiother:latest'] },
    'sha256:bb': { Id: 'sha256:bb', RepoTags: ['api:nx-0', 'reg:5000/team/api:latest'] },
  };
  const byRef = (ref: string) =>
    Object.values(images).find((image) => image.RepoTags.includes(ref));

  function answer(req: IncomingMessage): [number, unknown] {
    const url = new URL(req.url ?? '/', 'http://docker');
    const inspect = /^\/images\/(.+)\/json$/.exec(url.pathname);
    if (req.method === 'GET' && inspect) {
      const image = byRef(decodeURI(inspect[1]));
      return image ? [200, image] : [404, { message: 'No such image' }];
    }
    if (req.method === 'GET' && url.pathname === '/images/json') {
      const [repo] = JSON.parse(url.searchParams.get('filters') ?? '{}').reference;
      return [
        200,
        Object.values(images).filter((i) => i.RepoTags.some((t) => t.startsWith(`${repo}:`))),
      ];
    }
    const tag = /^\/images\/(.+)\/tag$/.exec(url.pathname);
    if (req.method === 'POST' && tag) {
      if (url.searchParams.get('tag') === 'full')
        return [500, { message: 'no space left on device' }];
      return byRef(decodeURI(tag[1])) ? [201, ''] : [404, { message: 'No such image' }];
    }
    if (req.method === 'DELETE') return [200, [{ Untagged: url.pathname }]];
    return [400, { message: 'unexpected' }];
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'docker-django-api-'));
    socket = join(dir, 'docker.sock');
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const [status, body] = answer(req);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(socket, resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => (requests.length = 0));

  describe('engineApiSocket', () => {
    const config = (currentContext?: string) => {
      const home = mkdtempSync(join(dir, 'cfg-'));
      if (currentContext)
        writeFileSync(join(home, 'config.json'), JSON.stringify({ currentContext }));
      return home;
    };

    it('uses the socket DOCKER_HOST names, with no other context in use', () => {
      expect(
        engineApiSocket('docker', { DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: config() }),
      ).toBe(socket);
      expect(
        engineApiSocket('docker', {
          DOCKER_HOST: `unix://${socket}`,
          DOCKER_CONFIG: config('default'),
        }),
      ).toBe(socket);
    });

    it.each([
      ['podman', 'podman' as const, {}],
      ['a tcp:// engine', 'docker' as const, { DOCKER_HOST: 'tcp://build:2375' }],
      ['an ssh:// engine', 'docker' as const, { DOCKER_HOST: 'ssh://me@build' }],
      ['DOCKER_CONTEXT', 'docker' as const, { DOCKER_CONTEXT: 'remote' }],
      ['DOCKER_DJANGO_ENGINE_API=off', 'docker' as const, { DOCKER_DJANGO_ENGINE_API: 'off' }],
      ['a socket that is not there', 'docker' as const, { DOCKER_HOST: `unix://${dir}/none.sock` }],
    ])('leaves it to the CLI for %s', (_, cli, env: NodeJS.ProcessEnv) => {
      expect(
        engineApiSocket(cli, { DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: config(), ...env }),
      ).toBeUndefined();
    });

    it("leaves it to the CLI when docker's config names another current context", () => {
      expect(
        engineApiSocket('docker', {
          DOCKER_HOST: `unix://${socket}`,
          DOCKER_CONFIG: config('remote'),
        }),
      ).toBeUndefined();
    });
  });

  it('inspects each reference, a 404 being a missing image', async () => {
    const answer = await apiImageIds(socket, ['api:nx-1', 'api:nx-9', 'reg:5000/team/api:latest']);
    expect(answer?.understood).toBe(true);
    expect([...(answer?.ids ?? new Map()).entries()]).toEqual([
      ['api:nx-1', 'sha256:aa'],
      ['api:nx-9', undefined],
      ['reg:5000/team/api:latest', 'sha256:bb'],
    ]);
    expect(requests).toContain('GET /images/reg:5000/team/api:latest/json');
  });

  it('tags with the repository and tag split at the last colon after the last slash', async () => {
    await expect(apiTag(socket, 'api:latest', 'reg:5000/team/api:nx-2')).resolves.toMatchObject({
      ok: true,
      status: 201,
    });
    expect(requests).toEqual(['POST /images/api:latest/tag?repo=reg%3A5000%2Fteam%2Fapi&tag=nx-2']);
  });

  it("reports the engine's refusal of a tag with its message", async () => {
    await expect(apiTag(socket, 'api:latest', 'api:full')).resolves.toMatchObject({
      ok: false,
      status: 500,
      message: 'no space left on device',
    });
  });

  it("lists the repository's tags only (not a longer name that starts the same)", async () => {
    const tags = await apiRepositoryTags(socket, 'api');
    expect(tags?.split('\n').sort()).toEqual(['latest', 'nx-0', 'nx-1']);
  });

  it('untags', async () => {
    await expect(apiRemoveTag(socket, 'api:nx-0')).resolves.toBe(true);
    expect(requests).toEqual(['DELETE /images/api:nx-0']);
  });

  it('gives undefined when nothing answers on the socket, so the CLI runs instead', async () => {
    const gone = join(dir, 'gone.sock');
    await expect(apiImageIds(gone, ['api:latest'])).resolves.toBeUndefined();
    await expect(apiTag(gone, 'api:latest', 'api:x')).resolves.toBeUndefined();
    await expect(apiRepositoryTags(gone, 'api')).resolves.toBeUndefined();
    await expect(apiRemoveTag(gone, 'api:x')).resolves.toBe(false);
  });
});

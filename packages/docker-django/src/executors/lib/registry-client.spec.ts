import { headManifest, parseChallenge, RegistryQueryError } from './registry-client';

type Call = { url: string; init: RequestInit };

function fakeFetch(answers: Array<Response | Error>) {
  const calls: Call[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return next;
  }) as unknown as typeof fetch;
  return { impl, calls };
}

const header = (call: Call, name: string) =>
  (call.init.headers as Record<string, string> | undefined)?.[name];

describe('headManifest', () => {
  it('reports a held manifest with its digest, over plain HTTP on loopback', async () => {
    const { impl, calls } = fakeFetch([
      new Response(null, { status: 200, headers: { 'docker-content-digest': 'sha256:abc' } }),
    ]);
    await expect(
      headManifest('127.0.0.1:5000', 'team/api', 'nx-1', undefined, impl),
    ).resolves.toEqual({ present: true, digest: 'sha256:abc' });
    expect(calls[0].url).toBe('http://127.0.0.1:5000/v2/team/api/manifests/nx-1');
    expect(calls[0].init.method).toBe('HEAD');
  });

  it('reports an absent manifest on 404', async () => {
    const { impl } = fakeFetch([new Response(null, { status: 404 })]);
    await expect(headManifest('127.0.0.1:5000', 'api', 'nx-1', undefined, impl)).resolves.toEqual({
      present: false,
    });
  });

  it('answers a Basic challenge with the stored login', async () => {
    const { impl, calls } = fakeFetch([
      new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } }),
      new Response(null, { status: 404 }),
    ]);
    await headManifest('r.example.com', 'api', 'nx-1', { username: 'u', password: 'p' }, impl);
    expect(calls[0].url).toBe('https://r.example.com/v2/api/manifests/nx-1');
    expect(header(calls[1], 'Authorization')).toBe(
      `Basic ${Buffer.from('u:p').toString('base64')}`,
    );
  });

  it('fetches a Bearer token from the realm, with the login, for the pull scope', async () => {
    const { impl, calls } = fakeFetch([
      new Response(null, {
        status: 401,
        headers: {
          'www-authenticate': 'Bearer realm="https://auth.example.com/token",service="reg"',
        },
      }),
      new Response(JSON.stringify({ token: 't0k' }), { status: 200 }),
      new Response(null, { status: 200 }),
    ]);
    await headManifest('r.example.com', 'team/api', 'nx-1', { username: 'u', password: 'p' }, impl);
    const tokenUrl = new URL(calls[1].url);
    expect(tokenUrl.searchParams.get('service')).toBe('reg');
    expect(tokenUrl.searchParams.get('scope')).toBe('repository:team/api:pull');
    expect(header(calls[1], 'Authorization')).toMatch(/^Basic /);
    expect(header(calls[2], 'Authorization')).toBe('Bearer t0k');
  });

  const basicChallenge = () =>
    new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } });
  it.each([
    ['no login', () => [basicChallenge()], undefined, 'auth', 'no login'],
    [
      'a refused login',
      () => [basicChallenge(), new Response(null, { status: 401 })],
      { username: 'u', password: 'wrong' },
      'auth',
      'stored login was refused',
    ],
    ['403', () => [new Response(null, { status: 403 })], undefined, 'auth', 'denied'],
    ['500', () => [new Response(null, { status: 500 })], undefined, 'unexpected', 'HTTP 500'],
    [
      'a refused connection',
      () => [Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })],
      undefined,
      'unreachable',
      'ECONNREFUSED',
    ],
  ])('maps %s to a %s failure', async (_name, answers, credentials, kind, detail) => {
    const { impl } = fakeFetch(answers());
    const error = await headManifest('127.0.0.1:5000', 'api', 'nx-1', credentials, impl).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RegistryQueryError);
    expect(error).toMatchObject({ kind });
    expect((error as Error).message).toContain(detail);
  });
});

describe('parseChallenge', () => {
  it('reads the scheme and quoted or bare parameters', () => {
    expect(
      parseChallenge('Bearer realm="https://a/t",service=reg,scope="repository:x:pull"'),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://a/t', service: 'reg', scope: 'repository:x:pull' },
    });
    expect(parseChallenge(null)).toBeUndefined();
  });
});

import { batchedImageIds, parseInspectOutput, type ImageIds } from './engine-image-ids';

describe('parseInspectOutput', () => {
  it('pairs the ids with the refs in argument order', () => {
    expect(parseInspectOutput(['a:1', 'b:1'], 'sha256:aa\nsha256:bb\n', '')).toEqual(
      new Map([
        ['a:1', 'sha256:aa'],
        ['b:1', 'sha256:bb'],
      ]),
    );
  });

  it('skips the refs the engine names as missing', () => {
    const stderr = 'Error response from daemon: no such image: b:1: No such image: b:1\n';
    expect(parseInspectOutput(['a:1', 'b:1', 'c:1'], 'sha256:aa\nsha256:cc\n', stderr)).toEqual(
      new Map([
        ['a:1', 'sha256:aa'],
        ['b:1', undefined],
        ['c:1', 'sha256:cc'],
      ]),
    );
  });

  it.each([
    [
      'the engine is down',
      '',
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock',
    ],
    ['one id too few and no ref named', 'sha256:aa\n', 'Error: something else'],
    ['a line that is not an id', 'sha256:aa\nwarning: x\n', ''],
  ])('gives no ref an id when %s', (_, stdout, stderr) => {
    const ids = parseInspectOutput(['a:1', 'b:1'], stdout, stderr);
    expect([...ids.values()]).toEqual([undefined, undefined]);
  });
});

describe('batchedImageIds', () => {
  it('answers every call made in one turn of the event loop with one query', async () => {
    const queries: string[][] = [];
    const idsOf = batchedImageIds(async (refs) => {
      queries.push([...refs]);
      return new Map(refs.map((ref) => [ref, `sha256:${ref.length}`]));
    });
    const [a, b] = await Promise.all([idsOf(['a:1'], {}), idsOf(['bb:1', 'a:1'], {})]);
    expect(queries).toEqual([['a:1', 'bb:1']]);
    expect(a.get('a:1')).toBe('sha256:3');
    expect(b.get('bb:1')).toBe('sha256:4');
  });

  it('asks each engine (DOCKER_* variables) separately', async () => {
    const engines: (string | undefined)[] = [];
    const idsOf = batchedImageIds(async (refs, env) => {
      engines.push(env.DOCKER_HOST);
      return new Map(refs.map((ref) => [ref, 'sha256:1']));
    });
    await Promise.all([
      idsOf(['a:1'], { PATH: '/bin' }),
      idsOf(['b:1'], { DOCKER_HOST: 'tcp://other:2375' }),
      idsOf(['c:1'], { PATH: '/usr/bin' }),
    ]);
    expect(engines.sort()).toEqual(['tcp://other:2375', undefined]);
  });

  it('asks again for a call made after the query started: no answer is reused', async () => {
    let asked = 0;
    const idsOf = batchedImageIds(async (refs): Promise<ImageIds> => {
      asked += 1;
      return new Map(refs.map((ref) => [ref, `sha256:${asked}`]));
    });
    expect((await idsOf(['a:1'], {})).get('a:1')).toBe('sha256:1');
    expect((await idsOf(['a:1'], {})).get('a:1')).toBe('sha256:2');
  });

  it('gives no id when the query itself fails', async () => {
    const idsOf = batchedImageIds(() => Promise.reject(new Error('spawn docker ENOENT')));
    expect((await idsOf(['a:1'], {})).get('a:1')).toBeUndefined();
  });
});

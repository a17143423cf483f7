import {
  contentTagAmong,
  isLoopback,
  parseRegistry,
  registryBaseUrl,
  remoteRepository,
  tagList,
} from './registry-ref';

describe('parseRegistry', () => {
  it.each([
    ['127.0.0.1:5000', { host: '127.0.0.1:5000', namespace: '' }],
    ['127.0.0.1:5000/team/', { host: '127.0.0.1:5000', namespace: 'team' }],
    ['registry.example.com/org/apps', { host: 'registry.example.com', namespace: 'org/apps' }],
    ['localhost:5000', { host: 'localhost:5000', namespace: '' }],
  ])('reads %s', (value, expected) => {
    expect(parseRegistry(value, 'api')).toEqual(expected);
  });

  it.each([
    ['http://127.0.0.1:5000', 'without a scheme'],
    ['user:secret@registry.example.com', 'docker login'],
    ['registry.example.com/Team', 'lowercase path'],
    ['bad host', 'host[:port][/namespace]'],
  ])('refuses %s and says what to write', (value, hint) => {
    expect(() => parseRegistry(value, 'api')).toThrow(hint);
    expect(() => parseRegistry(value, 'api')).toThrow('project "api"');
  });

  it('never echoes a password given in the address', () => {
    expect(() => parseRegistry('https://user:hunter2@registry.example.com', 'api')).toThrow(
      /user:\*\*\*@/,
    );
  });
});

describe('remoteRepository', () => {
  const local = { host: '127.0.0.1:5000', namespace: '' };
  const team = { host: '127.0.0.1:5000', namespace: 'team' };
  it.each([
    [local, 'api:latest', '127.0.0.1:5000/api'],
    [team, 'api:latest', '127.0.0.1:5000/team/api'],
    [team, 'shop/api', '127.0.0.1:5000/team/shop/api'],
    [local, 'registry.example.com:443/shop/api:1', '127.0.0.1:5000/shop/api'],
    [local, 'localhost/api:2', '127.0.0.1:5000/api'],
  ])('%j + %s → %s', (registry, image, expected) => {
    expect(remoteRepository(registry, image)).toBe(expected);
  });
});

describe('tags and transport', () => {
  it('pushes the content tag first, then the commit and moving tags, each once', () => {
    expect(tagList({ content: 'nx-1', commit: 'sha-2', moving: 'latest' })).toEqual([
      'nx-1',
      'sha-2',
      'latest',
    ]);
    expect(tagList({ content: 'nx-1', moving: undefined })).toEqual(['nx-1']);
  });

  it.each([
    ['127.0.0.1:5000', true, 'http://127.0.0.1:5000/v2/'],
    ['localhost:5000', true, 'http://localhost:5000/v2/'],
    ['[::1]:5000', true, 'http://[::1]:5000/v2/'],
    ['registry.example.com', false, 'https://registry.example.com/v2/'],
  ])('%s is loopback: %s', (host, loopback, url) => {
    expect(isLoopback(host)).toBe(loopback);
    expect(registryBaseUrl(host)).toBe(url);
  });

  it('finds the one content tag among an image tags, else none', () => {
    expect(contentTagAmong('api:latest', '["api:latest","api:nx-abc"]')).toBe('api:nx-abc');
    expect(contentTagAmong('api:latest', '["api:latest"]')).toBeUndefined();
    expect(contentTagAmong('api:latest', '["api:nx-a","api:nx-b"]')).toBeUndefined();
    expect(contentTagAmong('api:latest', 'not json')).toBeUndefined();
  });
});

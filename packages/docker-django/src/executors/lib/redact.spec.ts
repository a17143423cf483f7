import { redactUrls } from './redact';

describe('redactUrls', () => {
  it.each<[string, string]>([
    ['ssh://user:password@host', 'ssh://user:***@host'],
    [
      'DOCKER_HOST is "ssh://deploy:s3cr%40t@10.0.0.5:2222".',
      'DOCKER_HOST is "ssh://deploy:***@10.0.0.5:2222".',
    ],
    ['tcp://admin:pw@docker.example:2376', 'tcp://admin:***@docker.example:2376'],
    [
      'https://u:p@index.example/simple/ and http://a:b@c/d',
      'https://u:***@index.example/simple/ and http://a:***@c/d',
    ],
    [
      'PIP_INDEX_URL=https://token:x-oauth@pypi.example/simple',
      'PIP_INDEX_URL=https://token:***@pypi.example/simple',
    ],
    ['a password with an @: ssh://me:p@ss@host/x', 'a password with an @: ssh://me:***@host/x'],
    [
      'ssh://user@host keeps a user without a password',
      'ssh://user@host keeps a user without a password',
    ],
    [
      'tcp://127.0.0.1:2375 has a port, no credentials',
      'tcp://127.0.0.1:2375 has a port, no credentials',
    ],
    ['unix:///var/run/docker.sock', 'unix:///var/run/docker.sock'],
    ['no url here: user:password@host', 'no url here: user:password@host'],
  ])('%s', (text, redacted) => {
    expect(redactUrls(text)).toBe(redacted);
  });
});

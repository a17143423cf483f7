import { classifyPushFailure, pushFailureDetail, registryError } from './registry-errors';

describe('push failures', () => {
  it.each([
    ['unauthorized: authentication required', 'auth'],
    ['no basic auth credentials', 'auth'],
    ['denied: requested access to the resource is denied', 'auth'],
    [
      'Get "https://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused',
      'unreachable',
    ],
    ['http: server gave HTTP response to HTTPS client', 'unreachable'],
    [
      'error parsing HTTP 405 response body: invalid character \'M\' looking for beginning of value: "Method not allowed\\n"',
      'unexpected',
    ],
    ['manifest invalid: tag is immutable', 'unexpected'],
  ])('"%s" is a %s failure', (output, kind) => {
    expect(classifyPushFailure(output)).toBe(kind);
  });

  it('takes the explaining line, docker prints it last', () => {
    expect(
      pushFailureDetail(
        'The push refers to repository [x]\nabc: Preparing\nerror parsing HTTP 405\n',
      ),
    ).toBe('error parsing HTTP 405');
  });

  it.each([
    ['auth', 'refused', 'docker login 127.0.0.1:5000'],
    ['unreachable', 'does not answer', 'DOCKER_DJANGO_REGISTRY'],
    ['unexpected', 'rejected', 'read-only mode'],
  ] as const)('a %s error says "%s" and how to fix it', (kind, says, fix) => {
    const message = registryError(kind, 'api', '127.0.0.1:5000', 'the push of x', 'detail').message;
    expect(message).toContain(says);
    expect(message).toContain('project "api"');
    expect(message).toContain(fix);
  });

  it('hides a password that reached a message', () => {
    expect(
      registryError('unreachable', 'api', 'r', 'the push', 'Get "https://u:hunter2@r/v2/"').message,
    ).not.toContain('hunter2');
  });
});

import { fixedHostPortsOf, parseComposeText } from '../lib/compose-file';
import type { NormalizedUp } from '../lib/normalize-options';
import { assertScalable } from './scale';

const COMPOSE = [
  'services:',
  '  server:',
  '    image: api:latest',
  '    ports: ["8000:8000"]',
  '  worker:',
  '    image: api:latest',
  '    ports: ["9000-9002:9000", "9100"]',
].join('\n');

const up = (scale: Record<string, number>) => ({ project: 'api', scale }) as NormalizedUp;

describe('--scale', () => {
  const file = parseComposeText(COMPOSE, 'apps/api/compose.yaml', 'api');

  it.each([
    [['8000:8000'], ['8000']],
    [['127.0.0.1:8080:8000/tcp'], ['8080']],
    [['8000-8002:8000'], []],
    [['8000'], []],
    [[{ target: 8000, published: 8080 }], ['8080']],
    [[{ target: 8000, published: '8080-8082' }], []],
  ])('finds the fixed host ports of %j: %j', (ports, fixed) => {
    expect(fixedHostPortsOf(ports)).toEqual(fixed);
  });

  it('refuses to scale a service with a fixed host port past one container, naming the port and the ways out', () => {
    expect(() => assertScalable(up({ server: 3 }), file)).toThrow(
      /--scale server=3 for project "api": service "server" publishes the fixed host port 8000.*"8000-8002:<container port>".*nx g docker-django:swarm/,
    );
  });

  it('scales a service that publishes a range or an ephemeral port, and one container of any service', () => {
    expect(() => assertScalable(up({ worker: 3, server: 1 }), file)).not.toThrow();
  });

  it('names the services when the scaled one is not in the file', () => {
    expect(() => assertScalable(up({ web: 2 }), file)).toThrow(
      /has no service "web" \(it has server, worker\)/,
    );
  });
});

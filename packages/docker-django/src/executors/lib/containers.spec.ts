import {
  parseIds,
  parseInspectJson,
  parsePsJson,
  publishedUrls,
  type ContainerStatus,
} from './containers';

// Shapes as printed by compose 2.26 (`ps --all --format json`), trimmed to the fields read.
const SERVER = {
  ExitCode: 0,
  Health: 'healthy',
  ID: '2917c72abda4',
  Name: 'shop-server-1',
  Service: 'server',
  State: 'running',
  Publishers: [
    { URL: '0.0.0.0', TargetPort: 8000, PublishedPort: 32768, Protocol: 'tcp' },
    { URL: '::', TargetPort: 8000, PublishedPort: 32768, Protocol: 'tcp' },
  ],
};
const MIGRATE = {
  ExitCode: 0,
  Health: '',
  ID: '658fde88b193',
  Name: 'shop-migrate-1',
  Service: 'migrate',
  State: 'exited',
  Publishers: null,
};
const EXPECTED: ContainerStatus[] = [
  {
    name: 'shop-server-1',
    service: 'server',
    state: 'running',
    health: 'healthy',
    exitCode: 0,
    ports: [
      { hostIp: '0.0.0.0', hostPort: 32768, containerPort: 8000, protocol: 'tcp' },
      { hostIp: '::', hostPort: 32768, containerPort: 8000, protocol: 'tcp' },
    ],
  },
  {
    name: 'shop-migrate-1',
    service: 'migrate',
    state: 'exited',
    health: undefined,
    exitCode: 0,
    ports: [],
  },
];

describe('parsePsJson', () => {
  it.each<[string, string]>([
    ['a JSON array (compose < 2.21)', JSON.stringify([SERVER, MIGRATE])],
    [
      'one JSON object per line (compose >= 2.21)',
      `${JSON.stringify(SERVER)}\n${JSON.stringify(MIGRATE)}\n`,
    ],
    [
      'NDJSON with blank lines and CRLF',
      `\r\n${JSON.stringify(SERVER)}\r\n\r\n${JSON.stringify(MIGRATE)}\r\n`,
    ],
  ])('reads %s', (_, text) => {
    expect(parsePsJson(text)).toEqual(EXPECTED);
  });

  it.each<[string, string]>([
    ['empty output', ''],
    ['an empty array', '[]'],
    ['whitespace', '\n  \n'],
  ])('reads %s as no containers', (_, text) => {
    expect(parsePsJson(text)).toEqual([]);
  });

  it('skips ports that are exposed but not published', () => {
    const [c] = parsePsJson(
      JSON.stringify({
        ...SERVER,
        Publishers: [{ URL: '', TargetPort: 5432, PublishedPort: 0, Protocol: 'tcp' }],
      }),
    );
    expect(c.ports).toEqual([]);
  });

  it('throws on output that is not JSON', () => {
    expect(() => parsePsJson('NAME  IMAGE  STATUS')).toThrow(SyntaxError);
  });
});

describe('parseInspectJson', () => {
  it('reads docker inspect of a compose v1 container', () => {
    const text = JSON.stringify([
      {
        Id: '12d2704ebb65',
        Name: '/blog_server_1',
        State: { Status: 'running', ExitCode: 0, Health: { Status: 'starting', FailingStreak: 0 } },
        Config: {
          Labels: { 'com.docker.compose.service': 'server', 'com.docker.compose.project': 'blog' },
        },
        NetworkSettings: {
          Ports: {
            '8000/tcp': [
              { HostIp: '0.0.0.0', HostPort: '32770' },
              { HostIp: '::', HostPort: '32770' },
            ],
            '9000/tcp': null,
          },
        },
      },
    ]);
    expect(parseInspectJson(text)).toEqual([
      {
        name: 'blog_server_1',
        service: 'server',
        state: 'running',
        health: 'starting',
        exitCode: 0,
        ports: [
          { hostIp: '0.0.0.0', hostPort: 32770, containerPort: 8000, protocol: 'tcp' },
          { hostIp: '::', hostPort: 32770, containerPort: 8000, protocol: 'tcp' },
        ],
      },
    ]);
  });

  it('reads podman 4 inspect, whose health is under State.Healthcheck', () => {
    const text = JSON.stringify([
      {
        Id: 'dbb27412d66a',
        Name: 'shop_server_1',
        State: { Status: 'running', ExitCode: 0, Healthcheck: { Status: 'healthy' } },
        Config: { Labels: { 'com.docker.compose.service': 'server' } },
        NetworkSettings: { Ports: { '8000/tcp': [{ HostIp: '', HostPort: '41589' }] } },
      },
    ]);
    const [c] = parseInspectJson(text);
    expect(c.health).toBe('healthy');
    expect(c.ports).toEqual([
      { hostIp: '', hostPort: 41589, containerPort: 8000, protocol: 'tcp' },
    ]);
  });

  it('reads an exited container without a healthcheck', () => {
    const [c] = parseInspectJson(
      JSON.stringify([
        {
          Name: '/x_migrate_1',
          State: { Status: 'exited', ExitCode: 3 },
          Config: { Labels: { 'com.docker.compose.service': 'migrate' } },
        },
      ]),
    );
    expect(c).toEqual({
      name: 'x_migrate_1',
      service: 'migrate',
      state: 'exited',
      health: undefined,
      exitCode: 3,
      ports: [],
    });
  });
});

describe('parseIds', () => {
  it('keeps container ids and drops other lines', () => {
    expect(
      parseIds(
        '12d2704ebb654842b4f0d753e9eda8e404a00fe796247300a19bd8caff9ed6c2\nexit code: 0\n\n9016db6cdc62\n',
      ),
    ).toEqual(['12d2704ebb654842b4f0d753e9eda8e404a00fe796247300a19bd8caff9ed6c2', '9016db6cdc62']);
  });
});

describe('publishedUrls', () => {
  const container = (o: Partial<ContainerStatus>): ContainerStatus => ({
    name: 'c',
    service: 'web',
    state: 'running',
    health: undefined,
    exitCode: 0,
    ports: [],
    ...o,
  });

  it('gives one localhost URL for the IPv4 and IPv6 bindings of a port', () => {
    expect(publishedUrls(parsePsJson(JSON.stringify([SERVER, MIGRATE])))).toEqual([
      { service: 'server', url: 'http://localhost:32768', hostPort: 32768, containerPort: 8000 },
    ]);
  });

  it.each<[string, string, string]>([
    ['all IPv4 interfaces', '0.0.0.0', 'http://localhost:8000'],
    ['all IPv6 interfaces', '::', 'http://localhost:8000'],
    ['no address (podman)', '', 'http://localhost:8000'],
    ['a loopback binding', '127.0.0.1', 'http://127.0.0.1:8000'],
    ['an IPv6 address', '::1', 'http://[::1]:8000'],
  ])('uses the host of %s', (_, hostIp, url) => {
    const urls = publishedUrls([
      container({ ports: [{ hostIp, hostPort: 8000, containerPort: 8000, protocol: 'tcp' }] }),
    ]);
    expect(urls.map((u) => u.url)).toEqual([url]);
  });

  it('skips UDP ports and containers that are not running', () => {
    expect(
      publishedUrls([
        container({ ports: [{ hostIp: '', hostPort: 53, containerPort: 53, protocol: 'udp' }] }),
        container({
          state: 'exited',
          ports: [{ hostIp: '', hostPort: 80, containerPort: 80, protocol: 'tcp' }],
        }),
      ]),
    ).toEqual([]);
  });

  it('sorts by service, then port', () => {
    const urls = publishedUrls([
      container({
        service: 'web',
        ports: [{ hostIp: '', hostPort: 9000, containerPort: 9000, protocol: 'tcp' }],
      }),
      container({
        service: 'web',
        ports: [{ hostIp: '', hostPort: 8000, containerPort: 8000, protocol: 'tcp' }],
      }),
      container({
        service: 'admin',
        ports: [{ hostIp: '', hostPort: 10000, containerPort: 80, protocol: 'tcp' }],
      }),
    ]);
    expect(urls.map((u) => `${u.service} ${u.url}`)).toEqual([
      'admin http://localhost:10000',
      'web http://localhost:8000',
      'web http://localhost:9000',
    ]);
  });
});

/**
 * One model of a compose container, read either from `compose ps --format json` (compose
 * v2) or from `docker|podman inspect` (compose v1, podman-compose), plus the URLs of its
 * published ports. Pure functions over text; nothing here runs a process.
 */
import { isRecord } from './records';

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: string;
}

export interface ContainerStatus {
  name: string;
  service: string;
  /** running, exited, created, restarting, paused, dead, removing ... */
  state: string;
  /** starting, healthy, unhealthy; undefined without a healthcheck. */
  health: string | undefined;
  exitCode: number | undefined;
  ports: PublishedPort[];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return parseInt(value, 10);
  return undefined;
}

/**
 * Parses `compose ps --format json`, which prints a JSON array (compose < 2.21) or one
 * JSON object per line (2.21 and later); empty output means no containers.
 */
export function parsePsJson(text: string): ContainerStatus[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let entries: unknown[];
  if (trimmed.startsWith('[')) {
    entries = JSON.parse(trimmed) as unknown[];
  } else {
    entries = trimmed
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .flatMap((l) => {
        const parsed: unknown = JSON.parse(l);
        return Array.isArray(parsed) ? parsed : [parsed];
      });
  }
  return entries.filter(isRecord).map((e) => {
    const publishers = Array.isArray(e['Publishers']) ? e['Publishers'] : [];
    return {
      name: str(e['Name']) ?? str(e['ID']) ?? '?',
      service: str(e['Service']) ?? '?',
      state: (str(e['State']) ?? 'unknown').toLowerCase(),
      health: str(e['Health'])?.toLowerCase(),
      exitCode: num(e['ExitCode']),
      ports: publishers.filter(isRecord).flatMap((p): PublishedPort[] => {
        const hostPort = num(p['PublishedPort']);
        const containerPort = num(p['TargetPort']);
        if (!hostPort || containerPort === undefined) return [];
        return [
          {
            hostIp: str(p['URL']) ?? '',
            hostPort,
            containerPort,
            protocol: str(p['Protocol']) ?? 'tcp',
          },
        ];
      }),
    };
  });
}

/** Parses the JSON array printed by `docker inspect` / `podman inspect` of containers. */
export function parseInspectJson(text: string): ContainerStatus[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const parsed: unknown = JSON.parse(trimmed);
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  return entries.filter(isRecord).map((e) => {
    const state = isRecord(e['State']) ? e['State'] : {};
    // Docker reports State.Health; podman 4.x State.Healthcheck (later also Health).
    const healthBlock = isRecord(state['Health'])
      ? state['Health']
      : isRecord(state['Healthcheck'])
        ? state['Healthcheck']
        : undefined;
    const config = isRecord(e['Config']) ? e['Config'] : {};
    const labels = isRecord(config['Labels']) ? config['Labels'] : {};
    const network = isRecord(e['NetworkSettings']) ? e['NetworkSettings'] : {};
    const portMap = isRecord(network['Ports']) ? network['Ports'] : {};
    const ports: PublishedPort[] = [];
    for (const [key, bindings] of Object.entries(portMap)) {
      const [port, protocol = 'tcp'] = key.split('/');
      const containerPort = num(port);
      if (containerPort === undefined || !Array.isArray(bindings)) continue;
      for (const b of bindings.filter(isRecord)) {
        const hostPort = num(b['HostPort']);
        if (hostPort)
          ports.push({ hostIp: str(b['HostIp']) ?? '', hostPort, containerPort, protocol });
      }
    }
    return {
      name: (str(e['Name']) ?? str(e['Id']) ?? '?').replace(/^\//, ''),
      service:
        str(labels['com.docker.compose.service']) ??
        str(labels['io.podman.compose.service']) ??
        '?',
      state: (str(state['Status']) ?? 'unknown').toLowerCase(),
      health: healthBlock ? str(healthBlock['Status'])?.toLowerCase() : undefined,
      exitCode: num(state['ExitCode']),
      ports,
    };
  });
}

/** Container ids printed by `compose ps -q`, one per line. */
export function parseIds(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[0-9a-f]{12,64}$/i.test(l));
}

export interface ServiceUrl {
  service: string;
  url: string;
  hostPort: number;
  containerPort: number;
}

function urlHost(hostIp: string): string {
  if (hostIp === '' || hostIp === '0.0.0.0' || hostIp === '::' || hostIp === '[::]')
    return 'localhost';
  return hostIp.includes(':') ? `[${hostIp}]` : hostIp;
}

/**
 * `http://localhost:<port>` for every published TCP port of a running container; the IPv4
 * and IPv6 bindings of one port give one URL. Sorted by service, then port.
 */
export function publishedUrls(containers: ContainerStatus[]): ServiceUrl[] {
  const seen = new Set<string>();
  const urls: ServiceUrl[] = [];
  for (const c of containers) {
    if (c.state !== 'running') continue;
    for (const p of c.ports) {
      if (p.protocol !== 'tcp') continue;
      const url = `http://${urlHost(p.hostIp)}:${p.hostPort}`;
      const key = `${c.service} ${url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      urls.push({ service: c.service, url, hostPort: p.hostPort, containerPort: p.containerPort });
    }
  }
  return urls.sort((a, b) => a.service.localeCompare(b.service) || a.hostPort - b.hostPort);
}

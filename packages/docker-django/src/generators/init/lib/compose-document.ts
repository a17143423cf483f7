import { Document, Scalar, type YAMLSeq } from 'yaml';
import type { NormalizedInitOptions } from './normalize-options';

/**
 * The check compose runs inside the server container. Slim images have no curl, so it uses
 * Python's urllib. It sends a Host that Django's default ALLOWED_HOSTS accepts, and counts any
 * answer below 500 as healthy: a project with no view at / answers 404, and that still proves
 * gunicorn and Django are serving.
 */
export function webHealthcheckScript(port: number): string {
  return [
    'import sys, urllib.request, urllib.error',
    `request = urllib.request.Request("http://127.0.0.1:${port}/", headers={"Host": "localhost"})`,
    'try:',
    '    urllib.request.urlopen(request, timeout=4)',
    'except urllib.error.HTTPError as error:',
    '    sys.exit(1 if error.code >= 500 else 0)',
    'except Exception:',
    '    sys.exit(1)',
  ].join('\n');
}

export function composeDocument(options: NormalizedInitOptions): Document {
  const server = {
    build: { context: '.' },
    image: `${options.imageName}:latest`,
    ports: [`${options.hostPort}:${options.port}`],
    environment: {
      DJANGO_SETTINGS_MODULE: options.layout.imageSettingsModule,
      WEB_CONCURRENCY: '${WEB_CONCURRENCY:-2}',
    },
    healthcheck: {
      test: ['CMD', 'python', '-c', webHealthcheckScript(options.port)],
      interval: '5s',
      timeout: '4s',
      retries: 6,
      start_period: '10s',
    },
    restart: 'unless-stopped',
  };
  const doc = new Document({ services: { server } });
  // Quoted, as Compose's docs advise: YAML 1.1 parsers (docker-compose v1) read an
  // unquoted `22:22` as a base-60 number.
  const ports = doc.getIn(['services', 'server', 'ports']) as YAMLSeq<Scalar>;
  for (const port of ports.items) port.type = Scalar.QUOTE_DOUBLE;
  doc.commentBefore = [
    ` Compose stack for the Django project "${options.projectName}", written by \`nx g docker-django:init\`.`,
    ` Start it with \`nx run ${options.projectName}:compose-up\`, or \`docker compose up --build\` here.`,
    ' Edit freely: re-running the generator keeps a changed file unless you pass --overwrite.',
  ].join('\n');
  return doc;
}

export function composeFileText(options: NormalizedInitOptions): string {
  return composeDocument(options).toString({ lineWidth: 0 });
}

export interface OfficialImagesJobOptions {
  buildTarget: string;
  upTarget: string;
  downTarget: string;
  install: string;
  exec: string;
  /** The setup-node and package manager steps the images job uses too. */
  setupSteps: Record<string, unknown>[];
}

/** Weekly, Monday 04:17 UTC: off the hour, when GitHub's scheduler is least crowded. */
export const OFFICIAL_IMAGES_CRON = '17 4 * * 1';

export const OFFICIAL_IMAGES_EVENTS =
  "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'";

// The secrets are git-ignored, so a checkout has none and compose would refuse to start:
// throwaway values for every compose.yaml init wrote, only where the file is missing.
const THROWAWAY_SECRETS = [
  "for file in $(git ls-files '*compose.yaml'); do",
  '  grep -q "^x-docker-django:" "$file" || continue',
  '  dir=$(dirname "$file")',
  '  mkdir -p "$dir/secrets"',
  '  for secret in django-secret-key db-password app-db-password; do',
  '    [ -f "$dir/secrets/$secret.txt" ] || openssl rand -hex 32 > "$dir/secrets/$secret.txt"',
  '  done',
  'done',
].join('\n');

// One stack at a time, each taken down with its volumes even when it failed to start: stacks
// may publish the same host port, and a fresh volume is what a new user's first `up` gets.
function upAndDown(o: OfficialImagesJobOptions): string {
  return [
    'status=0',
    `for project in $(${o.exec} nx show projects --with-target ${o.upTarget}); do`,
    `  ${o.exec} nx run "$project:${o.upTarget}" || status=1`,
    `  ${o.exec} nx run "$project:${o.downTarget}" --volumes || status=1`,
    'done',
    'exit $status',
  ].join('\n');
}

/**
 * A job that checks every generated stack against the official images as they are today:
 * it pulls the base images while building (`--pull`), then starts each stack until healthy
 * and removes it with its volumes. The images move without a commit here (a new PostgreSQL
 * major behind `postgres`, a new Debian under `python:*-slim`), so it runs on a schedule and
 * on demand rather than on push, where `nx affected` would find nothing to build.
 */
export function officialImagesJob(o: OfficialImagesJobOptions): Record<string, unknown> {
  return {
    if: OFFICIAL_IMAGES_EVENTS,
    'runs-on': 'ubuntu-latest',
    steps: [
      { uses: 'actions/checkout@v4' },
      ...o.setupSteps,
      { run: o.install },
      {
        name: 'Build every Django image on freshly pulled official base images',
        run: `${o.exec} nx run-many -t ${o.buildTarget} --pull`,
      },
      { name: 'Throwaway secrets for the stacks', run: THROWAWAY_SECRETS },
      {
        name: 'Start each stack until healthy, then remove it with its volumes',
        run: upAndDown(o),
      },
    ],
  };
}

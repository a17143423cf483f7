/**
 * Recognises common image build failures in the tail of compose's output, so the executor
 * can say what went wrong and what to do instead of "exited with code 17". Pure: text in,
 * facts out. Reads BuildKit's plain progress (`#7 [server builder 3/3] RUN ...`, `#7 2.44
 * ERROR: ...`) and the summary box it prints after a failed step (` > [server builder 3/3]
 * RUN ...:`); the line shapes are those of BuildKit 0.8 to 0.2x and pip 20 to 25.
 */
export type BuildFailure =
  | {
      kind: 'pip-no-distribution';
      requirement: string;
      service?: string;
      /** The dependency file pip read, as the Dockerfile names it (`requirements.txt`, `pyproject.toml`). */
      dependencyFile?: string;
      /** major.minor of the python base image of the failing stage. */
      pythonVersion?: string;
    }
  | { kind: 'pg-config-missing'; service?: string }
  | { kind: 'adduser-missing'; service?: string; command: 'adduser' | 'addgroup' };

interface StepHeader {
  id: string;
  /** The bracket's words, e.g. ['server', 'builder', '3/3']. */
  words: string[];
  /** The instruction after the bracket. */
  instruction: string;
}

// `#7 [server builder 3/3] RUN ...` or, in the summary box, ` > [server builder 3/3] RUN ...:`
const STEP_HEADER = /^(?:#(\d+)|\s*>) \[([^\]]+)\] (.*)$/;
// `#7 2.446 ERROR: ...` (a step's own output); the id ties it to its header.
const STEP_OUTPUT = /^#(\d+) \d+(?:\.\d+)? (.*)$/;
// Summary-box lines carry only the timestamp: `2.446 ERROR: ...`.
const BOX_OUTPUT = /^\d+(?:\.\d+)? (.*)$/;

const NO_DISTRIBUTION = /ERROR: No matching distribution found for (.+?)\s*$/;
const NO_VERSION =
  /ERROR: Could not find a version that satisfies the requirement (.+?)(?: \(from (?!versions:)(.*?)\))? \(from versions:/;
const FROM_REQUIREMENTS_FILE = /^-r (.+?) \(line (\d+)\)$/;
const PG_CONFIG = /pg_config executable not found/;
const ADDUSER = /\b(adduser|addgroup): (?:command )?not found/;

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

interface Line {
  text: string;
  /** The header of the step that printed the line, when known. */
  step?: StepHeader;
}

function readLines(output: string): { lines: Line[]; headers: StepHeader[] } {
  const headers: StepHeader[] = [];
  const byId = new Map<string, StepHeader>();
  let box: StepHeader | undefined;
  const lines: Line[] = [];
  for (const raw of stripAnsi(output).split(/\r?\n/)) {
    const header = STEP_HEADER.exec(raw);
    if (header) {
      const step: StepHeader = {
        id: header[1] ?? '',
        words: header[2].trim().split(/\s+/),
        instruction: header[3].replace(/:$/, ''),
      };
      headers.push(step);
      if (header[1]) byId.set(header[1], step);
      else box = step;
      continue;
    }
    if (raw.trim() === '------') {
      // The summary box after a failed step is framed by these lines.
      box = undefined;
      continue;
    }
    const own = STEP_OUTPUT.exec(raw);
    if (own) {
      lines.push({ text: own[2], step: byId.get(own[1]) });
      continue;
    }
    const boxed = box ? BOX_OUTPUT.exec(raw) : null;
    lines.push({ text: boxed ? boxed[1] : raw, step: boxed ? box : undefined });
  }
  return { lines, headers };
}

function serviceOf(step: StepHeader | undefined, services: readonly string[]): string | undefined {
  if (!step) return undefined;
  const first = step.words[0];
  if (services.includes(first)) return first;
  // A single-service build is not always prefixed; with one built service it must be that one.
  return services.length === 1 ? services[0] : undefined;
}

function pythonVersionOf(
  headers: StepHeader[],
  step: StepHeader | undefined,
  service: string | undefined,
): string | undefined {
  // The FROM of the failing stage (same service and stage name), else of the same service.
  const stage = step && step.words.length >= 3 ? step.words[step.words.length - 2] : undefined;
  const froms = headers.filter((h) => /^FROM /.test(h.instruction));
  const ordered = [
    ...froms.filter((h) => service && h.words[0] === service && stage && h.words.includes(stage)),
    ...froms.filter((h) => !service || h.words[0] === service),
  ];
  for (const h of ordered) {
    const m = /(?:^|\/)python:(\d+\.\d+)/.exec(h.instruction.slice(5));
    if (m) return m[1];
  }
  return undefined;
}

/** The dependency file of a pip step: pip's own `(from -r file (line n))`, else the step's mounts. */
function dependencyFileOf(
  step: StepHeader | undefined,
  pipFrom: string | undefined,
): string | undefined {
  const fromFile = pipFrom ? FROM_REQUIREMENTS_FILE.exec(pipFrom) : null;
  if (fromFile && !fromFile[1].startsWith('/tmp/')) return `${fromFile[1]} (line ${fromFile[2]})`;
  if (!step) return undefined;
  const sources = [...step.instruction.matchAll(/source=([^,\s]+)/g)].map((m) => m[1]);
  const requirement = /(?:-r|--requirement)[ =](\S+)/.exec(step.instruction)?.[1];
  if (sources.length === 1) return sources[0];
  if (requirement) {
    const base = requirement.split('/').pop() ?? requirement;
    const mounted = sources.find((s) => s === requirement || s.endsWith(`/${base}`) || s === base);
    if (mounted) return mounted;
    if (!requirement.startsWith('/tmp/')) return requirement;
  }
  return sources.find((s) => /pyproject\.toml$/.test(s));
}

/**
 * The first recognised failure in `output` (the tail of a failed build), with the service it
 * happened in when the output names one of `services`. Undefined when nothing is recognised.
 */
export function recogniseBuildFailure(
  output: string,
  services: readonly string[] = [],
): BuildFailure | undefined {
  const { lines, headers } = readLines(output);
  for (const { text, step } of lines) {
    const noVersion = NO_VERSION.exec(text);
    const noDistribution = noVersion ? null : NO_DISTRIBUTION.exec(text);
    if (noVersion || noDistribution) {
      const requirement = (noVersion?.[1] ?? noDistribution?.[1] ?? '').trim();
      const service = serviceOf(step, services);
      return {
        kind: 'pip-no-distribution',
        requirement,
        ...(service ? { service } : {}),
        ...optional('dependencyFile', dependencyFileOf(step, noVersion?.[2])),
        ...optional('pythonVersion', pythonVersionOf(headers, step, service)),
      };
    }
    if (PG_CONFIG.test(text)) {
      return { kind: 'pg-config-missing', ...optional('service', serviceOf(step, services)) };
    }
    const adduser = ADDUSER.exec(text);
    if (adduser) {
      return {
        kind: 'adduser-missing',
        command: adduser[1] as 'adduser' | 'addgroup',
        ...optional('service', serviceOf(step, services)),
      };
    }
  }
  return undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** The explanation and fix for a recognised failure, in the house error template. */
export function describeBuildFailure(
  failure: BuildFailure,
  target: string,
  project: string,
): string {
  const where = failure.service ? ` while building service "${failure.service}"` : '';
  const head = `${target} failed for project "${project}": `;
  switch (failure.kind) {
    case 'pip-no-distribution': {
      const file = failure.dependencyFile ?? 'the dependency file the Dockerfile installs from';
      const python = failure.pythonVersion
        ? `Python ${failure.pythonVersion}`
        : "the image's Python";
      return (
        `${head}pip found no distribution for "${failure.requirement}"${where}. ` +
        `Check the name and version in ${file} (a typo, or a version that does not exist for ${python}), ` +
        `or make it available on the package index the image's pip uses (PIP_INDEX_URL / --find-links); ` +
        'then run the target again.'
      );
    }
    case 'pg-config-missing':
      return (
        `${head}pip could not build psycopg2 from source${where}: "pg_config executable not found". ` +
        'psycopg2 needs libpq-dev and a C compiler in the build stage (`apt-get install libpq-dev gcc`); ' +
        'or depend on psycopg2-binary or psycopg[binary] instead, which need neither. Then run the target again.'
      );
    case 'adduser-missing':
      return (
        `${head}"${failure.command}: not found"${where}. Debian 13 slim images (every python:*-slim since ` +
        `August 2025) have no adduser/addgroup: create the user with groupadd/useradd, or re-generate the ` +
        `Dockerfile with \`nx g docker-django:init --project ${project} --overwrite\`. Then run the target again.`
      );
  }
}

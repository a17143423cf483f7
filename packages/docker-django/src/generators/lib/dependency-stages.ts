import type { DependencyManager } from '../../python/dependency-manager';
import type { SystemPackages } from '../../python/system-packages';
import type { BuildLayout } from './build-layout';
import { commentText } from './syntax/comment';
import { copyInstruction, mountFlag, shellWord, workdirInstruction } from './syntax/dockerfile';
import { pythonString } from './syntax/python';

/**
 * The part of the Dockerfile that differs by dependency manager: a builder stage that
 * installs the dependencies (and nothing else) with the manager's cache on a cache mount,
 * and the runtime lines that copy the result in. Every builder binds only the dependency
 * files (and copies the workspace libraries the app installs), so a source-only edit of
 * the app re-runs no install step.
 */
export interface DependencyStages {
  builderStage: string;
  runtimeDependencies: string;
}

export interface DependencyStageInput {
  manager: DependencyManager;
  /** The dependency file, relative to the project root. */
  dependencyFile: string;
  /** The lock file, relative to the project root, when the manager has one. */
  lockFile: string | null;
  /** Every requirements file pip reads (the main one and its -r/-c includes), relative to the project root. */
  requirementFiles: string[];
  layout: BuildLayout;
  /** Dependency groups (uv, Poetry) meant for production, installed with the main ones. */
  groups?: string[];
  /** Extras meant for production (uv). */
  extras?: string[];
  /** Debian packages the dependencies need to build (builder) and to load (runtime). */
  systemPackages?: SystemPackages;
  /** A requirements file installs a VCS requirement editable (`-e git+https://...`). */
  editableVcs?: boolean;
}

/**
 * Where pip checks out editable VCS requirements: the installed package points there, so the
 * runtime stage copies it to the same path (pip's default, ./src, would sit in the builder's
 * app folder and clash with a project's own src/).
 */
const EDITABLE_SRC = '/opt/pip-src';

/**
 * A RUN that installs Debian packages with apt's caches on cache mounts, so nothing of them
 * stays in the layer, after a comment naming which dependency needs which. The official
 * images' docker-clean hook would empty the cache after each install, so it goes first.
 */
export function aptInstallLines(
  packages: SystemPackages | undefined,
  stage: 'build' | 'runtime',
): string[] {
  const names = packages?.[stage] ?? [];
  if (packages === undefined || names.length === 0) return [];
  const why = packages.reasons
    .filter((r) => r[stage].length > 0)
    .map((r) => `${r.dependency} (${r[stage].join(' ')})`)
    .join(', ');
  return [
    stage === 'build'
      ? `# System packages the dependencies need to build: ${commentText(why)}.`
      : `# Libraries the dependencies load at run time: ${commentText(why)}.`,
    'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
    '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
    '    rm -f /etc/apt/apt.conf.d/docker-clean \\',
    '    && apt-get update \\',
    `    && apt-get install -y --no-install-recommends ${names.join(' ')}`,
  ];
}

const PREFIX_RUNTIME = [
  '# Packages installed by the builder land in /usr/local, where the base image keeps its own.',
  'COPY --from=builder /install /usr/local',
].join('\n');

const VENV_RUNTIME = [
  '# The virtualenv the builder filled; its bin/ comes first on PATH.',
  'COPY --from=builder /opt/venv /opt/venv',
  'ENV VIRTUAL_ENV=/opt/venv \\',
  '    PATH="/opt/venv/bin:$PATH"',
].join('\n');

// A dependency file of the project, mounted where it sits relative to the app in the image,
// so relative paths in it (`-r base.txt`, `-e ../../libs/x`) resolve as on the developer's machine.
function bindMount(input: DependencyStageInput, file: string): string {
  const mount = mountFlag(
    [
      ['type', 'bind'],
      ['source', `${input.layout.contextPrefix}${file}`],
      ['target', `${input.layout.appHome}/${file}`],
    ],
    'dependency file',
  );
  return `    ${mount} \\`;
}

function header(input: DependencyStageInput, lines: string[]): string[] {
  const libraries = input.layout.libraries;
  return [
    ...lines,
    'FROM python:${PYTHON_VERSION}-slim AS builder',
    ...aptInstallLines(input.systemPackages, 'build'),
    ...(libraries.length
      ? [
          '# The workspace libraries the app installs by path (kept in sync by `nx sync`).',
          ...libraries.map((lib) =>
            copyInstruction([lib.root, lib.imagePath], `folder of workspace library "${lib.name}"`),
          ),
        ]
      : []),
    workdirInstruction(input.layout.appHome, 'project root'),
  ];
}

function pipRequirementsStage(input: DependencyStageInput): string {
  return [
    ...header(input, [
      '# Builder: installs the dependencies into /install. This step runs again only when a',
      "# requirements file changes, and pip's download cache survives between builds.",
    ]),
    input.editableVcs
      ? `ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \\\n    PIP_SRC=${EDITABLE_SRC}`
      : 'ENV PIP_DISABLE_PIP_VERSION_CHECK=1',
    'RUN --mount=type=cache,target=/root/.cache/pip \\',
    ...input.requirementFiles.map((file) => bindMount(input, file)),
    `    mkdir -p /install && python -m pip install --prefix=/install -r ${shellWord(input.dependencyFile, 'dependency file')}`,
  ].join('\n');
}

// The [project] dependencies of a pyproject.toml, one per line, as a `python -c` word: the file
// name is a Python literal inside a shell word, the code uses double quotes only so it stays
// readable inside the single quotes.
function pyprojectDependencies(file: string): string {
  const code =
    `import tomllib; deps = tomllib.load(open(${pythonString(file)}, "rb"))` +
    `["project"].get("dependencies", []); print("\\n".join(deps))`;
  return shellWord(code, 'dependency file');
}

/**
 * A builder that prints the requirements with a Python one-liner over the dependency file
 * (its only bind mount) and installs them into /install with pip.
 */
function printedRequirementsStage(
  input: DependencyStageInput,
  comments: string[],
  printRequirements: string,
): string {
  return [
    ...header(input, comments),
    'ENV PIP_DISABLE_PIP_VERSION_CHECK=1',
    'RUN --mount=type=cache,target=/root/.cache/pip \\',
    bindMount(input, input.dependencyFile),
    `    python -c ${printRequirements} > /tmp/requirements.txt \\`,
    '    && mkdir -p /install && python -m pip install --prefix=/install -r /tmp/requirements.txt',
  ].join('\n');
}

// A pyproject.toml without a lock file: install its [project] dependencies, not the project
// itself, so the step depends on pyproject.toml alone and needs no source.
function pipPyprojectStage(input: DependencyStageInput): string {
  return printedRequirementsStage(
    input,
    [
      '# Builder: installs the [project] dependencies of pyproject.toml into /install. This step',
      "# runs again only when pyproject.toml changes; pip's download cache survives between builds.",
    ],
    pyprojectDependencies(input.dependencyFile),
  );
}

function uvStage(input: DependencyStageInput): string {
  return [
    ...header(input, [
      '# Builder: uv installs the locked dependencies (not the project itself) into /opt/venv,',
      "# using the image's own Python. This step runs again only when pyproject.toml or uv.lock",
      "# changes; uv's cache survives between builds.",
    ]),
    'ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \\',
    '    UV_COMPILE_BYTECODE=1 \\',
    '    UV_LINK_MODE=copy \\',
    '    UV_PYTHON_DOWNLOADS=never \\',
    '    UV_PROJECT_ENVIRONMENT=/opt/venv',
    'RUN --mount=type=cache,target=/root/.cache/pip python -m pip install uv',
    'RUN --mount=type=cache,target=/root/.cache/uv \\',
    bindMount(input, input.dependencyFile),
    bindMount(input, input.lockFile ?? 'uv.lock'),
    `    uv sync --locked --no-install-project --no-dev${[
      ...(input.groups ?? []).map((g) => ` --group ${shellWord(g, 'dependency group')}`),
      ...(input.extras ?? []).map((e) => ` --extra ${shellWord(e, 'extra')}`),
    ].join('')}`,
  ].join('\n');
}

function poetryStage(input: DependencyStageInput): string {
  const mounts = [bindMount(input, input.dependencyFile)];
  if (input.lockFile) mounts.push(bindMount(input, input.lockFile));
  return [
    ...header(input, [
      '# Builder: Poetry installs the main dependencies (not the project itself) into /opt/venv.',
      '# This step runs again only when pyproject.toml or poetry.lock changes.',
    ]),
    'ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \\',
    '    POETRY_NO_INTERACTION=1 \\',
    '    POETRY_VIRTUALENVS_CREATE=false \\',
    '    VIRTUAL_ENV=/opt/venv \\',
    '    PATH="/opt/venv/bin:$PATH"',
    'RUN --mount=type=cache,target=/root/.cache/pip \\',
    '    python -m venv /opt/poetry && /opt/poetry/bin/pip install poetry \\',
    '    && python -m venv /opt/venv',
    'RUN --mount=type=cache,target=/root/.cache/pypoetry \\',
    ...mounts,
    `    /opt/poetry/bin/poetry install --only ${shellWord(['main', ...(input.groups ?? [])].join(','), 'dependency group')} --no-root`,
  ].join('\n');
}

/**
 * Pipfile.lock's default section as requirements lines, for a lock without its Pipfile (pipenv
 * needs the Pipfile): `name==1.2.3 ; markers`, `name @ git+url@ref` for a git entry.
 */
function pipfileLockRequirements(file: string): string {
  const code =
    `import json; lock = json.load(open(${pythonString(file)}))` +
    `; print("\\n".join(n + (" @ git+" + v["git"] + ("@" + v["ref"] if "ref" in v else "") if "git" in v` +
    ` else v.get("version", "")) + (" ; " + v["markers"] if "markers" in v else "")` +
    ` for n, v in lock.get("default", {}).items()))`;
  return shellWord(code, 'dependency file');
}

function pipenvStage(input: DependencyStageInput): string {
  if (input.dependencyFile.endsWith('.lock')) return pipfileLockStage(input);
  const mounts = [bindMount(input, input.dependencyFile)];
  if (input.lockFile) mounts.push(bindMount(input, input.lockFile));
  // [packages] and the production categories; without --categories only [packages].
  const categories = input.groups?.length
    ? ` --categories=${shellWord(['packages', ...input.groups].join(' '), 'Pipfile category')}`
    : '';
  return [
    ...header(input, [
      '# Builder: exports the locked Pipfile dependencies and installs them into /install.',
      '# This step runs again only when Pipfile or Pipfile.lock changes.',
      input.lockFile
        ? '# `pipenv verify` fails the build when Pipfile.lock is out of date with Pipfile, as `install --deploy` does.'
        : '# There is no Pipfile.lock, so it is resolved here; commit one for repeatable builds.',
    ]),
    'ENV PIP_DISABLE_PIP_VERSION_CHECK=1',
    'RUN --mount=type=cache,target=/root/.cache/pip python -m pip install pipenv',
    'RUN --mount=type=cache,target=/root/.cache/pip \\',
    ...mounts,
    `    pipenv ${input.lockFile ? 'verify' : 'lock'} \\`,
    `    && pipenv requirements${categories} > /tmp/requirements.txt \\`,
    '    && mkdir -p /install && python -m pip install --prefix=/install -r /tmp/requirements.txt',
  ].join('\n');
}

// A Pipfile.lock without its Pipfile: pipenv would refuse it, so its default section is read
// as requirements directly (the versions it pins, git entries at their ref).
function pipfileLockStage(input: DependencyStageInput): string {
  return printedRequirementsStage(
    input,
    [
      '# Builder: installs the default section of Pipfile.lock (there is no Pipfile, which pipenv',
      '# needs) into /install. This step runs again only when Pipfile.lock changes.',
    ],
    pipfileLockRequirements(input.dependencyFile),
  );
}

export function dependencyStages(input: DependencyStageInput): DependencyStages {
  const stages = stagesFor(input);
  const apt = aptInstallLines(input.systemPackages, 'runtime');
  return apt.length === 0
    ? stages
    : { ...stages, runtimeDependencies: [...apt, stages.runtimeDependencies].join('\n') };
}

/** The runtime lines for pip's /install prefix, with the editable checkouts when there are any. */
function prefixRuntime(input: DependencyStageInput): string {
  return input.editableVcs
    ? [
        PREFIX_RUNTIME,
        '# The checkouts of the editable VCS requirements (-e git+...), where the installed packages point.',
        `COPY --from=builder ${EDITABLE_SRC} ${EDITABLE_SRC}`,
      ].join('\n')
    : PREFIX_RUNTIME;
}

function stagesFor(input: DependencyStageInput): DependencyStages {
  switch (input.manager) {
    case 'uv':
      return { builderStage: uvStage(input), runtimeDependencies: VENV_RUNTIME };
    case 'poetry':
      return { builderStage: poetryStage(input), runtimeDependencies: VENV_RUNTIME };
    case 'pipenv':
      return { builderStage: pipenvStage(input), runtimeDependencies: PREFIX_RUNTIME };
    case 'pip':
      return {
        builderStage: input.dependencyFile.endsWith('.toml')
          ? pipPyprojectStage(input)
          : pipRequirementsStage(input),
        runtimeDependencies: prefixRuntime(input),
      };
  }
}

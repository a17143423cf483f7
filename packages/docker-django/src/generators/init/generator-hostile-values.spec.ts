import { logger, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { addDjangoProject } from '../../testing/django-fixtures';
import { read } from '../../testing/tree-files';
import { expandWord, parseDockerfile } from '../../testing/dockerfile-syntax';
import { initGenerator } from './generator';
import { syncGenerator } from '../sync/generator';
import { swarmGenerator } from '../swarm/generator';
import { kubernetesGenerator } from '../kubernetes/generator';
import { ciGenerator } from '../ci/generator';

// The concrete failures issue 12 found when odd names reach the generated files (item 2).
describe('init generator: hostile and odd values in names, paths and the command', () => {
  let tree: Tree;
  const base = { skipFormat: true, addPlugin: false } as const;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const dockerfileLines = (root: string) => read(tree, `${root}/Dockerfile`).split('\n');

  it('refuses a --djangoRoot folder whose name holds a line break, naming the option and the character', async () => {
    addDjangoProject(tree, { name: 'api', root: 'apps/api', djangoRoot: 'src\nRUN echo injected' });
    await expect(
      initGenerator(tree, { ...base, project: 'api', djangoRoot: 'src\nRUN echo injected' }),
    ).rejects.toThrow(/--djangoRoot "src\\nRUN echo injected".*line break \(U\+000A\)/s);
    expect(tree.exists('apps/api/Dockerfile')).toBe(false);
  });

  it('keeps a line break in the project name inside the header comments', async () => {
    addDjangoProject(tree, { name: 'api\nRUN echo injected', root: 'apps/api' });
    await initGenerator(tree, { ...base, project: 'api\nRUN echo injected' });
    expect(dockerfileLines('apps/api')).not.toContain('RUN echo injected"');
    expect(read(tree, 'apps/api/Dockerfile')).not.toMatch(/^RUN echo injected/m);
    expect(read(tree, 'apps/api/.dockerignore')).not.toMatch(/^RUN echo injected/m);
    expect(read(tree, 'apps/api/Dockerfile')).toContain('Django project "api\\nRUN echo injected"');
  });

  it('writes R&D as it is, not HTML-escaped', async () => {
    addDjangoProject(tree, { name: 'api', root: 'apps/api', djangoRoot: 'R&D' });
    await initGenerator(tree, { ...base, project: 'api', djangoRoot: 'R&D' });
    expect(dockerfileLines('apps/api')).toContain('WORKDIR /app/R&D');
    expect(read(tree, 'apps/api/Dockerfile')).not.toContain('&amp;');
  });

  it('writes container_settings.py that Python parses when the project name holds a backslash', async () => {
    addDjangoProject(tree, { name: 'api\\x', root: 'apps/api' });
    await initGenerator(tree, { ...base, project: 'api\\x' });
    const parsed = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {
      input: read(tree, 'apps/api/container_settings.py'),
      encoding: 'utf-8',
    });
    expect(parsed.stderr).toBe('');
    expect(parsed.status).toBe(0);
  });

  it('refuses a comma in a -r include name, which would add --mount options, naming the file and the character', async () => {
    addDjangoProject(tree, {
      name: 'api',
      root: 'apps/api',
      requirements: 'django\n-r base,from=alpine.txt\n',
      extraFiles: { 'base,from=alpine.txt': 'gunicorn\n' },
    });
    await expect(initGenerator(tree, { ...base, project: 'api' })).rejects.toThrow(
      /dependency file "base,from=alpine.txt" for project "api": it holds a comma \(U\+002C\)/,
    );
    expect(tree.exists('apps/api/Dockerfile')).toBe(false);
  });

  it('copies a workspace library whose folder holds a space', async () => {
    addDjangoProject(tree, {
      name: 'api',
      root: 'apps/api',
      requirements: 'django\ngunicorn\n-e "../../libs/my lib"\n',
    });
    tree.write('libs/my lib/project.json', JSON.stringify({ name: 'mylib', root: 'libs/my lib' }));
    tree.write('libs/my lib/pyproject.toml', '[project]\nname = "mylib"\n');
    await initGenerator(tree, { ...base, project: 'api' });
    const instructions = parseDockerfile(read(tree, 'apps/api/Dockerfile'));
    const copies = instructions
      .filter((i) => i.keyword === 'COPY')
      .map((i) => i.args.map(expandWord))
      .filter(([source]) => source === 'libs/my lib');
    expect(copies).toEqual([
      ['libs/my lib', '/workspace/libs/my lib'],
      ['libs/my lib', '/workspace/libs/my lib'],
    ]);
    expect(read(tree, 'apps/api/Dockerfile')).toContain(
      "RUN chmod -R u=rwX,go=rX /workspace/apps/api '/workspace/libs/my lib'\n",
    );
  });

  it('writes a $ of --command as $$ in compose.yaml, so compose reads it back as one $', async () => {
    addDjangoProject(tree, { name: 'api', root: 'apps/api' });
    await initGenerator(tree, { ...base, project: 'api', command: "sh -c 'echo $HOME'" });
    const text = read(tree, 'apps/api/compose.yaml');
    expect(parse(text)['x-docker-django'].command).toEqual(['sh', '-c', 'echo $$HOME']);
  });

  it('keeps a $ of --command through nx sync: the files it wrote are recognised and updated', async () => {
    addDjangoProject(tree, { name: 'api', root: 'apps/api' });
    await initGenerator(tree, { ...base, project: 'api', command: "sh -c 'echo $HOME'" });
    tree.write('libs/shared/project.json', JSON.stringify({ name: 'shared', root: 'libs/shared' }));
    tree.write('libs/shared/pyproject.toml', '[project]\nname = "shared"\n');
    tree.write('apps/api/requirements.txt', 'django\ngunicorn\n-e ../../libs/shared\n');
    await syncGenerator(tree);
    const dockerfile = read(tree, 'apps/api/Dockerfile');
    expect(dockerfile).toContain('COPY libs/shared /workspace/libs/shared\n');
    expect(dockerfile).toContain('CMD ["sh","-c","echo $HOME"]');
    const record = parse(read(tree, 'apps/api/compose.yaml'))['x-docker-django'];
    expect(record.command).toEqual(['sh', '-c', 'echo $$HOME']);
  });

  it('writes a $ of --command as $$ in the Swarm stack file, and doubled for Kubernetes, which expands $(NAME)', async () => {
    addDjangoProject(tree, { name: 'api', root: 'apps/api' });
    await initGenerator(tree, {
      ...base,
      project: 'api',
      database: 'postgres',
      command: "sh -c 'echo $(id) $HOME'",
    });
    await swarmGenerator(tree, { project: 'api' });
    await kubernetesGenerator(tree, { project: 'api' });
    const stack = parse(read(tree, 'apps/api/stack.yaml'));
    expect(stack.services.server.command.slice(-3)).toEqual(['sh', '-c', 'echo $$(id) $$HOME']);
    const deployment = parse(read(tree, 'apps/api/k8s/base/deployment.yaml'));
    const server = deployment.spec.template.spec.containers.find(
      (c: { name: string }) => c.name === 'server',
    );
    expect(server.command).toEqual(['sh', '-c', 'echo $$(id) $$HOME']);
  });

  it('refuses a settings module that is no Python module path before writing', async () => {
    addDjangoProject(tree, { name: 'api', root: 'apps/api' });
    await expect(
      initGenerator(tree, {
        ...base,
        project: 'api',
        settingsModule: 'mysite.settings; import os',
      }),
    ).rejects.toThrow(/settingsModule/);
    expect(tree.exists('apps/api/Dockerfile')).toBe(false);
  });

  it.each([
    ['mainBranch', "main'||true"],
    ['mainBranch', 'rel/$(id)'],
    ['targetName', 'build;id'],
  ])(
    'ci refuses --%s %j, which would break the workflow expression or shell line',
    async (option, value) => {
      await expect(ciGenerator(tree, { [option]: value })).rejects.toThrow(
        new RegExp(`Invalid --${option} `),
      );
      expect(tree.exists('.github/workflows/docker-django.yml')).toBe(false);
    },
  );

  it("ci refuses a target name of the plugin's nx.json options that would reach a shell line", async () => {
    updateNxJson(tree, {
      ...readNxJson(tree),
      plugins: [{ plugin: 'docker-django', options: { upTargetName: 'up;id' } }],
    });
    await expect(ciGenerator(tree, { officialImagesCheck: true })).rejects.toThrow(
      /Invalid target name of the docker-django plugin in nx.json "up;id"/,
    );
  });

  it('writes a .env placeholder from an odd project name as one plain word', async () => {
    addDjangoProject(tree, {
      name: 'my "site" $HOME\nx',
      root: 'apps/api',
      extraFiles: {
        'mysite/settings.py':
          "import os\nSECRET_KEY = 'x'\nSITE_NAME = os.environ['SITE_NAME']\nROOT_URLCONF = 'mysite.urls'\n",
      },
    });
    await initGenerator(tree, { ...base, project: 'my "site" $HOME\nx' });
    expect(read(tree, 'apps/api/.env')).toContain('\nSITE_NAME=my-site-HOME-x\n');
    expect(read(tree, 'apps/api/.env')).toMatch(/^# Environment for "my \\"site\\" \$HOME\\nx"/);
  });
});

import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { ciGenerator } from './generator';

describe('ci generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  const read = (path: string) => tree.read(path, 'utf-8') ?? '';

  function workflow(name = 'docker-django') {
    return parse(tree.read(`.github/workflows/${name}.yml`, 'utf-8') ?? '');
  }

  it('runs nx affected -t compose-build against the shas nx-set-shas finds', async () => {
    await ciGenerator(tree, {});
    const steps = workflow().jobs.images.steps;
    expect(steps.map((step: { uses?: string }) => step.uses).filter(Boolean)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'nrwl/nx-set-shas@v4',
    ]);
    expect(steps[steps.length - 1].run).toBe(
      'npx nx affected -t compose-build --base=$NX_BASE --head=$NX_HEAD',
    );
  });

  it('fails on Docker files out of step with the libraries before building (Nx skips sync under CI)', async () => {
    await ciGenerator(tree, {});
    const runs = workflow()
      .jobs.images.steps.map((step: { run?: string }) => step.run)
      .filter(Boolean);
    expect(runs.indexOf('npx nx sync:check')).toBeGreaterThan(-1);
    expect(runs.indexOf('npx nx sync:check')).toBeLessThan(runs.length - 1);
  });

  it('checks out the full history, which affected needs to reach the base', async () => {
    await ciGenerator(tree, {});
    expect(workflow().jobs.images.steps[0].with).toEqual({ 'fetch-depth': 0 });
  });

  it('measures against nx.json defaultBase', async () => {
    tree.write('nx.json', JSON.stringify({ defaultBase: 'develop' }));
    await ciGenerator(tree, {});
    expect(workflow().on.push.branches).toEqual(['develop']);
  });

  it('uses the target name and file name it is given', async () => {
    await ciGenerator(tree, { name: 'images', targetName: 'docker-build', mainBranch: 'trunk' });
    const doc = workflow('images');
    expect(doc.jobs.images.steps.at(-1).run).toContain('nx affected -t docker-build');
    expect(doc.on.push.branches).toEqual(['trunk']);
  });

  it('keeps a workflow the user changed unless --overwrite', async () => {
    tree.write('.github/workflows/docker-django.yml', 'name: mine\n');
    await ciGenerator(tree, {});
    expect(tree.read('.github/workflows/docker-django.yml', 'utf-8')).toBe('name: mine\n');
    await ciGenerator(tree, { overwrite: true });
    expect(workflow().name).toBe('Django images');
  });

  it('rejects a file name with a path in it', async () => {
    await expect(ciGenerator(tree, { name: '../evil' })).rejects.toThrow(
      /Invalid --name "..\/evil"/,
    );
    expect(tree.exists('.github')).toBe(false);
  });

  describe('--officialImagesCheck', () => {
    const runs = (job: { steps: { run?: string }[] }) =>
      job.steps.map((step) => step.run).filter((run): run is string => Boolean(run));

    it('is off by default: no schedule and no official-images job', async () => {
      await ciGenerator(tree, {});
      expect(workflow().on).not.toHaveProperty('schedule');
      expect(workflow().jobs).not.toHaveProperty('official-images');
      expect(workflow().jobs.images).not.toHaveProperty('if');
    });

    it('runs weekly and on demand, and leaves pushes and pull requests to the affected build', async () => {
      await ciGenerator(tree, { officialImagesCheck: true });
      const doc = workflow();
      expect(doc.on.schedule).toEqual([{ cron: '17 4 * * 1' }]);
      expect(doc.on).toHaveProperty('workflow_dispatch');
      expect(doc.on.push.branches).toEqual(['main']);
      expect(doc.jobs['official-images'].if).toBe(
        "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'",
      );
      expect(doc.jobs.images.if).toBe(
        "github.event_name == 'push' || github.event_name == 'pull_request'",
      );
    });

    it('builds every image with --pull, then starts and removes each stack with its volumes', async () => {
      await ciGenerator(tree, { officialImagesCheck: true });
      const [install, build, secrets, stacks] = runs(workflow().jobs['official-images']);
      expect(install).toBe('npm ci');
      expect(read('.github/workflows/docker-django.yml')).not.toMatch(/[&*]a\d/);
      expect(build).toBe('npx nx run-many -t compose-build --pull');
      expect(secrets).toContain("git ls-files '*compose.yaml'");
      expect(secrets).toContain('openssl rand -hex 32 > "$dir/secrets/$secret.txt"');
      expect(stacks.split('\n')).toEqual([
        'status=0',
        'for project in $(npx nx show projects --with-target compose-up); do',
        '  npx nx run "$project:compose-up" || status=1',
        '  npx nx run "$project:compose-down" --volumes || status=1',
        'done',
        'exit $status',
      ]);
    });

    it("uses the plugin's compose target names from nx.json and the build target it is given", async () => {
      tree.write(
        'nx.json',
        JSON.stringify({
          plugins: [
            { plugin: 'docker-django', options: { upTargetName: 'up', downTargetName: 'down' } },
          ],
        }),
      );
      await ciGenerator(tree, { officialImagesCheck: true, targetName: 'docker-build' });
      const [, build, , stacks] = runs(workflow().jobs['official-images']);
      expect(build).toBe('npx nx run-many -t docker-build --pull');
      expect(stacks).toContain('nx show projects --with-target up');
      expect(stacks).toContain('npx nx run "$project:down" --volumes');
    });
  });

  describe('with --registry', () => {
    const MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'";

    it('logs in from CI secrets, then pushes the affected images, on main-branch pushes only', async () => {
      await ciGenerator(tree, { registry: 'registry.example.com/team' });
      const steps = workflow().jobs.images.steps;
      const [login, push] = steps.slice(-2);
      expect(login).toEqual({
        name: 'Log in to the image registry',
        if: MAIN_PUSH,
        uses: 'docker/login-action@v3',
        with: {
          registry: 'registry.example.com',
          username: '${{ secrets.REGISTRY_USERNAME }}',
          password: '${{ secrets.REGISTRY_PASSWORD }}',
        },
      });
      expect(push.if).toBe(MAIN_PUSH);
      expect(push.env).toEqual({ DOCKER_DJANGO_REGISTRY: 'registry.example.com/team' });
      expect(push.run).toBe('npx nx affected -t compose-push --base=$NX_BASE --head=$NX_HEAD');
      // The build still comes first, for pull requests too.
      expect(steps.at(-3).run).toContain('nx affected -t compose-build');
    });

    it('uses the secret names and push target name it is given', async () => {
      tree.write(
        'nx.json',
        JSON.stringify({
          plugins: [{ plugin: 'docker-django', options: { pushTargetName: 'ship' } }],
        }),
      );
      await ciGenerator(tree, {
        registry: '127.0.0.1:5000',
        registryUsernameSecret: 'REG_USER',
        registryPasswordSecret: 'REG_TOKEN',
      });
      const [login, push] = workflow().jobs.images.steps.slice(-2);
      expect(login.with.username).toBe('${{ secrets.REG_USER }}');
      expect(login.with.password).toBe('${{ secrets.REG_TOKEN }}');
      expect(push.run).toContain('nx affected -t ship');
    });

    it('pushes nothing and logs in nowhere without --registry', async () => {
      await ciGenerator(tree, {});
      const text = read('.github/workflows/docker-django.yml');
      expect(text).not.toContain('login');
      expect(text).not.toContain('compose-push');
    });

    it.each([
      [{ registry: 'https://user:pw@registry.example.com' }, 'without a scheme'],
      [{ registry: 'user:pw@registry.example.com' }, 'docker login'],
      [
        { registry: 'r.example.com', registryPasswordSecret: 'my-token' },
        '--registryPasswordSecret',
      ],
    ])('refuses %j before writing anything', async (schema, message) => {
      await expect(ciGenerator(tree, schema)).rejects.toThrow(message);
      expect(tree.exists('.github/workflows/docker-django.yml')).toBe(false);
    });
  });
});

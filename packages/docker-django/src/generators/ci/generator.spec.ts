import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { ciGenerator } from './generator';

describe('ci generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

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
});

import { AggregateCreateNodesError, type CreateNodesContextV2 } from '@nx/devkit';
import { createNodesForFiles, hashStrings } from './light-deps';

describe('hashStrings', () => {
  it('tells lists apart that join to the same text', () => {
    expect(hashStrings(['ab', 'c'])).not.toBe(hashStrings(['a', 'bc']));
    expect(hashStrings(['a', 'b'])).toBe(hashStrings(['a', 'b']));
  });
});

describe('createNodesForFiles', () => {
  const context = { workspaceRoot: '/ws', nxJsonConfiguration: {} } as CreateNodesContextV2;

  it("returns each file's result in order", async () => {
    const results = await createNodesForFiles(
      (file) => ({ projects: { [file]: {} } }),
      ['a', 'b'],
      context,
    );
    expect(results.map(([file]) => file)).toEqual(['a', 'b']);
  });

  it('reports every failing file in one AggregateCreateNodesError, with the other results', async () => {
    const failing = createNodesForFiles(
      (file) => {
        if (file !== 'ok') throw new Error(`bad ${file}`);
        return {};
      },
      ['x', 'ok', 'y'],
      context,
    );
    await expect(failing).rejects.toBeInstanceOf(AggregateCreateNodesError);
    const error = (await failing.catch((e: unknown) => e)) as AggregateCreateNodesError;
    expect(error.errors.map(([file]) => file)).toEqual(['x', 'y']);
    expect(error.partialResults.map(([file]) => file)).toEqual(['ok']);
  });
});

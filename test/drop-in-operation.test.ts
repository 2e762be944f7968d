import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSeedState } from '../src/demo/seed.js';
import { connectStdio, textOf } from './helpers/mcp-stdio.js';
import { createTempProject } from './helpers/temp-project.js';

describe('adding a tool by dropping in a .graphql file', () => {
  it('regenerates, builds, and serves the new tool with the right schema', async () => {
    const project = createTempProject();
    project.write(
      'operations/providers/get-provider.graphql',
      [
        '# Get one care provider with their specialty and whether they take new patients.',
        'query GetProvider($id: ID!, $upcomingLimit: Int = 3) {',
        '  provider(id: $id) {',
        '    id',
        '    name',
        '    specialty',
        '    acceptingPatients',
        '    appointments(status: [SCHEDULED], limit: $upcomingLimit) {',
        '      id',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const codegen = await project.codegen();
    expect(codegen.stderr).toMatch(/codegen: wrote/);
    const build = await project.build();
    expect(build.stdout + build.stderr).toBe('');

    const session = await connectStdio({ cwd: project.root, entry: path.join(project.root, 'dist/src/main.js') });
    try {
      const { tools } = await session.client.listTools();
      const tool = tools.find((candidate) => candidate.name === 'get_provider');
      expect(tool, tools.map((t) => t.name).join(', ')).toBeDefined();
      expect(tool!.description).toBe('Get one care provider with their specialty and whether they take new patients.');
      expect(tool!.inputSchema.required).toEqual(['id']);
      const properties = tool!.inputSchema.properties as Record<string, Record<string, unknown>>;
      expect(properties.id).toMatchObject({ type: 'string', description: "The provider's id, e.g. prov-1." });
      expect(properties.upcomingLimit).toMatchObject({ default: 3, description: 'Maximum number of appointments to return (1-200).' });
      expect(tool!.annotations).toMatchObject({ readOnlyHint: true });

      const provider = createSeedState().providers[1];
      const result = await session.client.callTool({ name: 'get_provider', arguments: { id: provider.id } });
      expect(result.isError).toBeFalsy();
      expect(JSON.parse(textOf(result)).provider).toMatchObject({ id: provider.id, name: provider.name, specialty: provider.specialty });
    } finally {
      await session.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { tools } from '../generated/tools.js';
import { ToolCatalog } from '../src/tools/tool-catalog.js';
import { listEntryOf } from '../src/tools/tool-list.js';

describe('tool catalog listing', () => {
  const stored = tools.map(listEntryOf);

  it('answers tools/list from the precomputed entries when their fingerprints match', () => {
    const marked = stored.map((entry) => ({ ...entry, description: `precomputed: ${entry.description}` }));
    const listing = new ToolCatalog(tools, 'all', marked).listing(true);
    expect(listing.map((tool) => tool.description)).toEqual(marked.map((entry) => entry.description));
    expect(listing.every((tool) => !('fingerprint' in tool))).toBe(true);
  });

  it('converts the zod schemas itself for entries that are stale or missing', () => {
    const stale = stored.map((entry, index) => (index === 0 ? { ...entry, fingerprint: 'outdated', description: 'stale' } : entry));
    const listing = new ToolCatalog(tools, 'all', stale.slice(0, -1)).listing(true);
    expect(listing[0].description).toBe(tools[0].description);
    expect(listing.at(-1)).toEqual((({ fingerprint: _f, ...entry }) => entry)(listEntryOf(tools.at(-1)!)));
  });

  it('leaves out output schemas when asked, and mutation tools with MUTATIONS=none', () => {
    const listing = new ToolCatalog(tools, 'none', stored).listing(false);
    expect(listing.every((tool) => tool.outputSchema === undefined)).toBe(true);
    expect(listing.map((tool) => tool.name)).toEqual(tools.filter((tool) => tool.operationType === 'query').map((tool) => tool.name));
  });

  it('matches what codegen wrote to generated/tool-list.json', async () => {
    const { default: written } = await import('../generated/tool-list.json', { with: { type: 'json' } });
    expect(written).toEqual(stored);
  });
});

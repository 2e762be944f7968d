import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ToolDefinition } from '../../src/tools/tool-definition.js';
import { listEntryOf } from '../../src/tools/tool-list.js';

/** Writes tool-list.json next to a generated tools.ts: every tool's tools/list entry, precomputed. */
export async function writeToolList(toolsModule: string): Promise<string> {
  const { tools } = (await import(pathToFileURL(path.resolve(toolsModule)).href)) as { tools: readonly ToolDefinition<unknown, any>[] };
  const file = path.join(path.dirname(toolsModule), 'tool-list.json');
  writeFileSync(file, `${JSON.stringify(tools.map(listEntryOf), null, 2)}\n`);
  return file;
}

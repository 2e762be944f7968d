import { readFileSync } from 'node:fs';
import type { Tool } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Logger } from '../observability/logger.js';
import type { ToolDefinition } from './tool-definition.js';

/** A tools/list entry as the SDK would build it, plus the fingerprint of the definition it came from. */
export interface ListedTool extends Tool {
  fingerprint: string;
}

/**
 * The tools/list entry of a tool, with its JSON Schemas converted from zod the way the SDK does
 * (draft-07; the input side for arguments, the output side for results). Codegen writes these to
 * generated/tool-list.json so a server never converts a thousand schemas at start or per request.
 */
export function listEntryOf(tool: ToolDefinition<unknown, any>): ListedTool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: z.toJSONSchema(tool.inputSchema, { target: 'draft-7', io: 'input' }) as Tool['inputSchema'],
    outputSchema: z.toJSONSchema(tool.outputSchema, { target: 'draft-7', io: 'output' }) as Tool['outputSchema'],
    annotations: tool.annotations,
    execution: { taskSupport: 'forbidden' },
    fingerprint: tool.fingerprint,
  };
}

/**
 * The precomputed entries, or none when the file is missing or unreadable: the catalog then
 * converts the schemas itself, which is only slower.
 */
export function readToolList(file: string, logger: Logger): ListedTool[] {
  try {
    const list: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (Array.isArray(list)) return list as ListedTool[];
    logger.warn('tool list is not a JSON array: converting the tool schemas at start instead', { file });
  } catch (error) {
    logger.warn('no precomputed tool list: converting the tool schemas at start instead (run npm run codegen)', { file, error });
  }
  return [];
}

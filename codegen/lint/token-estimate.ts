import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHARACTERS_PER_TOKEN, toolTokens } from '../plugin/tool-tokens.js';

/** What the model reads about a tool in tools/list, as far as the estimate counts it. */
interface ListedTool {
  name: string;
  description: string;
  source?: string;
  inputJsonSchema(): Record<string, unknown>;
}

export interface ToolTokens {
  tool: string;
  /** The operation file, as generated/tools.ts records it. */
  source?: string;
  tokens: number;
  /** The JSON input schema counted, for saying where the tokens go. */
  inputSchema: Record<string, unknown>;
}

/**
 * Estimated tokens each generated tool costs the model's context: the characters of its name,
 * description and JSON input schema (exactly as tools/list serves it), divided by four; only the
 * characters-to-tokens ratio is approximate (real tokenizers differ by ±30%).
 */
export async function estimateToolTokens(toolsModule: string): Promise<ToolTokens[]> {
  const fromList = fromToolList(toolsModule);
  if (fromList) return fromList;
  // A fresh URL each time, so a long-running process (a watch loop) never reads a stale module.
  const url = `${pathToFileURL(path.resolve(toolsModule)).href}?lint=${Date.now()}`;
  const { tools } = (await import(url)) as { tools: readonly ListedTool[] };
  return tools.map((tool) => {
    const inputSchema = tool.inputJsonSchema();
    return { tool: tool.name, source: tool.source, tokens: toolTokens(tool.name, tool.description, inputSchema), inputSchema };
  });
}

/**
 * The same estimate from generated/tool-list.json, which npm run codegen writes just before the
 * lint runs.
 */
function fromToolList(toolsModule: string): ToolTokens[] | undefined {
  const file = path.join(path.dirname(path.resolve(toolsModule)), 'tool-list.json');
  if (!existsSync(file) || statSync(file).mtimeMs < statSync(path.resolve(toolsModule)).mtimeMs) return undefined;
  const list = JSON.parse(readFileSync(file, 'utf8')) as { name: string; description?: string; inputSchema: Record<string, unknown> }[];
  return list.map((tool) => ({ tool: tool.name, tokens: toolTokens(tool.name, tool.description ?? '', tool.inputSchema), inputSchema: tool.inputSchema }));
}

/** A compact table: one row per tool, then the total against its budget. */
export function formatTokenTable(rows: readonly ToolTokens[], budgets: { toolTokenBudget: number; totalTokenBudget: number }): string {
  const total = rows.reduce((sum, row) => sum + row.tokens, 0);
  const width = Math.max(5, ...rows.map((row) => row.tool.length));
  const line = (label: string, tokens: number, note = '') => `  ${label.padEnd(width)}  ${String(tokens).padStart(6)}${note}`;
  return [
    `tool tokens (estimated: name + description + JSON input schema, ~${CHARACTERS_PER_TOKEN} characters per token; budget ${budgets.toolTokenBudget} per tool):`,
    ...rows.map((row) => line(row.tool, row.tokens, row.tokens > budgets.toolTokenBudget ? '  over budget' : '')),
    line('total', total, `  of ${budgets.totalTokenBudget}`),
  ].join('\n');
}

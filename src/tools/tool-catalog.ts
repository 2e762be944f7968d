import type { Tool } from '@modelcontextprotocol/server';
import type { MutationMode } from '../config/config.js';
import type { ToolDefinition } from './tool-definition.js';
import { listEntryOf, type ListedTool } from './tool-list.js';

export type AnyToolDefinition = ToolDefinition<unknown, any>;

/**
 * The tools on offer, and their tools/list entries. The entries come from codegen's
 * generated/tool-list.json when it matches the definitions (by fingerprint), else are converted
 * from the zod schemas once. `npm run dev` replaces the tools when operations change, and every
 * server listening for changes re-registers and tells its client.
 */
export class ToolCatalog {
  private tools: readonly AnyToolDefinition[] = [];
  private precomputed = new Map<string, ListedTool>();
  private readonly listings = new Map<boolean, Tool[]>();
  private inputSchemas: Map<string, Record<string, unknown>> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    tools: readonly AnyToolDefinition[],
    private readonly mutations: MutationMode,
    precomputed: readonly ListedTool[] = [],
  ) {
    this.set(tools, precomputed);
  }

  current(): readonly AnyToolDefinition[] {
    return this.tools;
  }

  /** The tools/list answer, built once per version of the catalog. */
  listing(withOutputSchemas: boolean): Tool[] {
    let listing = this.listings.get(withOutputSchemas);
    if (!listing) {
      listing = this.tools.map((tool) => {
        const stored = this.precomputed.get(tool.name);
        const { fingerprint: _fingerprint, outputSchema, ...entry } = stored?.fingerprint === tool.fingerprint ? stored : listEntryOf(tool);
        return withOutputSchemas ? { ...entry, outputSchema } : entry;
      });
      this.listings.set(withOutputSchemas, listing);
    }
    return listing;
  }

  /** A tool's input JSON Schema as tools/list shows it, or undefined for a tool not on offer. */
  inputJsonSchema(name: string): Record<string, unknown> | undefined {
    this.inputSchemas ??= new Map(this.listing(false).map((entry) => [entry.name, entry.inputSchema]));
    return this.inputSchemas.get(name);
  }

  replace(tools: readonly AnyToolDefinition[], precomputed: readonly ListedTool[] = []): void {
    this.set(tools, precomputed);
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` after each replace; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(tools: readonly AnyToolDefinition[], precomputed: readonly ListedTool[]): void {
    this.tools = this.mutations === 'none' ? tools.filter((tool) => tool.operationType !== 'mutation') : tools;
    this.precomputed = new Map(precomputed.map((entry) => [entry.name, entry]));
    this.listings.clear();
    this.inputSchemas = undefined;
  }
}

import type { MutationMode } from './config.js';
import type { ToolDefinition } from './tool-definition.js';

export type AnyToolDefinition = ToolDefinition<unknown, any>;

/**
 * The tools on offer. Normally fixed at start; `npm run dev` replaces them when operations
 * change, and every server listening for changes re-registers and tells its client.
 */
export class ToolCatalog {
  private tools: readonly AnyToolDefinition[];
  private readonly listeners = new Set<() => void>();

  constructor(
    tools: readonly AnyToolDefinition[],
    private readonly mutations: MutationMode,
  ) {
    this.tools = this.offered(tools);
  }

  current(): readonly AnyToolDefinition[] {
    return this.tools;
  }

  replace(tools: readonly AnyToolDefinition[]): void {
    this.tools = this.offered(tools);
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` after each replace; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private offered(tools: readonly AnyToolDefinition[]): readonly AnyToolDefinition[] {
    return this.mutations === 'none' ? tools.filter((tool) => tool.operationType !== 'mutation') : tools;
  }
}

import type { LoggingLevel, McpServer, ServerContext } from '@modelcontextprotocol/server';
import { z } from 'zod';

/** What a tool handler gets from the SDK for its call: the request's signal, _meta and notify. */
export type ToolCallExtra = ServerContext;

const SEVERITY = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const satisfies readonly LoggingLevel[];
const SetLevelParams = z.object({ level: z.enum(SEVERITY) });

/**
 * MCP log and progress notifications to the client, sent on the request they belong to, so they
 * reach stateless HTTP clients too. Log messages go out only where the server offers logging
 * (see server.ts: a 2025-era stdio connection, which keeps the level its client sets).
 */
export class ClientNotifications {
  /**
   * Until the client sets a level, only warnings and worse: the spec leaves the default to the
   * server, and a message per successful call costs as much stdout as the result itself.
   */
  private level: LoggingLevel = 'warning';

  /** Installs logging/setLevel; an unknown level is refused with -32602 (the SDK's own answer is -32603). */
  offerLogging(server: McpServer): void {
    server.server.setRequestHandler('logging/setLevel', { params: SetLevelParams }, ({ level }) => {
      this.level = level;
      return {};
    });
  }

  async log(extra: ToolCallExtra, level: LoggingLevel, data: Record<string, unknown>): Promise<void> {
    if (SEVERITY.indexOf(level) < SEVERITY.indexOf(this.level)) return;
    // The SDK sends nothing when the server did not declare the logging capability.
    await extra.mcpReq.log(level, data, 'graphql-ops-mcp').catch(() => {});
  }

  /** A progress reporter for this call, or undefined when the client sent no progress token. */
  progressFor(extra: ToolCallExtra, total: number): ((progress: number, message: string) => Promise<void>) | undefined {
    const progressToken = extra.mcpReq._meta?.progressToken;
    if (progressToken === undefined) return undefined;
    // Awaited by the caller where order matters: a notification sent after the result is dropped by the client.
    return (progress, message) => extra.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress, total, message } }).catch(() => {});
  }
}

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema, type LoggingLevel, type ServerNotification, type ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';

export type ToolCallExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

const SEVERITY: LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/**
 * MCP log and progress notifications to the client. Notifications go out on the request they
 * belong to (extra.sendNotification), so they also reach clients of the stateless HTTP transport,
 * which has no standalone stream. The level the client sets with logging/setLevel is honoured.
 */
export class ClientNotifications {
  private level: LoggingLevel = 'info';

  constructor(server: McpServer) {
    server.server.setRequestHandler(SetLevelRequestSchema, async (request) => {
      this.level = request.params.level;
      return {};
    });
  }

  async log(extra: ToolCallExtra, level: LoggingLevel, data: Record<string, unknown>): Promise<void> {
    if (SEVERITY.indexOf(level) < SEVERITY.indexOf(this.level)) return;
    await extra.sendNotification({ method: 'notifications/message', params: { level, logger: 'graphql-ops-mcp', data } }).catch(() => {});
  }

  /** A progress reporter for this call, or undefined when the client sent no progress token. */
  progressFor(extra: ToolCallExtra, total: number): ((progress: number, message: string) => Promise<void>) | undefined {
    const progressToken = extra._meta?.progressToken;
    if (progressToken === undefined) return undefined;
    // Awaited by the caller where order matters: a notification sent after the result is dropped by the client.
    return (progress, message) => extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } }).catch(() => {});
  }
}

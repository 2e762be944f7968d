import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * Requests being answered by this process, so that a `notifications/cancelled` arriving in a
 * later POST (stateless HTTP: a different server instance) reaches the request it names. Without
 * sessions, a caller is told apart by address and key; a cancel can only reach requests of the
 * same caller, and only on the replica that serves them.
 */
export class InFlightRequests {
  private readonly transports = new Map<string, Transport>();

  track(caller: string, messages: readonly JSONRPCMessage[], transport: Transport): () => void {
    const keys = messages.flatMap((message) => ('method' in message && 'id' in message ? [key(caller, message.id)] : []));
    for (const entry of keys) this.transports.set(entry, transport);
    return () => {
      for (const entry of keys) if (this.transports.get(entry) === transport) this.transports.delete(entry);
    };
  }

  /** Hands each cancellation to the transport serving the request it names, which aborts it. */
  forwardCancellations(caller: string, messages: readonly JSONRPCMessage[]): void {
    for (const message of messages) {
      if (!('method' in message) || message.method !== 'notifications/cancelled') continue;
      const requestId = (message.params as { requestId?: string | number } | undefined)?.requestId;
      if (requestId === undefined) continue;
      this.transports.get(key(caller, requestId))?.onmessage?.(message);
    }
  }
}

function key(caller: string, id: string | number): string {
  return `${caller}\u0000${typeof id}:${id}`;
}

/**
 * Guards the stdio transport against one huge message. The SDK's stdio transport closes itself
 * (and the server exits) when a line outgrows its read buffer; this stream sits between stdin and
 * the transport, passes whole lines on, and drops a line over the limit while it streams in
 * (never holding it whole), reporting it instead: with a JSON-RPC error reply when the request's
 * id can be read from the line's start, and always with a log line. The server keeps serving.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Far above any sensible tool call, well under the SDK's 10 MB read buffer. */
export const STDIO_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
const HEAD_BYTES = 512;

export interface OversizedMessage {
  bytes: number;
  /** The JSON-RPC id, when the line's start reveals it at the top level. */
  id?: string | number;
}

export class StdioMessageLimit extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dropping?: { head: Buffer; bytes: number };

  constructor(
    private readonly maxBytes: number,
    private readonly onOversized: (message: OversizedMessage) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let rest = chunk;
    while (rest.length > 0) {
      const newline = rest.indexOf(0x0a);
      const piece = newline === -1 ? rest : rest.subarray(0, newline + 1);
      rest = newline === -1 ? Buffer.alloc(0) : rest.subarray(newline + 1);
      if (this.dropping) {
        this.dropping.bytes += piece.length;
      } else {
        this.pending.push(piece);
        this.pendingBytes += piece.length;
        if (this.pendingBytes > this.maxBytes) {
          this.dropping = { head: Buffer.concat(this.pending).subarray(0, HEAD_BYTES), bytes: this.pendingBytes };
          this.pending = [];
          this.pendingBytes = 0;
        }
      }
      if (newline === -1) break;
      if (this.dropping) {
        const { head, bytes } = this.dropping;
        this.dropping = undefined;
        this.onOversized({ bytes, id: topLevelId(head.toString('utf8')) });
      } else {
        this.push(Buffer.concat(this.pending));
        this.pending = [];
        this.pendingBytes = 0;
      }
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.pendingBytes > 0) this.push(Buffer.concat(this.pending));
    callback();
  }
}

/** The value of the top-level "id" member in the start of a JSON object, if it is there. */
export function topLevelId(head: string): string | number | undefined {
  let depth = 0;
  for (let index = 0; index < head.length; index++) {
    const char = head[index];
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    else if (char === '"') {
      const string = /^"(?:[^"\\]|\\.)*"/.exec(head.slice(index));
      if (!string) return undefined;
      if (depth === 1 && string[0] === '"id"') {
        const value = /^\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)(?=\s*[,}])/.exec(head.slice(index + string[0].length));
        if (value) return JSON.parse(value[1]) as string | number;
      }
      index += string[0].length - 1;
    }
  }
  return undefined;
}

/** The JSON-RPC error line for a request that was too large. */
export function tooLargeReply(message: OversizedMessage, maxBytes: number): string {
  return `${JSON.stringify({
    jsonrpc: '2.0',
    id: message.id,
    error: {
      code: -32600,
      message: `Request too large: the message is ${message.bytes} bytes, over this server's limit of ${maxBytes} bytes for one stdio message. Send smaller arguments.`,
    },
  })}\n`;
}

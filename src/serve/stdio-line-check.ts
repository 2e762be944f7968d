import { Transform, type TransformCallback } from 'node:stream';

/**
 * Sits between stdin and the SDK's stdio transport, which skips a line that is not JSON without
 * a word. Such a line gets the JSON-RPC answer the spec gives it (-32700, id null) and a log line
 * (without its content, which may hold personal data); every other line passes unchanged.
 */
export function checkedStdin(input: NodeJS.ReadableStream, reply: (message: string) => void, log: (bytes: number) => void): Transform {
  let pending = '';
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const text = pending + chunk.toString('utf8');
      const end = text.lastIndexOf('\n');
      pending = text.slice(end + 1);
      if (end === -1) return done();
      const passed: string[] = [];
      for (const line of text.slice(0, end).split('\n')) {
        if (isJson(line)) passed.push(line);
        else {
          log(Buffer.byteLength(line));
          reply(`${JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: a line on stdin is not JSON; send one JSON-RPC message per line' } })}\n`);
        }
      }
      done(null, passed.length ? `${passed.join('\n')}\n` : undefined);
    },
  });
  input.pipe(check);
  return check;
}

function isJson(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '') return true; // the SDK ignores blank lines
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

/** What a tools/list answer costs a client: bytes, and an estimate of tokens for the model. */
export interface ToolsListPayload {
  tools: number;
  bytes: number;
  bytesPerTool: number;
  /** ~4 characters per token, the usual rule of thumb for English and JSON (no tokenizer is exact for every model). */
  tokensPerTool: number;
  /** Share of the bytes taken by input schemas, output schemas and everything else (name, title, description, annotations). */
  share: { input: number; output: number; rest: number };
}

export const CHARS_PER_TOKEN = 4;

/** Measures a raw `tools/list` response line. */
export function analyzeToolsList(responseLine: string): ToolsListPayload {
  const { result } = JSON.parse(responseLine) as { result: { tools: Record<string, unknown>[] } };
  const tools = result.tools;
  const bytes = Buffer.byteLength(JSON.stringify(tools));
  let input = 0;
  let output = 0;
  for (const tool of tools) {
    input += Buffer.byteLength(JSON.stringify(tool.inputSchema ?? null));
    if (tool.outputSchema) output += Buffer.byteLength(JSON.stringify(tool.outputSchema));
  }
  return {
    tools: tools.length,
    bytes,
    bytesPerTool: bytes / tools.length,
    tokensPerTool: bytes / tools.length / CHARS_PER_TOKEN,
    share: { input: input / bytes, output: output / bytes, rest: (bytes - input - output) / bytes },
  };
}

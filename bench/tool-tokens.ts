/**
 * What each tool costs a model's context, for the shipped demo, the 1,000 GitHub operations and a
 * Linear-style filter API: tokens of name + description + input JSON Schema exactly as tools/list
 * serves them (generated/tool-list.json of a real `npm run codegen`), and the plugin's time per
 * tool (each operation through the plugin alone, in this process).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, parse } from 'graphql';
import type { ScalarMapping } from '../codegen/make-config.js';
import { plugin } from '../codegen/plugin/mcp-tools-plugin.js';
import { toolTokens } from '../codegen/plugin/tool-tokens.js';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { projectRoot, scratchPath, tsxCli } from './paths.js';
import { markdownTable } from './table.js';
import { percentile } from './stats.js';

const execFileAsync = promisify(execFile);

export interface TokenSet {
  label: string;
  schemaFile: string;
  /** Relative path under operations/ -> text. */
  operations: Record<string, string>;
  scalars?: Record<string, ScalarMapping>;
}

export interface ToolCost {
  tool: string;
  tokens: number;
  /** The plugin's time for this operation alone, ms. */
  pluginMs: number;
}

export interface TokenResult {
  label: string;
  tools: ToolCost[];
  /** Wall time of the whole `npm run codegen` for the set, ms. */
  codegenMs: number;
  /** Tools whose input codegen pruned to fit the budget (its warnings), with what was left out. */
  pruned: string[];
}

/** Runs codegen on each set and measures every tool. */
export async function measureToolTokens(sets: readonly TokenSet[], log: (line: string) => void): Promise<TokenResult[]> {
  const results: TokenResult[] = [];
  for (const set of sets) {
    const dir = path.join(scratchPath('tokens'), set.label.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
    rmSync(dir, { recursive: true, force: true });
    for (const [file, text] of Object.entries(set.operations)) {
      mkdirSync(path.dirname(path.join(dir, 'operations', file)), { recursive: true });
      writeFileSync(path.join(dir, 'operations', file), text);
    }
    const configFile = path.join(dir, 'codegen.config.ts');
    writeFileSync(
      configFile,
      [
        `import { makeCodegenConfig } from ${JSON.stringify(path.join(projectRoot, 'codegen/make-config.ts'))};`,
        `export default makeCodegenConfig(${JSON.stringify({ schema: set.schemaFile, operations: path.join(dir, 'operations'), outputDir: path.join(dir, 'generated'), scalars: set.scalars ?? {} })});`,
      ].join('\n'),
    );
    const started = performance.now();
    let stderr: string;
    try {
      ({ stderr } = await execFileAsync(process.execPath, [tsxCli, 'codegen/run.ts', '--config', configFile], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 }));
    } catch (error) {
      throw new Error(`codegen for ${set.label} failed: ${((error as { stderr?: string }).stderr ?? (error as Error).message).slice(0, 4000)}`);
    }
    const codegenMs = performance.now() - started;
    const listed = JSON.parse(readFileSync(path.join(dir, 'generated/tool-list.json'), 'utf8')) as { name: string; description?: string; inputSchema: unknown }[];
    const pluginMs = pluginTimes(set);
    const pruned = [...stderr.matchAll(/: (\w+): (\$\w+ \(\w+, [\d,]+ tokens whole\)) offers .*?; left out: (.*?)\. Choose instead/g)].map(
      ([, tool, variable, leftOut]) => `${tool} ${variable}: left out ${leftOut}`,
    );
    results.push({
      label: set.label,
      codegenMs,
      pruned,
      tools: listed.map((tool) => ({ tool: tool.name, tokens: toolTokens(tool.name, tool.description ?? '', tool.inputSchema), pluginMs: pluginMs.get(tool.name) ?? NaN })),
    });
    log(`  ${set.label}: ${listed.length} tools, codegen ${(codegenMs / 1000).toFixed(1)} s`);
  }
  return results;
}

/** Each operation through the plugin alone: its time, by tool name. */
function pluginTimes(set: TokenSet): Map<string, number> {
  const schema = buildSchema(readFileSync(set.schemaFile, 'utf8'));
  const config = {
    scalarSchemas: Object.fromEntries(Object.entries(set.scalars ?? {}).map(([name, mapping]) => [name, mapping.schema])),
    warn: () => {},
  };
  const times = new Map<string, number>();
  for (const [file, text] of Object.entries(set.operations)) {
    const document = parse(text);
    const started = performance.now();
    const code = plugin(schema, [{ location: file, document }], config) as string;
    const ms = performance.now() - started;
    const name = /name: "([^"]+)"/.exec(code)?.[1];
    if (name) times.set(name, ms);
  }
  return times;
}

/** The operations of a folder, recursively: relative path -> text. */
export function operationsIn(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]),
  );
}

/** Summary per set: median, p90, max tokens; the biggest tool; plugin time per tool. */
export function tokenSummary(result: TokenResult) {
  const tokens = result.tools.map((tool) => tool.tokens).sort((a, b) => a - b);
  const times = result.tools.map((tool) => tool.pluginMs).filter(Number.isFinite).sort((a, b) => a - b);
  const biggest = [...result.tools].sort((a, b) => b.tokens - a.tokens)[0];
  return {
    tools: tokens.length,
    median: percentile(tokens, 50),
    p90: percentile(tokens, 90),
    max: tokens.at(-1) ?? 0,
    biggest: biggest?.tool ?? '',
    pluginMedianMs: percentile(times, 50),
    pluginMaxMs: times.at(-1) ?? NaN,
  };
}

/** The scalar mappings a codegen config gives our plugin (TypeScript types and zod schemas). */
export function scalarsOf(config: CodegenConfig): Record<string, ScalarMapping> {
  const outputs = Object.values(config.generates) as { config?: { scalars?: Record<string, string>; scalarSchemas?: Record<string, string> } }[];
  const types = outputs.find((output) => output.config?.scalars)?.config?.scalars ?? {};
  const schemas = outputs.find((output) => output.config?.scalarSchemas)?.config?.scalarSchemas ?? {};
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, { type: types[name] ?? 'string', schema }]));
}

/** One markdown table: a row per set, and the tools of the Linear-style set one by one. */
export function tokensReport(results: readonly TokenResult[]): string {
  const rows = results.map((result) => {
    const summary = tokenSummary(result);
    return [
      result.label,
      String(summary.tools),
      String(summary.median),
      String(summary.p90),
      `${summary.max} (${summary.biggest})`,
      summary.pluginMedianMs.toFixed(1),
      summary.pluginMaxMs.toFixed(1),
      (result.codegenMs / 1000).toFixed(1),
      String(result.pruned.length),
    ];
  });
  const perTool = results.flatMap((result) =>
    result.tools.length > 12 ? [] : result.tools.map((tool) => [`${result.label}: ${tool.tool}`, '1', String(tool.tokens), '', '', tool.pluginMs.toFixed(1), '', '', '']),
  );
  const table = markdownTable(
    ['tools', 'count', 'median tokens', 'p90 tokens', 'max tokens', 'plugin ms per tool (median)', 'plugin ms (max)', 'npm run codegen s', 'pruned to fit'],
    [...rows, ...perTool],
  );
  const pruned = results.flatMap((result) => result.pruned.map((line) => `- ${result.label}: ${line}`));
  return pruned.length > 0 ? `${table}\n\nPruned by default to fit the 1,000-token budget (codegen's warnings):\n\n${pruned.join('\n')}` : table;
}

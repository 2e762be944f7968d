import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { listEntryOf, type ListedTool } from '../src/tools/tool-list.js';
import { trustedDocumentsManifest } from '../src/upstream/trusted-documents.js';
import type { ToolDefinition } from '../src/tools/tool-definition.js';
import type { Diagnostic } from './diagnostics.js';
import { InProcessCodegen, type GeneratedOutput } from './generate-in-process.js';
import { resolveLintOptions } from './lint/lint-options.js';
import { OperationsLoader } from './load-operations.js';
import { withToolTokenBudget } from './make-config.js';
import type { OperationFile } from './operation-checks.js';
import type { ProjectConfig } from './project-config.js';
import { unmappedScalars } from './scalar-report.js';
import { loadToolsFromSource } from './tools-module.js';
import { writeFileAtomic } from './write-file-atomic.js';

export type CodegenResult =
  | { ok: false; diagnostics: Diagnostic[] }
  | {
      ok: true;
      schema: GraphQLSchema;
      files: OperationFile[];
      tools: readonly ToolDefinition<unknown, any>[];
      list: ListedTool[];
      toolsFile: string;
      /** Advice that does not stop codegen (unmapped custom scalars), printed as warnings. */
      warnings: Diagnostic[];
    };

/** The folder scratch modules go to (never generated/, which CI compares with git). */
export const SCRATCH_DIR = path.resolve('node_modules/.cache/graphql-ops-mcp');

/**
 * `npm run codegen` in one process, as one object a long-running process keeps: check every
 * operation (OperationsLoader), generate the tools module in memory (InProcessCodegen), load its
 * tools (esbuild, no project build), then write generated/. `npm run dev` calls `tools()` to swap
 * the tools into the server first and `write()` afterwards; `npm run codegen` calls both once.
 */
export class CodegenPipeline {
  private readonly loader = new OperationsLoader();
  private readonly generator: InProcessCodegen;
  private readonly toolsFile: string;
  /** tools.ts as `tools()` generated it last, for `write()`. */
  private lastTools?: GeneratedOutput;

  constructor(readonly project: ProjectConfig) {
    // The lint's per-tool token budget is also the plugin's (over budget fails codegen unless @mcp(tokenBudget) raises it).
    const toolTokenBudget = resolveLintOptions(project.lint, path.basename(project.configFile), () => {})?.toolTokenBudget;
    this.generator = new InProcessCodegen(withToolTokenBudget(project.codegen, toolTokenBudget));
    const toolsFile = this.generator.filenames().find((file) => path.basename(file) === 'tools.ts');
    if (!toolsFile) throw new Error(`${path.relative(process.cwd(), project.configFile)} has no tools.ts output: build it with makeCodegenConfig (see codegen.ts)`);
    this.toolsFile = toolsFile;
  }

  /** Checks, then builds the tools in memory. Nothing is written. */
  async tools(): Promise<CodegenResult> {
    const { schema, files, diagnostics } = this.loader.load(this.project.schemaFile, this.project.operationsDir);
    if (diagnostics.length > 0 || !schema) return { ok: false, diagnostics };
    // The plugin's own scalar warnings would repeat the report below, with less detail; the rest pass.
    const warn = (message: string) => {
      if (!message.startsWith('custom scalar ')) process.stderr.write(`warning: ${message}\n`);
    };
    const [output] = await this.generator.generate(schema, files, (file) => file === this.toolsFile, { warn });
    const tools = await loadToolsFromSource(output.content, this.toolsFile, SCRATCH_DIR);
    this.lastTools = output;
    const mapped = new Set(Object.keys((this.generator.configOf(this.toolsFile).scalarSchemas ?? {}) as Record<string, string>));
    const warnings = unmappedScalars(schema, files, mapped, path.relative(process.cwd(), this.project.configFile));
    return { ok: true, schema, files, tools, list: tools.map(listEntryOf), toolsFile: this.toolsFile, warnings };
  }

  /**
   * Writes every output of the config (typed documents, tools.ts) and tool-list.json, each only when
   * its content changed. Returns the files written or confirmed.
   */
  async write(result: Extract<CodegenResult, { ok: true }>): Promise<string[]> {
    const others = await this.generator.generate(result.schema, result.files, (file) => file !== this.toolsFile);
    const outputs = [...others, this.lastTools!];
    const outputDir = path.dirname(this.toolsFile);
    outputs.push({ filename: path.join(outputDir, 'tool-list.json'), content: `${JSON.stringify(result.list, null, 2)}\n` });
    // What an API that accepts only known operations allowlists (src/upstream/trusted-documents.ts).
    const manifest = trustedDocumentsManifest(result.tools.map((tool) => tool.query));
    outputs.push({ filename: path.join(outputDir, 'trusted-documents.json'), content: `${JSON.stringify(manifest, null, 2)}\n` });
    for (const output of outputs) {
      if (!existsSync(output.filename) || readFileSync(output.filename, 'utf8') !== output.content) writeFileAtomic(output.filename, output.content);
    }
    return outputs.map((output) => output.filename);
  }
}

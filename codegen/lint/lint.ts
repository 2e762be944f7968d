import type { GraphQLSchema } from 'graphql';
import { diagnosticAt, relativeToProject, type Diagnostic } from '../diagnostics.js';
import { resolveLintOptions } from './lint-options.js';
import { lintOperations } from './lint-operations.js';
import { checkOperationFiles, type OperationFile } from '../operation-checks.js';
import { estimateToolTokens, formatTokenTable } from './token-estimate.js';
import { readMcpOptions } from '../plugin/mcp-directive.js';
import { formatVariableCost, variableCosts } from '../plugin/tool-tokens.js';

export interface LintInput {
  schema: GraphQLSchema;
  files: readonly OperationFile[];
  /** generated/tools.ts as just written, for the token estimate. */
  toolsModule?: string;
  /** The `lint` export of the codegen config, unchecked. */
  options: unknown;
  /** The codegen config's file name, for messages about its settings. */
  configName?: string;
}

/**
 * `npm run codegen`'s operation lint, run after the tools were written: prints warnings
 * (`file:line:column: warning: ...`) and the token table to stderr. Never fails codegen: even a
 * bug in the lint ends as one warning.
 */
export async function runLint(input: LintInput, write: (text: string) => void = (text) => process.stderr.write(text)): Promise<void> {
  const settings: string[] = []; // about the lint settings
  const lines: string[] = []; // about the operations and tools
  try {
    const options = resolveLintOptions(input.options, input.configName ?? 'codegen.ts', (message) => settings.push(`warning: ${message}`));
    if (!options) return;
    const warnings: Diagnostic[] = lintOperations(input.schema, input.files, options);
    let table: string | undefined;
    if (input.toolsModule) {
      try {
        const rows = await estimateToolTokens(input.toolsModule);
        const { tools } = checkOperationFiles(input.files);
        for (const row of rows) {
          if (row.tokens <= options.toolTokenBudget) continue;
          const tool = tools.find((candidate) => candidate.toolName === row.tool);
          // Codegen fails a tool over its budget, so this one raised its own with @mcp(tokenBudget).
          const ownBudget = tool ? readMcpOptions(tool.operation, input.schema, tool.location).options.operation.tokenBudget : undefined;
          const variables = variableCosts(row.inputSchema);
          const costs = variables.slice(0, 3).map((cost) => formatVariableCost(cost));
          const typed = variables.filter((cost) => cost.types.length > 0).map((cost) => `$${cost.variable}`);
          warnings.push(
            diagnosticAt(
              tool?.location ?? row.source ?? relativeToProject(input.toolsModule),
              tool?.operation,
              `tool ${row.tool} costs about ${row.tokens} tokens (name, description and input schema), over the project's budget of ${options.toolTokenBudget}` +
                `${ownBudget ? ` (allowed by its @mcp(tokenBudget: ${ownBudget}))` : ''}` +
                `${costs.length > 0 ? `; most go to ${costs.join('; ')}` : ''}: ` +
                (typed.length > 0
                  ? `choose what the model sees with @mcp(fields: [...]) on ${typed.slice(0, 2).join(' and ')} (README "Big input types")`
                  : 'shorten its description and variable comments, or take fewer variables'),
            ),
          );
        }
        const total = rows.reduce((sum, row) => sum + row.tokens, 0);
        if (total > options.totalTokenBudget) {
          lines.push(
            `warning: the ${rows.length} tools together cost about ${total} tokens, over the total budget of ${options.totalTokenBudget}: ` +
              'offer fewer tools (every tool is in the model\'s context on every turn) or shorten their descriptions',
          );
        }
        table = formatTokenTable(rows, options);
      } catch (error) {
        lines.push(`warning: could not estimate token counts from ${relativeToProject(input.toolsModule)}: ${(error as Error).message}`);
      }
    }
    warnings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    lines.unshift(...warnings.map(formatWarning));
    if (table) lines.push(table);
  } catch (error) {
    lines.push(`warning: the operation lint failed (${(error as Error).message}); the generated code is not affected`);
  }
  const output = [...settings, ...lines];
  if (output.length > 0) write(`${output.join('\n')}\n`);
}

export function formatWarning(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: warning: ${diagnostic.message}`;
}

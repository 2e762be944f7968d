/**
 * Decides what a tool offers of each variable's type and checks the tool against its token
 * budget: the whole type when it fits, the author's choice when `@mcp(fields, depth)` says, else
 * the default pruning (default-pruning.ts). Over budget after that is an error that names the
 * variables and types the tokens go to and how to choose instead.
 */
import { getNamedType, isInputObjectType, type GraphQLInputObjectType, type GraphQLInputType } from 'graphql';
import { DEFAULT_DEPTH, minimalShape, pruneToFit } from './default-pruning.js';
import { selectionFromPaths, type NamedShape, type ObjectShape, type ShapeBuilder } from './input-shape.js';
import { toolInputJsonSchema, type JsonSchema, type JsonVariable } from './json-schema-emitter.js';
import type { McpOptions } from './mcp-directive.js';
import { formatVariableCost, toolTokens, variableCosts } from './tool-tokens.js';

export interface ToolInputVariable {
  name: string;
  type: GraphQLInputType;
  description?: string;
  defaultValue?: { value: unknown };
}

export interface ToolInputPlan {
  variables: JsonVariable[];
  jsonSchema: JsonSchema;
  tokens: number;
  budget: number;
  /** What default pruning did, one line per variable, for a codegen warning. */
  pruned: string[];
  /** Set when the tool is over its budget: the error message. */
  overBudget?: string;
}

export interface ToolInputContext {
  toolName: string;
  description: string;
  mcp: McpOptions;
  /** The project's per-tool budget (codegen.ts lint.toolTokenBudget). */
  projectBudget: number;
  builder: ShapeBuilder;
  customScalar: (name: string) => JsonSchema;
}

export function planToolInput(variables: readonly ToolInputVariable[], context: ToolInputContext): ToolInputPlan {
  const { builder, mcp } = context;
  const budget = mcp.operation.tokenBudget ?? context.projectBudget;
  const planned: JsonVariable[] = variables.map((variable) => {
    const named = getNamedType(variable.type);
    const chosen = mcp.variables.get(variable.name);
    let shape: NamedShape = builder.full(named);
    if (isInputObjectType(named) && chosen && (chosen.fields || chosen.depth !== undefined)) {
      shape = builder.selected(named, chosen.fields ? selectionFromPaths(chosen.fields) : 'all', chosen.depth ?? DEFAULT_DEPTH);
    }
    return { ...variable, shape };
  });
  const measure = (candidate: readonly JsonVariable[]) => {
    const jsonSchema = toolInputJsonSchema(candidate, context.customScalar);
    return { jsonSchema, tokens: toolTokens(context.toolName, context.description, jsonSchema) };
  };
  let result = measure(planned);
  const pruned: string[] = [];
  if (result.tokens > budget) {
    const fullCosts = new Map(variableCosts(result.jsonSchema).map((cost) => [cost.variable, cost]));
    // Variables nobody chose for, biggest first; prune as few as it takes.
    const prunable = planned
      .map((variable, index) => ({ variable, index, type: getNamedType(variable.type) }))
      .filter((entry): entry is typeof entry & { type: GraphQLInputObjectType } => isInputObjectType(entry.type) && !mcp.variables.get(entry.variable.name)?.fields && mcp.variables.get(entry.variable.name)?.depth === undefined)
      .sort((a, b) => (fullCosts.get(b.variable.name)?.tokens ?? 0) - (fullCosts.get(a.variable.name)?.tokens ?? 0));
    for (let count = 1; count <= prunable.length && result.tokens > budget; count++) {
      const trial = [...planned];
      const chosen = prunable.slice(0, count);
      for (const entry of chosen) trial[entry.index] = { ...entry.variable, shape: minimalShape(entry.type, builder) };
      const notes: string[] = [];
      for (const entry of chosen) {
        const fits = (shape: ObjectShape) => {
          trial[entry.index] = { ...entry.variable, shape };
          return measure(trial).tokens <= budget;
        };
        const outcome = pruneToFit(entry.type, builder, fits);
        trial[entry.index] = { ...entry.variable, shape: outcome.shape };
        const full = fullCosts.get(entry.variable.name)?.tokens ?? 0;
        notes.push(
          `$${entry.variable.name} (${entry.type.name}, ${full.toLocaleString('en-US')} tokens whole) offers ${outcome.kept.length} of its ${outcome.kept.length + outcome.leftOut.length} fields ` +
            `(recursion ${DEFAULT_DEPTH} level): ${outcome.kept.join(', ') || 'none'}; left out: ${abbreviate(outcome.leftOut)}`,
        );
      }
      const trialResult = measure(trial);
      if (trialResult.tokens <= budget || count === prunable.length) {
        result = trialResult;
        planned.splice(0, planned.length, ...trial);
        pruned.splice(0, pruned.length, ...notes);
      }
    }
  }
  const plan: ToolInputPlan = { variables: planned, ...result, budget, pruned };
  if (result.tokens > budget) plan.overBudget = overBudgetMessage(plan, context);
  return plan;
}

function overBudgetMessage(plan: ToolInputPlan, context: ToolInputContext): string {
  const costs = variableCosts(plan.jsonSchema);
  const descriptionTokens = Math.ceil(context.description.length / 4);
  const where = [...costs.slice(0, 3).map((cost) => formatVariableCost(cost)), `description ${descriptionTokens.toLocaleString('en-US')} tokens`];
  const inputObjects = new Set(plan.variables.filter((variable) => isInputObjectType(getNamedType(variable.type))).map((variable) => variable.name));
  const biggest = costs.find((cost) => inputObjects.has(cost.variable));
  const advice = biggest
    ? `choose what the model sees with @mcp(fields: ["…"], depth: 1) on $${biggest.variable}`
    : 'shorten the description and variable comments, or take fewer variables';
  return (
    `tool ${context.toolName} costs about ${plan.tokens.toLocaleString('en-US')} tokens, over its budget of ${plan.budget.toLocaleString('en-US')}` +
    `${plan.pruned.length > 0 ? ' even with default pruning' : ''}: ${where.join('; ')}. ` +
    `To fix: ${advice}, or accept the size with @mcp(tokenBudget: ${roundUp(plan.tokens)}) on the ${'operation'}` +
    ' (see README "Big input types")'
  );
}

function roundUp(tokens: number): number {
  return Math.ceil(tokens / 100) * 100;
}

function abbreviate(names: readonly string[], shown = 12): string {
  if (names.length === 0) return 'none';
  return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

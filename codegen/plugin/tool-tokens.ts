/**
 * How many tokens a tool costs the model's context: the characters of its name, description and
 * JSON input schema at about four a token (real tokenizers differ by up to a third either way),
 * and which variables and input types those tokens go to, for advice that points at the cost.
 */
export const CHARACTERS_PER_TOKEN = 4;

type JsonSchema = Record<string, unknown>;

export function toolTokens(name: string, description: string, inputSchema: unknown): number {
  return Math.ceil((name.length + description.length + JSON.stringify(inputSchema).length) / CHARACTERS_PER_TOKEN);
}

export interface VariableCost {
  variable: string;
  tokens: number;
  /** Definitions this variable brings in first, biggest first. */
  types: { name: string; tokens: number }[];
}

/** Tokens per variable: its property plus the definitions it reaches that no earlier variable did. */
export function variableCosts(inputSchema: JsonSchema): VariableCost[] {
  const properties = (inputSchema.properties ?? {}) as Record<string, JsonSchema>;
  const defs = (inputSchema.$defs ?? {}) as Record<string, JsonSchema>;
  const counted = new Set<string>();
  return Object.entries(properties)
    .map(([variable, property]) => {
      const types: { name: string; tokens: number }[] = [];
      const pending = refsIn(property);
      while (pending.length > 0) {
        const name = pending.pop()!;
        if (counted.has(name) || !defs[name]) continue;
        counted.add(name);
        types.push({ name, tokens: tokensOf(defs[name]) });
        pending.push(...refsIn(defs[name]));
      }
      types.sort((a, b) => b.tokens - a.tokens);
      return { variable, tokens: tokensOf(property) + types.reduce((sum, type) => sum + type.tokens, 0), types };
    })
    .sort((a, b) => b.tokens - a.tokens);
}

/** "$filter 3,100 tokens (IssueFilter 900, StringComparator 310, 12 more types 1,400)". */
export function formatVariableCost(cost: VariableCost, shown = 4): string {
  const named = cost.types.slice(0, shown).map((type) => `${type.name} ${type.tokens.toLocaleString('en-US')}`);
  const rest = cost.types.slice(shown);
  if (rest.length > 0) {
    named.push(`${rest.length} more type${rest.length === 1 ? '' : 's'} ${rest.reduce((sum, type) => sum + type.tokens, 0).toLocaleString('en-US')}`);
  }
  return `$${cost.variable} ${cost.tokens.toLocaleString('en-US')} tokens${named.length > 0 ? ` (${named.join(', ')})` : ''}`;
}

function tokensOf(value: unknown): number {
  return Math.ceil(JSON.stringify(value).length / CHARACTERS_PER_TOKEN);
}

function refsIn(value: unknown): string[] {
  const found: string[] = [];
  const text = JSON.stringify(value);
  for (const match of text.matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)) found.push(match[1]);
  return found;
}

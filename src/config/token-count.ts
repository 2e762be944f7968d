/**
 * Tokens estimated the way the operation lint estimates them (codegen/lint/token-estimate.ts):
 * about four characters of English or JSON per token across common tokenizers (±30%).
 */
export const CHARACTERS_PER_TOKEN = 4;

export function estimateTokens(characters: number): number {
  return Math.ceil(characters / CHARACTERS_PER_TOKEN);
}

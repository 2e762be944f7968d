import { TokenKind, type Token } from 'graphql';

/**
 * The `#` comment block directly above a token: consecutive comment lines ending on the line just
 * before it, with no blank line between. Comments are not in the GraphQL AST, only in the token
 * chain, so we walk `prev` from the node's first token.
 */
export function commentBlockAbove(token: Token | undefined): string | undefined {
  const lines: string[] = [];
  let expectedLine = token ? token.line - 1 : 0;
  let current = token?.prev ?? null;
  while (current && current.kind === TokenKind.COMMENT && current.line === expectedLine) {
    lines.unshift((current.value ?? '').replace(/^ /, '').trimEnd());
    expectedLine -= 1;
    current = current.prev;
  }
  const text = lines.join('\n').trim();
  return text.length > 0 ? text : undefined;
}

/**
 * The `#` comment on the lines right before a token inside a list (e.g. before a variable in the
 * variable list), stopping at any non-comment token. Trailing comments on the previous item's line
 * belong to that item, so they are skipped.
 */
export function commentBefore(token: Token | undefined): string | undefined {
  const lines: string[] = [];
  let current = token?.prev ?? null;
  while (current && current.kind === TokenKind.COMMENT) {
    const ownLine = current.prev === null || current.prev.line !== current.line;
    if (ownLine) lines.unshift((current.value ?? '').replace(/^ /, '').trimEnd());
    current = current.prev;
  }
  const text = lines.join('\n').trim();
  return text.length > 0 ? text : undefined;
}

import path from 'node:path';
import type { ASTNode } from 'graphql';

/** A problem in an operation file, printed compiler-style so editors can jump to it. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function diagnosticAt(file: string, node: ASTNode | undefined, message: string): Diagnostic {
  const start = node?.loc?.startToken;
  return { file: relativeToProject(file), line: start?.line ?? 1, column: start?.column ?? 1, message };
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: error: ${diagnostic.message}`;
}

export function relativeToProject(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return (relative.startsWith('..') ? file : relative).split(path.sep).join('/');
}

/** Thrown when operations cannot become tools; its message lists every problem. */
export class OperationsError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} in operations:\n` +
        diagnostics.map(formatDiagnostic).join('\n'),
    );
    this.name = 'OperationsError';
  }
}

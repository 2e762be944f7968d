import type { Diagnostic } from '../diagnostics.js';
import type { SchemaChange } from './schema-changes.js';
import type { ImpactReport } from './tool-impact.js';

export interface ReportHeader {
  /** Where the old and the new schema came from (file or URL). */
  oldSchema: string;
  newSchema: string;
}

/** The report `npm run check` prints: per tool what breaks and what is dangerous, then the rest. */
export function formatImpactReport(report: ImpactReport, header: ReportHeader): string {
  const changes = [...report.tools.flatMap((tool) => [...tool.breaking, ...tool.dangerous]), ...report.unused, ...report.unmatched];
  const distinct = new Set(changes);
  const breakingCount = [...distinct].filter((change) => change.severity === 'breaking').length;
  const lines = [
    `Schema check: ${header.oldSchema} -> ${header.newSchema}`,
    `${report.tools.length} tool(s); ${breakingCount} breaking and ${distinct.size - breakingCount} dangerous schema change(s)`,
    '',
  ];

  for (const tool of report.tools.filter((impact) => impact.status !== 'ok')) {
    lines.push(`${tool.status === 'breaking' ? 'BREAKING' : 'dangerous'}  ${tool.tool}  (${tool.file})`);
    lines.push(...tool.breaking.map((change) => `  breaking:  ${changeText(change)}`));
    lines.push(...tool.invalid.map((diagnostic) => `  invalid:   ${diagnosticText(diagnostic)}`));
    lines.push(...tool.dangerous.map((change) => `  dangerous: ${changeText(change)}`));
    lines.push('');
  }
  const ok = report.tools.filter((impact) => impact.status === 'ok').map((impact) => impact.tool);
  if (ok.length > 0) lines.push(`ok  ${ok.join(', ')}`, '');

  if (report.unused.length > 0) {
    lines.push('Changes no tool uses:');
    lines.push(...report.unused.map((change) => `  ${change.severity}: ${changeText(change)}`), '');
  }
  if (report.unmatched.length > 0) {
    lines.push('Changes that could not be matched to tools (unrecognised wording; check them by hand):');
    lines.push(...report.unmatched.map((change) => `  ${change.severity}: ${changeText(change)}`), '');
  }
  lines.push(verdict(report));
  return `${lines.join('\n')}\n`;
}

/** The same, for the schema-sync workflow: stable keys, every detail. */
export function impactReportJson(report: ImpactReport, header: ReportHeader): string {
  const { breaks, tools, unused, unmatched } = report;
  return `${JSON.stringify({ breaks, ...header, tools, unused, unmatched }, null, 2)}\n`;
}

function verdict(report: ImpactReport): string {
  const breaking = report.tools.filter((tool) => tool.status === 'breaking').map((tool) => tool.tool);
  const dangerous = report.tools.filter((tool) => tool.status === 'dangerous').map((tool) => tool.tool);
  const unmatchedBreaking = report.unmatched.filter((change) => change.severity === 'breaking').length;
  const parts: string[] = [];
  if (breaking.length > 0) {
    parts.push(
      `Result: ${breaking.length} tool(s) break: ${breaking.join(', ')}. ` +
        'Update their operations for the new schema (after saving it, npm run codegen points at each problem) or remove them.',
    );
  }
  if (unmatchedBreaking > 0) parts.push(`${breaking.length > 0 ? '' : 'Result: '}${unmatchedBreaking} breaking change(s) could not be matched to tools and may break some.`);
  if (parts.length === 0) parts.push('Result: no tool breaks.');
  if (dangerous.length > 0) parts.push(`Dangerous changes affect ${dangerous.join(', ')}: review them.`);
  return parts.join(' ');
}

function changeText(change: SchemaChange): string {
  return `${change.description} [${change.type}]`;
}

function diagnosticText(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`;
}

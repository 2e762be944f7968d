import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError, Kind, parse, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import { diagnosticAt, relativeToProject, type Diagnostic } from './diagnostics.js';
import { fragmentsUsedBy } from './plugin/descriptions.js';
import { readMcpOptions, schemaWithMcpDirective } from './plugin/mcp-directive.js';
import { checkOperationFiles, type OperationFile } from './operation-checks.js';
import { loadSchemaFile } from './schema/schema-source.js';

export interface LoadedOperations {
  schema?: GraphQLSchema;
  files: OperationFile[];
  diagnostics: Diagnostic[];
}

/**
 * Reads the schema and every operation file and reports, all at once, everything that would stop
 * them becoming tools: syntax errors, schema validation errors (unknown fields, wrong variable
 * types), and the tool rules. Codegen would stop at the first problem with less context.
 */
export function loadAndCheckOperations(schemaFile: string, operationsDir: string): LoadedOperations {
  return new OperationsLoader().load(schemaFile, operationsDir);
}

interface ParsedFile {
  source: string;
  document?: DocumentNode;
  diagnostic?: Diagnostic;
}

/**
 * The same check, for a process that runs it again and again (`npm run dev`): the schema is
 * parsed again only when its file changed, an operation file only when its text changed, and a
 * file is validated again only when it, the schema or the fragments changed.
 */
export class OperationsLoader {
  private schemaCache?: { file: string; source: string; schema?: GraphQLSchema; withMcp?: GraphQLSchema; diagnostics: Diagnostic[] };
  private readonly parsed = new Map<string, ParsedFile>();
  private readonly validated = new Map<string, { key: string; diagnostics: Diagnostic[] }>();
  private validationContext = '';
  private schemaVersion = 0;

  load(schemaFile: string, operationsDir: string): LoadedOperations {
    const diagnostics: Diagnostic[] = [];
    const schema = this.loadSchema(schemaFile, diagnostics);
    const files: OperationFile[] = [];
    const listed = listGraphqlFiles(operationsDir);
    for (const known of this.parsed.keys()) if (!listed.includes(known)) this.parsed.delete(known);
    for (const file of listed) {
      const parsed = this.parse(file);
      if (parsed.document) files.push({ location: file, document: parsed.document });
      if (parsed.diagnostic) diagnostics.push(parsed.diagnostic);
    }
    if (files.length === 0 && diagnostics.length === 0) {
      diagnostics.push({
        file: relativeToProject(operationsDir),
        line: 1,
        column: 1,
        message: 'no .graphql operation files found: add one query or mutation per file (see README "Add a tool")',
      });
    }
    const checked = checkOperationFiles(files);
    diagnostics.push(...checked.diagnostics);
    if (schema) {
      // Validation results hold while the schema and every fragment stay as they were.
      const context = `${this.schemaVersion}\n${[...checked.fragments.keys()].sort().map((name) => this.fragmentSource(files, name)).join('\n')}`;
      if (context !== this.validationContext) {
        this.validated.clear();
        this.validationContext = context;
      }
      for (const file of files) diagnostics.push(...this.validate(schema, file, checked.fragments));
    }
    diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    return { schema, files, diagnostics: dedupe(diagnostics) };
  }

  private loadSchema(schemaFile: string, diagnostics: Diagnostic[]): GraphQLSchema | undefined {
    let source: string;
    try {
      source = readFileSync(schemaFile, 'utf8');
    } catch {
      source = '';
    }
    if (this.schemaCache?.file !== schemaFile || this.schemaCache.source !== source || source === '') {
      const loaded = loadSchemaFile(schemaFile);
      this.schemaVersion++;
      // Operations may use our @mcp directive: they are validated against the schema plus its declaration.
      const withMcp = loaded.schema ? schemaWithMcpDirective(loaded.schema) : undefined;
      this.schemaCache = { file: schemaFile, source, schema: loaded.schema, withMcp, diagnostics: loaded.diagnostics };
    }
    diagnostics.push(...this.schemaCache.diagnostics);
    return this.schemaCache.schema;
  }

  private parse(file: string): ParsedFile {
    const source = readFileSync(file, 'utf8');
    const cached = this.parsed.get(file);
    if (cached?.source === source) return cached;
    let parsed: ParsedFile;
    try {
      parsed = { source, document: parse(source, { noLocation: false }) };
    } catch (error) {
      parsed = { source, diagnostic: fromGraphQLError(file, error) };
    }
    this.parsed.set(file, parsed);
    return parsed;
  }

  private validate(schema: GraphQLSchema, file: OperationFile, fragments: Map<string, FragmentDefinitionNode>): Diagnostic[] {
    const key = this.parsed.get(file.location)?.source ?? '';
    const cached = this.validated.get(file.location);
    if (cached?.key === key) return cached.diagnostics;
    const diagnostics = validate(this.schemaCache!.withMcp!, withFragmentsFromOtherFiles(file.document, fragments)).map((error) => fromGraphQLError(file.location, error));
    if (diagnostics.length === 0) {
      for (const definition of file.document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION) diagnostics.push(...readMcpOptions(definition, schema, file.location).diagnostics);
      }
    }
    this.validated.set(file.location, { key, diagnostics });
    return diagnostics;
  }

  private fragmentSource(files: OperationFile[], name: string): string {
    const file = files.find((candidate) => candidate.document.definitions.some((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name));
    return file ? `${file.location}:${this.parsed.get(file.location)?.source}` : name;
  }
}

/** A file may spread fragments defined in other files; validate it with those it uses. */
function withFragmentsFromOtherFiles(document: DocumentNode, fragments: Parameters<typeof fragmentsUsedBy>[1]): DocumentNode {
  const own = new Set(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])));
  const borrowed = document.definitions
    .flatMap((definition) => fragmentsUsedBy(definition, fragments))
    .filter((fragment, index, all) => !own.has(fragment.name.value) && all.indexOf(fragment) === index);
  return borrowed.length === 0 ? document : { ...document, definitions: [...document.definitions, ...borrowed] };
}

function listGraphqlFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((entry) => entry.endsWith('.graphql') || entry.endsWith('.gql'))
      .map((entry) => path.join(dir, entry))
      .sort();
  } catch {
    return [];
  }
}

function fromGraphQLError(file: string, error: unknown): Diagnostic {
  if (error instanceof GraphQLError) {
    const location = error.locations?.[0];
    return { file: relativeToProject(file), line: location?.line ?? 1, column: location?.column ?? 1, message: error.message };
  }
  return diagnosticAt(file, undefined, error instanceof Error ? error.message : String(error));
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

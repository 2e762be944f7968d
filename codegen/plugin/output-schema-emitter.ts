import {
  Kind,
  getNamedType,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLEnumType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { BUILT_IN_SCALARS } from './built-in-scalars.js';

export interface OutputSchemaEmitterOptions {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Zod for custom scalars as they come back from the API. */
  scalarOutputSchemas: Record<string, string>;
  /** Shared enum constants (the same ones the input schemas use). */
  enumSchema(type: GraphQLEnumType): string;
}

/** A response key with every field node that fills it and whether it may be absent. */
interface CollectedField {
  nodes: FieldNode[];
  type: GraphQLOutputType;
  /** Only present for some runtime types, or under @include/@skip. */
  optional: boolean;
}

/**
 * Zod for what an operation returns: follows the selection set (aliases, fragments, inline
 * fragments) over the schema's types, with their nullability, lists and enums. Fields that only
 * some runtime types of an interface or union have are optional.
 */
export class OutputSchemaEmitter {
  constructor(private readonly options: OutputSchemaEmitterOptions) {}

  forSelection(selectionSet: SelectionSetNode, rootType: GraphQLCompositeType): string {
    return this.object(selectionSet, rootType);
  }

  private object(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): string {
    const fields = new Map<string, CollectedField>();
    this.collect(selectionSet, parentType, false, fields);
    const entries = [...fields.entries()].map(([key, field]) => {
      const expression = this.value(field.type, field.nodes);
      return `${JSON.stringify(key)}: ${field.optional ? `${expression}.optional()` : expression}`;
    });
    return `z.object({ ${entries.join(', ')} })`;
  }

  private collect(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, optional: boolean, into: Map<string, CollectedField>): void {
    for (const selection of selectionSet.selections) {
      const conditional = optional || (selection.directives ?? []).some((d) => d.name.value === 'include' || d.name.value === 'skip');
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const type = this.fieldType(parentType, selection.name.value);
        if (!type) continue; // validation has already rejected unknown fields
        const existing = into.get(key);
        if (existing) {
          existing.nodes.push(selection);
          existing.optional &&= conditional;
        } else {
          into.set(key, { nodes: [selection], type, optional: conditional });
        }
        continue;
      }
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? this.options.fragments.get(selection.name.value) : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition
        ? (typeFromAST(this.options.schema, fragment.typeCondition) as GraphQLCompositeType | undefined)
        : parentType;
      if (!condition) continue;
      this.collect(fragment.selectionSet, condition, conditional || !this.alwaysApplies(condition, parentType), into);
    }
  }

  /** A fragment on the parent type itself, or on an interface every possible parent implements, always applies. */
  private alwaysApplies(condition: GraphQLCompositeType, parentType: GraphQLCompositeType): boolean {
    if (condition === parentType) return true;
    if (!isAbstractType(condition)) return false;
    const possible = isAbstractType(parentType) ? this.options.schema.getPossibleTypes(parentType) : [parentType];
    return possible.every((type) => isObjectType(type) && this.options.schema.isSubType(condition, type));
  }

  private fieldType(parentType: GraphQLCompositeType, fieldName: string): GraphQLOutputType | undefined {
    if (fieldName === '__typename') return this.options.schema.getType('String') as GraphQLOutputType;
    if (isObjectType(parentType) || 'getFields' in parentType) {
      return (parentType as { getFields(): Record<string, { type: GraphQLOutputType }> }).getFields()[fieldName]?.type;
    }
    return undefined;
  }

  private value(type: GraphQLOutputType, nodes: FieldNode[]): string {
    if (isNonNullType(type)) return this.nonNull(type.ofType, nodes);
    return `${this.nonNull(type, nodes)}.nullable()`;
  }

  private nonNull(type: GraphQLOutputType, nodes: FieldNode[]): string {
    if (isListType(type)) return `z.array(${this.value(type.ofType, nodes)})`;
    const named = getNamedType(type);
    if (isScalarType(named)) {
      if (nodes[0]?.name.value === '__typename') return 'z.string()';
      const mapped = BUILT_IN_SCALARS[named.name] ?? this.options.scalarOutputSchemas[named.name];
      if (mapped) return mapped;
      // Unmapped (codegen warns): any JSON value, but say so rather than hand the model a bare {}.
      const meaning = named.description ? ` ${named.description.trim()}` : '';
      return `z.unknown().describe(${JSON.stringify(`Custom scalar ${named.name}, not mapped in codegen.ts: any JSON value.${meaning}`)})`;
    }
    if (isEnumType(named)) return this.options.enumSchema(named);
    // An object, interface or union: merge the sub-selections of every node for this key.
    const selections = nodes.flatMap((node) => node.selectionSet?.selections ?? []);
    return this.object({ kind: Kind.SELECTION_SET, selections }, named as GraphQLCompositeType);
  }
}

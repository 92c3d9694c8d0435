import {
  ColumnDefinitionNode,
  DataTypeNode,
  GeneratedNode,
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

/**
 * The migrations declare columns as SQLite knows them. On PostgreSQL the same declarations
 * must mean the same thing: SQLite's INTEGER is 64-bit (PostgreSQL's `integer` is 32), and
 * `integer primary key autoincrement` is a row id the database assigns (an identity column
 * there, which still takes explicit ids, as a copy from SQLite gives).
 */
class SchemaTransformer extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const column = super.transformColumnDefinition(node);
    if (!DataTypeNode.is(column.dataType)) return column;
    // SQLite's BLOB is PostgreSQL's bytea (stored_files, ADR 054)
    if (column.dataType.dataType === "blob") {
      return ColumnDefinitionNode.cloneWith(
        { ...column, dataType: DataTypeNode.create("bytea") },
        {},
      );
    }
    if (column.dataType.dataType !== "integer") return column;
    return ColumnDefinitionNode.cloneWith(
      { ...column, dataType: DataTypeNode.create("bigint") },
      column.autoIncrement
        ? {
            autoIncrement: false,
            generated: GeneratedNode.create({ identity: true, byDefault: true }),
          }
        : {},
    );
  }
}

export class PostgresSchemaPlugin implements KyselyPlugin {
  readonly #transformer = new SchemaTransformer();

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (node.kind !== "CreateTableNode" && node.kind !== "AlterTableNode") return node;
    return this.#transformer.transformNode(node);
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

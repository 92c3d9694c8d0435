export interface Column {
  label: string;
  /** a column of figures, set right-aligned (`num`) */
  numeric?: boolean;
}

/** A table's header row: one column header each, figures aligned like their cells. */
export function ColumnHeads({ columns }: { columns: ReadonlyArray<Column | null> }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) =>
          column ? (
            // a fixed list of columns: its order is its identity
            <th key={index} scope="col" className={column.numeric ? "num" : undefined}>
              {column.label}
            </th>
          ) : null,
        )}
      </tr>
    </thead>
  );
}

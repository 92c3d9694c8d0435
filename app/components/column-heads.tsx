export interface Column {
  label: string;
  /** a column of figures, set right-aligned (`num`) */
  numeric?: boolean;
}

/**
 * A table's header row: one column header each, figures aligned like their cells. A plain
 * string is a text column; null leaves out a column the viewer does not get.
 */
export function ColumnHeads({ columns }: { columns: ReadonlyArray<string | Column | null> }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => {
          if (column === null) return null;
          const { label, numeric } = typeof column === "string" ? { label: column } : column;
          return (
            // a fixed list of columns: its order is its identity
            <th key={index} scope="col" className={numeric ? "num" : undefined}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

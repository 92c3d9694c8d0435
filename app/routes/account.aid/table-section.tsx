import type { ReactNode } from "react";

/** A titled section holding one table of the person's aid: its headings, then its rows. */
export function TableSection({
  titleId,
  title,
  testId,
  columns,
  children,
}: {
  titleId: string;
  title: string;
  testId: string;
  /** the column headings; amounts (`numeric`) align right */
  columns: Array<{ label: string; numeric?: boolean }>;
  children: ReactNode;
}) {
  return (
    <section className="section" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.numeric ? "num" : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

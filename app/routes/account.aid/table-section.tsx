import type { ReactNode } from "react";

/** A titled section holding one table of the person's aid: its headings, then its rows. */
export function TableSection({
  titleId,
  title,
  testId,
  headings,
  amountHeading,
  children,
}: {
  titleId: string;
  title: string;
  testId: string;
  headings: string[];
  /** the last column's heading: the amounts, aligned right */
  amountHeading: string;
  children: ReactNode;
}) {
  return (
    <section className="section" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            {headings.map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
            <th scope="col" className="num">
              {amountHeading}
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

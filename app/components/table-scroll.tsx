import type { ReactNode } from "react";

/**
 * A wide table scrolls sideways inside this box on a phone, so the page never gets wider
 * than the screen. The box takes keyboard focus and has a name, so people without a mouse
 * can scroll it too and hear what it holds.
 */
export function TableScroll({
  children,
  ...name
}: { children: ReactNode } & ({ labelledBy: string } | { label: string })) {
  return (
    <div
      className="table-scroll"
      role="region"
      tabIndex={0}
      aria-labelledby={"labelledBy" in name ? name.labelledBy : undefined}
      aria-label={"label" in name ? name.label : undefined}
    >
      {children}
    </div>
  );
}

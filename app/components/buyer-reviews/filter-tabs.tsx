import { Link } from "@remix-run/react";

/** Plain links that filter a list (`?show=…`); the current one is marked. */
export function FilterTabs({
  current,
  tabs,
  label,
}: {
  current: string;
  tabs: Array<{ value: string; label: string }>;
  label: string;
}) {
  return (
    <nav className="filter-tabs" aria-label={label}>
      {tabs.map((tab) => (
        <Link
          key={tab.value}
          to={`?show=${tab.value}`}
          aria-current={tab.value === current ? "page" : undefined}
          className="button button--small button--ghost"
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

// The report page's own styles: a sheet on screen, and on paper nothing but the report.

/** A4 portrait, nothing but the report on paper. */
export const PRINT_CSS = `
.report__sheet { background: #fff; border: 1px solid var(--line); border-radius: var(--radius); padding: 1.2rem 1.4rem; }
.report__title { text-align: center; margin: 0 0 0.2rem; }
.report__sub { text-align: center; color: var(--muted); margin: 0 0 1rem; }
.report__state { margin: 0 0 1rem; }
.report__totals { width: 100%; border-collapse: collapse; margin: 0 0 1rem; }
.report__totals th, .report__totals td { border: 1px solid var(--line); padding: 0.35rem 0.6rem; text-align: left; }
.report__totals td { text-align: right; font-variant-numeric: tabular-nums; }
.report__grid { display: grid; gap: 0 1.2rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 900px) { .report__grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
.report__grid section { break-inside: avoid; }
.report__grid h2 { font-size: 1.05rem; margin: 1rem 0 0.3rem; }
.report .dash-table { width: 100%; }
.report__signatures { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1.6rem 2rem; margin: 2rem 0 1rem; break-inside: avoid; }
.report__signatures div { border-bottom: 1px solid var(--ink); padding-top: 1.8rem; font-size: 0.95rem; }
.report__source { color: var(--muted); font-size: 0.85rem; }
.report__tools { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin: 0 0 1rem; }
.report__tools .field { margin: 0; }
@media print {
  @page { size: A4 portrait; margin: 14mm 12mm; }
  body { background: #fff; font-size: 10.5pt; line-height: 1.45; }
  .site-header, .site-footer, .skip-link, .office-nav, .no-print { display: none !important; }
  .page { max-width: none; padding: 0; margin: 0; }
  .report__sheet { border: 0; padding: 0; }
  .report__grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .table-scroll { overflow: visible; }
  .table-scroll .certs, .table-scroll .dash-table { min-width: 0; }
  a { color: inherit; text-decoration: none; }
}
`;

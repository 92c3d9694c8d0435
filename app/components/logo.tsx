/** Mountain over water: the plateau and the coast, joined. */
export function Logo({ size = 36 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <rect width="48" height="48" rx="12" fill="#2563a8" />
      <path d="M6 30 L18 13 L25 23 L30 17 L42 30 Z" fill="#fff" />
      <path d="M18 13 L21.5 18 L18 17 L15 19 Z" fill="#d9a425" />
      <path
        d="M6 35 q6 -4 12 0 t12 0 t12 0"
        stroke="#d9a425"
        strokeWidth="3"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}

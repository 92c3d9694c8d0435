// The code lives in ./page-frame.tsx (one browser chunk with page titles and the error page).
export { useHydrated } from "./page-frame";

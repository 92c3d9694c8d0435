// The code lives in ~/utils/page-frame.tsx (one browser chunk with page titles and useHydrated).
export { GeneralErrorBoundary } from "~/utils/page-frame";

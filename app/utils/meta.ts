// The code lives in ./page-frame.tsx (one browser chunk with the error page and useHydrated).
export { errorTitleKey, localeOf, NOINDEX, pageMeta, translatorFor } from "./page-frame";

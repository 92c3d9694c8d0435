// The code lives in ~/utils/page-frame.tsx (one browser chunk with the rest every page runs).
export { type LooseT, useLooseTranslation, useMessage } from "~/utils/page-frame";

import { store } from "./en/store";
import type { Messages } from "./zh-CN";

const en: Messages = { ...store };

export default en;

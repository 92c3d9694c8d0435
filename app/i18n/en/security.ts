import type { Shape } from "../shape";
import type { security as zh } from "../zh-CN/security";

export const security: Shape<typeof zh> = {
  controlCharacters:
    "This held invisible control characters (often from copying and pasting); we removed them, so please check it and send it again.",
  unreadableCharacters:
    "This held characters that could not be read (the text was damaged on the way); we removed them, so please check it and send it again.",
};

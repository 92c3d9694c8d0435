import { describe, expect, it } from "vitest";
import { createI18n, resources, serverI18n } from "./i18n";

// One module instance for the whole file, as in one browser tab: the order of the tests matters.
describe("message catalogues, loaded on demand", () => {
  it("loads only the language asked for (the browser's case)", async () => {
    const i18n = await createI18n("en");
    expect(i18n.t("layout.skipToContent")).toBe(resources.en?.translation.layout.skipToContent);
    expect(i18n.t("layout.skipToContent")).not.toBe("layout.skipToContent");
    expect(Object.keys(resources)).toEqual(["en"]);
  });

  it("has every language on the server, whichever one the request reads", async () => {
    const i18n = await serverI18n("zh-CN");
    expect(Object.keys(resources).sort()).toEqual(["en", "zh-CN"]);
    expect(i18n.t("layout.skipToContent")).toBe(
      resources["zh-CN"]?.translation.layout.skipToContent,
    );
    expect(await serverI18n("zh-CN")).toBe(i18n);
  });
});

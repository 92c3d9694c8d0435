import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createUser } from "#tests/factories/users";
import { DomainError } from "../errors";
import { addressSchema, type AddressInput } from "./address-input";
import {
  createAddress,
  deleteAddress,
  getAddress,
  listAddresses,
  MAX_ADDRESSES,
  setDefaultAddress,
  updateAddress,
} from "./addresses.server";

let db: DB;
let cleanup: () => Promise<void>;
let me: number;
let other: number;
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  me = await createUser(db);
  other = await createUser(db);
});
afterEach(() => cleanup());

/** 江苏省 南京市 雨花台区 unless told otherwise. */
const input = (over: Partial<AddressInput> = {}): AddressInput => ({
  recipient: "王小明",
  phone: "13812345678",
  provinceCode: "32",
  cityCode: "3201",
  districtCode: "320114",
  street: "软件大道 101 号",
  isDefault: false,
  ...over,
});

const defaults = async (userId: number) =>
  (await listAddresses(db, userId)).filter((a) => a.isDefault).map((a) => a.id);

describe("the address book", () => {
  it("stores the region's names with its codes; the first address is the default", async () => {
    const id = await createAddress(db, me, input());
    const saved = await getAddress(db, me, id);
    expect(saved).toMatchObject({
      province: "江苏省",
      city: "南京市",
      district: "雨花台区",
      districtCode: "320114",
      isDefault: true,
    });
  });

  it("keeps one default: a new default takes over, and the index refuses a second", async () => {
    const first = await createAddress(db, me, input());
    const second = await createAddress(db, me, input({ street: "中山路 1 号" }));
    expect(await defaults(me)).toEqual([first]);
    const third = await createAddress(db, me, input({ street: "汉中路 2 号", isDefault: true }));
    expect(await defaults(me)).toEqual([third]);
    await setDefaultAddress(db, me, second);
    expect(await defaults(me)).toEqual([second]);
    // the database itself refuses two defaults, whatever the code does
    await expect(
      db.updateTable("addresses").set({ is_default: 1 }).where("id", "=", first).execute(),
    ).rejects.toThrow(/UNIQUE|duplicate key/);
    // another person's default is their own
    const theirs = await createAddress(db, other, input());
    expect(await defaults(other)).toEqual([theirs]);
    expect(await defaults(me)).toEqual([second]);
  });

  it("updates an address, moving the default when asked, keeping it when unticked", async () => {
    const first = await createAddress(db, me, input());
    const second = await createAddress(db, me, input({ street: "中山路 1 号" }));
    await updateAddress(db, me, first, input({ street: "北京东路 9 号", isDefault: false }));
    expect((await getAddress(db, me, first)).street).toBe("北京东路 9 号");
    expect(await defaults(me)).toEqual([first]);
    await updateAddress(db, me, second, input({ districtCode: "320115", isDefault: true }));
    expect(await defaults(me)).toEqual([second]);
    expect((await getAddress(db, me, second)).district).toBe("江宁区");
  });

  it("deleting the default hands it to the newest address left", async () => {
    const first = await createAddress(db, me, input());
    await createAddress(db, me, input({ street: "中山路 1 号" }));
    const third = await createAddress(db, me, input({ street: "汉中路 2 号" }));
    await deleteAddress(db, me, first);
    expect(await defaults(me)).toEqual([third]);
    expect((await listAddresses(db, me)).length).toBe(2);
  });

  it("never reads, changes or deletes another person's address", async () => {
    const theirs = await createAddress(db, other, input());
    await expect(getAddress(db, me, theirs)).rejects.toMatchObject({ status: 404 });
    await expect(updateAddress(db, me, theirs, input())).rejects.toMatchObject({ status: 404 });
    await expect(setDefaultAddress(db, me, theirs)).rejects.toMatchObject({ status: 404 });
    await expect(deleteAddress(db, me, theirs)).rejects.toMatchObject({ status: 404 });
    expect((await listAddresses(db, other)).length).toBe(1);
  });

  it("refuses a district outside the city and writes nothing", async () => {
    // 玄武区 (320102) is Nanjing's, not Suzhou's (3205)
    const refused = createAddress(db, me, input({ cityCode: "3205", districtCode: "320102" }));
    await expect(refused).rejects.toMatchObject({ code: "accountBook.errors.district" });
    await expect(createAddress(db, me, input({ provinceCode: "33" }))).rejects.toMatchObject({
      field: "cityCode",
    });
    expect(await listAddresses(db, me)).toEqual([]);
  });

  it("stops at the limit with a message", async () => {
    for (let i = 0; i < MAX_ADDRESSES; i++) await createAddress(db, me, input());
    const error = await createAddress(db, me, input()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "accountBook.errors.full", status: 409 });
  });
});

describe("the address form", () => {
  it("normalises the phone, reads the checkbox, and names each bad field", () => {
    const ok = addressSchema.parse({
      recipient: " 王小明 ",
      phone: "+86 138-1234-5678",
      provinceCode: "32",
      cityCode: "3201",
      districtCode: "320114",
      street: "软件大道 101 号",
      isDefault: "1",
    });
    expect(ok).toMatchObject({ recipient: "王小明", phone: "13812345678", isDefault: true });
    const bad = addressSchema.safeParse({ recipient: "", phone: "123", provinceCode: "x" });
    expect(bad.success).toBe(false);
    const fields = new Set(bad.error!.issues.map((i) => i.path[0]));
    expect([...fields].sort()).toEqual(
      ["cityCode", "districtCode", "phone", "provinceCode", "recipient", "street"].sort(),
    );
  });
});

import type { Role } from "../schema";

/** Demo accounts, one per role; their passwords are printed in the README. */
export const demoAccounts: Array<{
  login: string;
  name: string;
  password: string;
  role: Role;
  cooperatives?: string[];
}> = [
  {
    login: "admin@shanhai.demo",
    name: "平台管理员 周敏",
    password: "shanhai-admin-2026",
    role: "admin",
  },
  {
    login: "aid@shanhai.demo",
    name: "帮扶办 陈立",
    password: "shanhai-aid-2026",
    role: "aid_officer",
  },
  {
    login: "yak@shanhai.demo",
    name: "朔北牦牛合作社 马成林",
    password: "shanhai-coop-2026",
    role: "coop_manager",
    cooperatives: ["shuobei-yak-coop"],
  },
  {
    login: "milk@shanhai.demo",
    name: "牧歌乳业 李慧",
    password: "shanhai-coop-2026",
    role: "coop_manager",
    cooperatives: ["huangzhong-muge-dairy", "duoba-strawberry-coop"],
  },
  { login: "13800000000", name: "南京市民 王小明", password: "shanhai-shop-2026", role: "shopper" },
  // buys for 南京市雨花台区机关事务管理中心 when the demo history is seeded (demo-orders.ts)
  {
    login: "buyer@shanhai.demo",
    name: "钱晓东",
    password: "shanhai-buy-2026",
    role: "shopper",
  },
];

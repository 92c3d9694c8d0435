// The two Nanjing places the article names (ADR 046): the first 绿色有机青海专柜 and the
// Qinghai consumption-aid experience hall. Addresses, hours and phone numbers are the demo's
// own; each counter starts with a shelf of certified goods, as counters sell certified
// goods only (domain.md).
export interface DemoCounter {
  slug: string;
  nameZh: string;
  nameEn: string;
  addressZh: string;
  addressEn: string;
  districtZh: string;
  districtEn: string;
  hoursZh: string;
  hoursEn: string;
  mapUrl: string;
  phone: string;
  /** product slug → units on the shelf */
  stock: Record<string, number>;
  staff: { login: string; name: string; password: string };
}

export const demoCounters: DemoCounter[] = [
  {
    slug: "green-organic-qinghai-counter",
    nameZh: "绿色有机青海专柜",
    nameEn: "Green Organic Qinghai Counter",
    addressZh: "江苏省南京市秦淮区中山南路 88 号 1 层",
    addressEn: "1F, 88 Zhongshan South Road, Qinhuai District, Nanjing",
    districtZh: "秦淮区",
    districtEn: "Qinhuai District",
    hoursZh: "每天 9:00–21:00",
    hoursEn: "Daily 9:00–21:00",
    mapUrl:
      "https://uri.amap.com/search?keyword=%E7%BB%BF%E8%89%B2%E6%9C%89%E6%9C%BA%E9%9D%92%E6%B5%B7%E4%B8%93%E6%9F%9C&city=320100",
    phone: "025-8451 2016",
    stock: {
      "fresh-milk": 24,
      "set-yogurt": 18,
      "dried-morels": 12,
      "yak-shank": 10,
      "yak-jerky": 40,
      "barley-rice": 30,
      "rapeseed-oil": 16,
      "aged-vinegar": 20,
    },
    staff: {
      login: "counter@shanhai.demo",
      name: "专柜店员 刘洋",
      password: "shanhai-counter-2026",
    },
  },
  {
    slug: "qinghai-experience-hall",
    nameZh: "青海消费帮扶南京生活体验馆",
    nameEn: "Qinghai Consumption-Aid Experience Hall, Nanjing",
    addressZh: "江苏省南京市雨花台区软件大道 168 号",
    addressEn: "168 Software Avenue, Yuhuatai District, Nanjing",
    districtZh: "雨花台区",
    districtEn: "Yuhuatai District",
    hoursZh: "周二至周日 10:00–20:00（周一闭馆）",
    hoursEn: "Tue–Sun 10:00–20:00 (closed Mondays)",
    mapUrl:
      "https://uri.amap.com/search?keyword=%E9%9D%92%E6%B5%B7%E6%B6%88%E8%B4%B9%E5%B8%AE%E6%89%B6%E5%8D%97%E4%BA%AC%E7%94%9F%E6%B4%BB%E4%BD%93%E9%AA%8C%E9%A6%86&city=320100",
    phone: "025-5266 0711",
    stock: {
      "yak-jerky": 30,
      "tibetan-mutton-ribs": 8,
      "maya-broad-beans": 40,
      "barley-noodles": 50,
      "potato-vermicelli": 25,
      "rapeseed-oil": 12,
      "dried-morels": 6,
    },
    staff: {
      login: "hall@shanhai.demo",
      name: "体验馆店员 韩梅",
      password: "shanhai-counter-2026",
    },
  },
];

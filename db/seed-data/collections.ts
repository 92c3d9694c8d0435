export const collections = [
  {
    slug: "green-organic-qinghai",
    certifiedOnly: true,
    nameZh: "绿色有机青海专柜",
    nameEn: "Green & Organic Qinghai Counter",
    introZh:
      "只上架持有绿色食品或有机产品认证、并经消费帮扶产品认定的青海好物。每一件都可以追溯到具体的合作社和证书编号。",
    introEn:
      "Only Qinghai goods that hold a green-food or organic certification and are recognised as consumption-aid products. Every item traces back to a named cooperative and a certificate number.",
  },
  {
    slug: "datong-produce",
    certifiedOnly: false,
    nameZh: "大通农产品",
    nameEn: "Datong Farm Produce",
    introZh:
      "来自大通回族土族自治县的牦牛肉、青稞、羊肚菌和高原蔬菜。大通与南京雨花台区结对协作，每一笔购买都计入两地协作成果。",
    introEn:
      "Yak meat, highland barley, morels and plateau vegetables from Datong Hui and Tu Autonomous County, paired with Nanjing's Yuhuatai District. Every purchase counts towards the pairing.",
  },
];

// 商品页（图片册、已售件数、相关商品、立即购买、收藏）。我的收藏的文字在 favourites.ts。
export const productPage = {
  gallery: {
    label: "商品图片",
    thumbs: "选择图片",
    show: "查看第 {{n}} 张图片",
    alt: "{{name}}（第 {{n}} 张）",
  },
  sold: "已售 {{count}}",
  soldStep: "已售 {{count}}+",
  pickupAt: "到店自提：",
  buyNow: "立即购买",
  favourite: {
    add: "收藏",
    remove: "已收藏（取消）",
    login: "登录后收藏",
    addNamed: "收藏 {{name}}",
    removeNamed: "取消收藏 {{name}}",
  },
  related: {
    title: "相关好物",
    lead: "同一县区或同一品类、现在有货的商品。",
  },
} as const;

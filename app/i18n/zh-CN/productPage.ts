// 商品页（图片册、已售件数、相关商品、立即购买、收藏）和我的收藏。
export const productPage = {
  gallery: {
    label: "商品图片",
    thumbs: "选择图片",
    show: "查看第 {{n}} 张图片",
    alt: "{{name}}（第 {{n}} 张）",
  },
  sold: "已售 {{count}}",
  soldStep: "已售 {{count}}+",
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
  favourites: {
    title: "我的收藏",
    lead: "您收藏的在售商品，最新收藏的在前。",
    empty: "还没有收藏商品。在商品页点“收藏”，它就会出现在这里。",
    browse: "去逛逛",
    remove: "取消收藏",
    removed: "已取消收藏。",
    accountLink: "我的收藏",
    accountLinkHint: "收藏的商品集中在这里，方便以后购买。",
    error: "无法收藏这件商品：它可能已下架。",
    backToAccount: "返回我的账户",
  },
} as const;

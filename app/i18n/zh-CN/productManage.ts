// 合作社后台：商品图片册（上传多张、排序、移除）和相关提示。
export const productManage = {
  lead: "第一张是封面，显示在商品卡片和商品页上。最多 {{max}} 张。",
  cover: "封面",
  position: "第 {{n}} 张",
  moveUp: "前移",
  moveDown: "后移",
  remove: "移除",
  moveUpNamed: "把第 {{n}} 张前移",
  moveDownNamed: "把第 {{n}} 张后移",
  removeNamed: "移除第 {{n}} 张",
  none: "还没有上传图片，商品页显示默认插图。",
  files: "选择图片（可多选）",
  alt: "图片说明（选填）",
  altHint: "简单描述图片内容，方便视障用户，最多 120 字。",
  newFiles: "商品图片（选填，可多选）",
  newFilesHint:
    "JPEG、PNG 或 WebP，每张不超过 5 MB，至少 400×300 像素。第一张是封面，创建后还可以调整顺序。",
  errors: {
    galleryFull: "每件商品最多 {{max}} 张图片，请先移除一些。",
    noSuchImage: "找不到这张图片，页面可能已过期，请刷新。",
    lastImage: "商品至少要保留一张图片：请先上传新图片，再移除这张。",
    altTooLong: "图片说明最多 {{max}} 字。",
  },
} as const;

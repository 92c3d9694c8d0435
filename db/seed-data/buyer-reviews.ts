// Demo buyer reviews: believable ratings and words (mostly Chinese, a few English) for the
// delivered order lines the demo seed made, with some cooperative replies. Written through
// the same domain functions as the store, so tallies and page versions stay right. Some
// lines are left unreviewed on purpose, so the demo shopper has something to review.
import { sql } from "kysely";
import type { DB } from "../connection";
import {
  replyToBuyerReview,
  submitBuyerReview,
} from "../../app/domain/buyer-reviews/buyer-reviews.server";
import { lineReviewable } from "../../app/domain/buyer-reviews/line-eligibility.server";

/** Words that fit any food or gift: packing, delivery, the aid it carries. */
const GENERAL_ZH: Array<[number, string]> = [
  [5, "第二次买了，品质稳定，包装很用心。能帮到青海的农牧民，吃着也安心。"],
  [4, "东西实在，分量足。外箱有点压痕，里面完好。"],
  [5, "单位工会统一采购的，同事们都说好，明年还会再订。"],
  [4, "价格比超市略高，但知道钱能到合作社手里，值得。"],
  [5, "合作社回复很快，发货也及时，点赞。"],
  [2, "收到时外包装破了一角，联系后合作社答应补发，希望改进包装。"],
  [3, "东西不错，就是物流比预想的慢了两天。"],
];
/** Words about one kind of goods, by category code. */
const BY_CATEGORY_ZH: Record<string, Array<[number, string]>> = {
  meat: [
    [5, "牦牛肉很新鲜，炖了一锅萝卜牛肉，家里老人孩子都说香。冷链送到还是冰的。"],
    [5, "风干牦牛肉越嚼越香，办公室下午茶的最爱。"],
    [3, "口味偏咸了一点，个人不太习惯，但肉质没问题。"],
  ],
  dairy: [
    [4, "奶味很浓，保质期短要尽快喝完，下次少买一点。"],
    [5, "酸奶很醇厚，不太甜，孩子每天早上一杯。"],
  ],
  grain: [[5, "青稞米口感很筋道，和大米掺着煮，孩子也爱吃。"]],
  pulses: [[5, "豆子颗粒饱满，熬粥很面，没有杂质。"]],
  vegetables: [[4, "菜很新鲜，有泥土味，炒出来很甜。个别有点磕碰。"]],
  fruit: [[5, "草莓很香很甜，冷链送到一个没坏，孩子抢着吃。"]],
  fungi: [[5, "羊肚菌泡发后很大朵，炖鸡汤特别鲜。"]],
  condiment: [[5, "老陈醋很地道，拌凉菜特别香，已经推荐给邻居了。"]],
  oil: [[5, "菜籽油很香，炒菜一股小时候的味道。"]],
  drinks: [[4, "味道清爽，冰镇后更好喝，就是瓶子有点重。"]],
  tea: [[5, "枸杞叶茶味道温和，泡水颜色很自然，睡前喝一杯很舒服。"]],
  handicraft: [
    [5, "刺绣做工精细，送给外地朋友当礼物很有面子。"],
    [4, "针脚细密，颜色比照片稍深一点，整体很满意。"],
  ],
  bundle: [[5, "礼包搭配合理，单位发福利大家都说实惠又有意义。"]],
};
const WORDS_EN: Array<[number, string]> = [
  [5, "Arrived well packed and exactly as described. Will order again."],
  [4, "Good quality and a nice story behind it. Delivery took a day longer than expected."],
  [5, "Bought for our office canteen; everyone liked it and we get an aid certificate too."],
];
const REPLIES = [
  "谢谢您的支持！牧民们看到您的评价很开心，欢迎常来。",
  "感谢反馈，我们会继续把好品质关。",
  "抱歉给您带来不便，包装已经改进，补发的商品已寄出。",
  "Thank you! Your support goes straight to the herders of our cooperative.",
];

/** A stable number from a line id, so the same store gets the same reviews each time. */
const pick = (id: number, salt: number) => ((id * 2654435761 + salt * 40503) >>> 0) % 1000;

/**
 * Reviews for about seven in ten delivered, not refunded, unreviewed lines of signed-in
 * buyers, dated a few days after the order (never in the future), and a reply from the
 * cooperative's manager under about a third of them. Returns how many it wrote.
 */
export async function seedDemoBuyerReviews(
  db: DB,
  now = new Date(),
): Promise<{ reviews: number; replies: number }> {
  const lines = await db
    .selectFrom("order_lines as ol")
    .innerJoin("orders as o", "o.id", "ol.order_id")
    .innerJoin("users as u", "u.id", "o.user_id")
    .leftJoin("buyer_reviews as br", "br.order_line_id", "ol.id")
    .select([
      "ol.id",
      "ol.cooperative_id",
      "ol.category_code",
      "o.user_id",
      "u.name",
      "o.created_at",
    ])
    .where("br.id", "is", null)
    .where(lineReviewable, "=", 1)
    .orderBy("ol.id")
    .execute();
  const managers = new Map(
    (
      await db
        .selectFrom("cooperative_managers as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(["m.cooperative_id", "u.id", "u.name"])
        .orderBy("u.id")
        .execute()
    ).map((m) => [m.cooperative_id, { id: m.id, name: m.name }]),
  );
  // the newest line of each buyer stays open, so every buyer has something to review
  const newestOfBuyer = new Map<number, number>();
  for (const line of lines) newestOfBuyer.set(line.user_id!, line.id);

  let reviews = 0;
  let replies = 0;
  for (const line of lines) {
    if (newestOfBuyer.get(line.user_id!) === line.id || pick(line.id, 1) >= 700) continue;
    const english = pick(line.id, 2) < 120;
    const specific = BY_CATEGORY_ZH[line.category_code] ?? [];
    // about half the Chinese reviews talk about the goods themselves
    const pool = english
      ? WORDS_EN
      : specific.length && pick(line.id, 7) < 550
        ? specific
        : GENERAL_ZH;
    const [rating, body] = pool[pick(line.id, 3) % pool.length]!;
    const days = 3 + (pick(line.id, 4) % 10);
    const at = new Date(
      Math.min(now.getTime(), new Date(line.created_at).getTime() + days * 86_400_000),
    );
    const reviewId = await submitBuyerReview(db, {
      userId: line.user_id!,
      userName: line.name,
      lineId: line.id,
      rating,
      body,
      now: at,
    });
    reviews++;
    const manager = managers.get(line.cooperative_id);
    if (manager && pick(line.id, 5) < 350) {
      await replyToBuyerReview(db, {
        cooperativeId: line.cooperative_id,
        reviewId,
        reply: english ? REPLIES[3]! : REPLIES[pick(line.id, 6) % 3]!,
        actor: manager,
        now: new Date(Math.min(now.getTime(), at.getTime() + 86_400_000)),
      });
      replies++;
    }
  }
  // keeps the planner's picture of the new tables current after a bulk write
  await sql`analyze buyer_reviews`.execute(db);
  return { reviews, replies };
}

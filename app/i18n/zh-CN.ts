// 默认语言。每个区域一个文件（zh-CN/*.ts，各自一个顶层命名空间），键名与 en/*.ts 一一对应（类型检查和测试都会核对）。
import type { Shape } from "./shape";
import { accountBook } from "./zh-CN/accountBook";
import { admin } from "./zh-CN/admin";
import { afterSales } from "./zh-CN/afterSales";
import { aidExtra } from "./zh-CN/aidExtra";
import { auth } from "./zh-CN/auth";
import { buyerRatings } from "./zh-CN/buyerRatings";
import { buyerReviews } from "./zh-CN/buyerReviews";
import { contrib } from "./zh-CN/contrib";
import { dash } from "./zh-CN/dash";
import { fulfil } from "./zh-CN/fulfil";
import { ordering } from "./zh-CN/ordering";
import { portal } from "./zh-CN/portal";
import { productManage } from "./zh-CN/productManage";
import { productPage } from "./zh-CN/productPage";
import { favourites } from "./zh-CN/favourites";
import { institutions } from "./zh-CN/institutions";
import { refund } from "./zh-CN/refund";
import { review } from "./zh-CN/review";
import { searchHelp } from "./zh-CN/searchHelp";
import { security } from "./zh-CN/security";
import { store } from "./zh-CN/store";
import { counters } from "./zh-CN/counters";
import { home } from "./zh-CN/home";
import { coop, coopKind, county } from "./zh-CN/origin";
import { pickup } from "./zh-CN/pickup";
import { counterDesk } from "./zh-CN/counterDesk";
import { till } from "./zh-CN/till";
import { titles } from "./zh-CN/titles";
import { transparency } from "./zh-CN/transparency";

const zhCN = {
  ...store,
  ...ordering,
  auth,
  portal,
  fulfil,
  review,
  admin,
  dash,
  refund,
  contrib,
  aidExtra,
  accountBook,
  productPage,
  favourites,
  institutions,
  productManage,
  transparency,
  buyerReviews,
  buyerRatings,
  searchHelp,
  afterSales,
  security,
  counters,
  home,
  coop,
  coopKind,
  county,
  pickup,
  counterDesk,
  till,
  titles,
} as const;

export default zhCN;
export type Messages = Shape<typeof zhCN>;

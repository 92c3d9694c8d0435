import { accountBook } from "./en/accountBook";
import { admin } from "./en/admin";
import { afterSales } from "./en/afterSales";
import { aidExtra } from "./en/aidExtra";
import { auth } from "./en/auth";
import { buyerRatings } from "./en/buyerRatings";
import { buyerReviews } from "./en/buyerReviews";
import { contrib } from "./en/contrib";
import { dash } from "./en/dash";
import { fulfil } from "./en/fulfil";
import { ordering } from "./en/ordering";
import { portal } from "./en/portal";
import { productManage } from "./en/productManage";
import { productPage } from "./en/productPage";
import { favourites } from "./en/favourites";
import { institutions } from "./en/institutions";
import { refund } from "./en/refund";
import { review } from "./en/review";
import { searchHelp } from "./en/searchHelp";
import { security } from "./en/security";
import { store } from "./en/store";
import { counters } from "./en/counters";
import { home } from "./en/home";
import { coop, coopKind, county } from "./en/origin";
import { pickup } from "./en/pickup";
import { counterDesk } from "./en/counterDesk";
import { till } from "./en/till";
import { titles } from "./en/titles";
import { transparency } from "./en/transparency";
import type { Messages } from "./zh-CN";

const en: Messages = {
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
};

export default en;

// The checkout form's fixed choices, for the page and the server. Plain values only: no
// schema is built here, so the page bundle stays free of zod (ADR 028).

export const NANJING_DISTRICTS = [
  "玄武区",
  "秦淮区",
  "建邺区",
  "鼓楼区",
  "浦口区",
  "栖霞区",
  "雨花台区",
  "江宁区",
  "六合区",
  "溧水区",
  "高淳区",
] as const;

import type { Shape } from "../shape";
import type { contrib as zh } from "../zh-CN/contrib";

export const contrib: Shape<typeof zh> = {
  title: "My consumption aid",
  accountLink: "My aid contribution and certificates",
  accountLinkHint: "See your aid by year and county, and issue a certificate anyone can verify.",
  lead: "Every certified consumption-aid product you buy is recorded in the aid ledger. The amounts below come from the ledger: certified goods only, with refunds subtracted.",
  institutionLink: "Institution account and purchasers",
  institutionLinkHint:
    "Buying for an institution: its credit code, purchasers and yearly reserved share.",
  backToAccount: "Back to my account",
  total: "Total aid",
  empty:
    "No aid recorded yet. Buy goods marked “consumption-aid certified” and the amount shows here.",
  browse: "Start shopping",
  saved: "Saved.",
  years: {
    title: "By year",
    year: "Year",
    yearLabel: "{{year}}",
    amount: "Aid",
  },
  counties: {
    title: "By county",
    lead: "Each Xining county is paired with a Nanjing district.",
    county: "County of origin",
    paired: "Paired Nanjing district",
    amount: "Aid",
    unpaired: "not paired",
  },
  yearCounties: {
    title: "By year and county",
  },
  recent: {
    title: "Recent entries",
    date: "Date",
    product: "Product",
    order: "Order",
    amount: "Amount",
    refund: "Refund",
    giftBox: "Gift box",
    split: "Where its aid went:",
  },
  certificate: {
    institutionTitle: "In the institution’s name",
    institutionLead:
      "A certificate for {{name}}: the aid all its purchasers bought for it, in the institution’s name.",
    issueInstitution: "Issue in the institution’s name",
    holder: "Issued to",
    title: "Aid certificate",
    lead: "Issue a printable consumption-aid certificate for a year. It carries a verification address: anyone can open it to check the amount and period, without seeing your contacts or orders.",
    year: "Year",
    issue: "Issue certificate",
    none: "No year with aid to certify yet.",
    issuedTitle: "Certificates issued",
    code: "Certificate number",
    amount: "Certified amount",
    issuedAt: "Issued",
    open: "View and print",
    heading: "Consumption aid certificate",
    statement:
      "This certifies that {{name}}, between {{start}} and {{end}}, bought certified consumption-aid products from Xining through the Shanhai store, counted as East–West cooperation consumption aid of:",
    wan: "{{wan}} × 10,000 yuan",
    asOf: "As recorded in the aid ledger when issued, after any earlier refunds.",
    period: "Period",
    periodValue: "{{start}} to {{end}}",
    publicName: "Shown when verified as",
    verifyHint:
      "Scan the QR code, or open the address under it, to check the number, period and amount.",
    issuer: "Shanhai · Nanjing–Xining consumption-aid store",
    print: "Print",
    printHint: "Use your browser’s Print to print this page or save it as a PDF.",
    back: "Back to my aid",
    stale:
      "The ledger amount has changed since this was issued (now {{amount}}); you can issue a new certificate.",
  },
  breakdown: {
    title: "Where the aid went",
    county: "County",
    amount: "Amount",
    paired: "paired with {{district}}",
    boxesTitle: "Of which gift boxes",
    boxesLead:
      "A gift box is credited item by item to each county: each box bought, and how its amount was split.",
  },
  verify: {
    title: "Verify an aid certificate",
    lead: "This page checks a consumption-aid certificate against the aid ledger. To protect privacy it shows only a masked name, never contacts or orders.",
    code: "Certificate number",
    holder: "Issued to",
    period: "Period",
    issuedAt: "Issued",
    issuedAmount: "Certified amount",
    currentAmount: "Ledger amount now",
    matches: "Matches: the ledger amount now equals the certified amount.",
    lower:
      "Differs: refunds since the certificate was issued have lowered the ledger amount below the certified amount.",
    higher:
      "Differs: purchases since the certificate was issued have raised the ledger amount above the certified amount.",
    notFoundTitle: "No such certificate",
    notFoundBody:
      "Please check the number. It looks like SH-CERT-2026-XXXXX-XXXXX and never contains the digits 0 and 1 or the letters I and O.",
  },
  /** the QR code on the printed certificate and the verification page (issue 13) */
  qr: {
    caption: "Scan to verify",
    alt: "QR code of the certificate’s verification page: {{url}}",
  },
  institution: {
    title: "Buying for an institution",
    member:
      "You buy for {{name}} ({{type}}). Orders placed for it count towards its aid and reserved share, not towards your own total above.",
    total: "The institution’s aid so far",
    codeMissing:
      "The institution’s unified social credit code is missing; its administrator should add it.",
    manage: "Institution details and purchasers",
    none: "Buying for a government unit, state-owned or private enterprise, or union? With an institution account every purchaser’s orders count towards one reserved share, and certificates are issued in the institution’s name.",
    create: "Create or join an institution account",
  },
  progress: {
    title: "Reserved share in {{year}}",
    label: "{{percent}}% of the reserved share",
    achieved: "Bought",
    target: "Reserved share",
    remaining: "Still to go",
    done: "This year’s reserved share is reached. Thank you!",
    noTarget: "No yearly reserved share set yet; set one to follow your progress here.",
  },
  thanks: {
    settingsTitle: "Thanks board",
    settingsLead:
      "If you like, your name and this year’s aid can appear on the public thanks board.",
    optIn: "Show me on the thanks board",
    name: "Display name",
    nameHint:
      "Left empty, it shows “{{masked}}”. Please no phone numbers, emails or other personal details.",
    save: "Save",
    boardTitle: "Thanks board {{year}}",
    boardLead:
      "Thank you to these buyers, listed at their own wish: the consumption-aid goods they bought help cooperatives and farmers in Datong, Huangyuan and Huangzhong. Amounts come from the aid ledger, after refunds.",
    rank: "Rank",
    buyer: "Buyer",
    amount: "Aid",
    institution: "institution",
    empty: "Nobody on this year’s board yet.",
    join: "Want to be listed? Sign in and tick the box under “My consumption aid”.",
    link: "Thanks board",
    homeLink: "See the thanks board",
  },
  errors: {
    year: "Choose a year with aid.",
    nothing: "There is no aid to certify for that year.",
    thanksName: "At most 20 characters, and no phone numbers or emails.",
  },
};

import type { Shape } from "../shape";
import type { institutions as zh } from "../zh-CN/institutions";

export const institutions: Shape<typeof zh> = {
  title: "Institution account",
  lead: "Government units, state-owned and private enterprises and unions buy in their own name: each of the institution’s purchasers chooses “buy for my institution” at checkout, the order counts towards the institution’s aid and yearly reserved share, and certificates are issued in its name.",
  backToAccount: "Back to my account",
  createTitle: "Create an institution account",
  createLead:
    "You become its administrator and can add other purchasers. The unified social credit code is checked with its check character.",
  create: "Create institution account",
  created: "The institution account was created.",
  saved: "Institution details saved.",
  joinHint:
    "Your institution already has an account? Ask its administrator to add you as a purchaser by your phone number or e-mail.",
  profileTitle: "Institution details",
  name: "Institution name",
  creditCode: "Unified social credit code",
  creditCodeHint:
    "18 characters, printed on the business licence or legal-person certificate, e.g. 91350100M000100Y43.",
  creditCodeMissing: "Not given yet",
  type: "Type",
  fundingSource: "Funding source",
  choose: "Choose",
  reservedShare: "Yearly reserved share (yuan)",
  reservedShareHint:
    "The part of a government unit’s yearly canteen food budget reserved for goods from formerly poor areas, usually at least 10%. Optional.",
  thanksOptIn: "Show the institution’s name and this year’s aid on the public thanks board",
  save: "Save institution details",
  yourRole: "Your role: {{role}}",
  roles: {
    admin: "Administrator",
    purchaser: "Purchaser",
  },
  membersTitle: "Purchasers",
  membersLead:
    "These people can choose to buy for the institution at checkout; all their orders count towards one reserved share.",
  member: "Name",
  contact: "Sign-in",
  role: "Role",
  addedAt: "Added",
  remove: "Remove",
  removed: "Removed.",
  addTitle: "Add a purchaser",
  addLead: "They need a Shanhai account first, opened with their phone number or e-mail.",
  login: "Phone number or e-mail",
  add: "Add",
  added: "Purchaser added.",
  leave: "Stop buying for this institution",
  left: "You no longer buy for that institution.",
  progressLink: "Reserved share progress and certificates",
  checkout: {
    buyAs: "Who is buying",
    forInstitution: "For {{name}} ({{type}})",
    self: "For myself",
    hint: "Buying for the institution, its account gives the buyer type, name, funding source and tax number; the order counts towards its reserved share.",
  },
  errors: {
    name: "Enter the institution’s name (2–80 characters).",
    creditCode: {
      length: "A unified social credit code has 18 characters.",
      characters:
        "The code holds characters it cannot have (no I, O, S, V or Z; characters 3–8 are digits).",
      check: "The code’s check character does not match; please look for a typo.",
    },
    creditCodeTaken:
      "An institution account already holds this code; ask its administrator to add you.",
    type: "Choose the institution’s type.",
    fundingSource: "Choose a funding source.",
    reservedShare: "Enter an amount in yuan above zero, with at most two decimals.",
    login: "Enter the phone number or e-mail they signed up with.",
    noSuchShopper: "No shopper account uses that phone number or e-mail.",
    alreadyHere: "They already buy for this institution.",
    inAnother: "They already buy for another institution; a person buys for one at most.",
    alreadyMember: "You already buy for an institution.",
    notAdmin: "Only the institution’s administrator can change its details and purchasers.",
    notMember: "You are not a purchaser of that institution, so you cannot order in its name.",
    lastAdmin: "You are the institution’s only administrator, so you cannot leave or be removed.",
  },
};

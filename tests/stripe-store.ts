// Route tests that take money through Stripe: the store's environment pointed at the loopback
// fake, and the checkout form a shopper fills in.
import { FakeStripe } from "./fakes/stripe-api";

export const TEST_WEBHOOK_SECRET = "whsec_test_secret_for_shanhai";
const KEYS = ["PAYMENT_GATEWAY", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE"];

/** Starts the fake and sets PAYMENT_GATEWAY=stripe and its keys, before env() is first read. */
export async function useStripeFake(): Promise<FakeStripe> {
  const fake = await new FakeStripe().start();
  Object.assign(process.env, {
    PAYMENT_GATEWAY: "stripe",
    STRIPE_SECRET_KEY: "sk_test_shanhai",
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    STRIPE_API_BASE: `http://127.0.0.1:${fake.port}`,
  });
  return fake;
}

export async function stopStripeFake(fake: FakeStripe | undefined): Promise<void> {
  await fake?.stop();
  for (const key of KEYS) delete process.env[key];
}

/** A valid individual buyer's checkout form. */
export const shopperCheckoutForm = {
  contactName: "王小明",
  phone: "13812345678",
  email: "wang@example.com",
  province: "江苏省",
  city: "南京市",
  district: "雨花台区",
  street: "软件大道 101 号",
  buyerType: "individual",
};
